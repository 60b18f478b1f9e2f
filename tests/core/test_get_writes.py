"""No GET request of the core writes: links from e-mails and page visits only read (a button posts)."""

import re

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from quartierwerk.core import services
from quartierwerk.core.privacy_services import export as privacy_export
from tests.conftest import create_user

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
# The session store and django-axes' log of requests are not the data the pages manage.
NOT_DATA = ("django_session", "axes_")


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if WRITE.match(q["sql"]) and not any(t in q["sql"] for t in NOT_DATA)]


def _core_pages(quarter):
    """Every core page whose URL needs nothing but a quarter's or city's slug."""
    _prefix, core = get_resolver().namespace_dict["core"]
    values = {"slug": quarter.slug, "city_slug": quarter.city.slug, "city": quarter.city.slug}
    for name in core.reverse_dict:
        if not isinstance(name, str):
            continue
        for _possibilities, _pattern, defaults, converters in core.reverse_dict.getlist(name):
            if set(converters) <= set(values) and not defaults:
                yield reverse(f"core:{name}", kwargs={p: values[p] for p in converters})
                break


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "staff", "admin"])
def test_core_pages_write_nothing_on_get(client, login_as, user_with_role, quarter, role):
    login_as(user_with_role(role))
    pages = sorted(set(_core_pages(quarter)))
    assert len(pages) > 15
    for url in pages:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert _writes(queries.captured_queries) == [], url


@pytest.mark.django_db
def test_e_mail_links_write_nothing_on_get(client, quarter):
    user = create_user("neu@test.example", is_active=False)
    token = signing.dumps({"u": user.pk, "e": user.email}, salt=services.CONFIRM_SALT)
    export = signing.dumps("neu@test.example", salt=privacy_export.CONFIRM_SALT)
    for url in [
        reverse("core:confirm_email", args=[token]),
        reverse("core:privacy_export_confirm", args=[export]),
    ]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert _writes(queries.captured_queries) == [], url


@pytest.mark.django_db
def test_showing_the_second_factor_set_up_stores_nothing(client):
    client.force_login(create_user("neu@test.example"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:two_factor")).status_code == 200
    assert _writes(queries.captured_queries) == []
