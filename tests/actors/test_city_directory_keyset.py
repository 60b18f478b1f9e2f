"""The directory across all quarters pages by (name, id) after a signed cursor: no count, "next" and
"previous" instead of page numbers, and the same queries for 3 entries as for 30."""

import html
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quartierwerk.actors.models import Organisation
from quartierwerk.core import keyset

from .conftest import make_org

pytestmark = pytest.mark.django_db

URL = "/actors/"
ENTRY = re.compile(r'href="[^"]*/(verein-\d+)/"')


def fresh_get(client, url):
    for cache in caches.all():
        cache.clear()
    return client.get(url, HTTP_ACCEPT_LANGUAGE="de")


def link(page_html: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]*)" rel="{rel}">', page_html.split('id="directory-results"')[1])
    return URL + html.unescape(found.group(1)) if found else None


def make_orgs(quarter, other_quarter, n, *, offset=0):
    """n entries in two cities, three at a time with the same name (ties are ordered by id)."""
    orgs = []
    for i in range(offset, offset + n):
        org = make_org(
            other_quarter if i % 2 else quarter,
            name=f"Verein {i:02d} tmp",
            kind="youth_facility" if i % 5 == 0 else "social_service",
        )
        Organisation.objects.filter(pk=org.pk).update(name=f"Verein {i // 3:02d}", slug=f"verein-{i:02d}")
        orgs.append(org)
    return orgs


def test_the_url_is_the_one_named():
    assert reverse("actors:city_directory") == URL


def test_next_and_previous_walk_every_entry_once_in_order(client, quarter, other_quarter):
    make_orgs(quarter, other_quarter, 60)
    hidden = make_org(quarter, name="Verein 05 privat", is_public=False)
    Organisation.objects.filter(pk=hidden.pk).update(slug="verein-99")
    seen, pages, url = [], [], URL
    while url:
        page = fresh_get(client, url).content.decode()
        assert not re.search(r"Seite \d", page) and "Einträge gefunden" not in page, (
            "no page numbers or count"
        )
        pages.append(page)
        seen += ENTRY.findall(page)
        url = link(page, "next")
    assert seen == [f"verein-{i:02d}" for i in range(60)]
    assert len(pages) == 3 and link(pages[0], "prev") is None
    back = fresh_get(client, link(pages[2], "prev")).content.decode()
    assert ENTRY.findall(back) == ENTRY.findall(pages[1])
    first = fresh_get(client, link(back, "prev")).content.decode()
    assert ENTRY.findall(first) == ENTRY.findall(pages[0]) and link(first, "prev") is None


def test_filters_are_kept_in_the_links(client, quarter, other_quarter):
    make_orgs(quarter, other_quarter, 150)
    page = fresh_get(client, URL + "?kind=youth_facility").content.decode()
    nxt = link(page, "next")
    assert "kind=youth_facility" in nxt and "after=" in nxt
    rest = ENTRY.findall(fresh_get(client, nxt).content.decode())
    assert ENTRY.findall(page) + rest == [f"verein-{i:02d}" for i in range(0, 150, 5)]


def test_the_quarter_directory_keeps_its_count_and_page_numbers(client, quarter, other_quarter):
    make_orgs(quarter, other_quarter, 60)
    page = fresh_get(client, reverse("actors:directory", args=[quarter.slug])).content.decode()
    assert "30 Einträge gefunden" in page and "page=2" in page


@pytest.mark.parametrize("query", ["?page=3", "?page=2&kind=youth_facility", "?page=kaputt"])
def test_an_old_page_number_link_leads_to_the_first_page(client, query):
    response = client.get(URL + query)
    assert response.status_code in (301, 302)
    assert response["Location"] == URL + ("?kind=youth_facility" if "kind" in query else "")


@pytest.mark.parametrize("cursor", ["kaputt", "eyJrIjoibmFtZSJ9:abc:def", "%00", "x" * 500])
def test_a_tampered_cursor_gives_the_first_page(client, quarter, other_quarter, cursor):
    make_orgs(quarter, other_quarter, 30)
    first = fresh_get(client, URL).content.decode()
    for param in ("after", "before"):
        response = fresh_get(client, f"{URL}?{param}={cursor}")
        assert response.status_code == 200
        assert ENTRY.findall(response.content.decode()) == ENTRY.findall(first)
    nxt = link(first, "next")
    moved = nxt[:-3] + ("AAA" if not nxt.endswith("AAA") else "BBB")
    assert ENTRY.findall(fresh_get(client, moved).content.decode()) == ENTRY.findall(first)
    # A cursor of another list (the calendar sorts by start) is not one of ours.
    org = Organisation.objects.order_by("name", "pk")[3]
    other = keyset.encode_cursor("starts_at", timezone.now(), org.pk)
    assert ENTRY.findall(fresh_get(client, URL + "?after=" + other).content.decode()) == ENTRY.findall(first)


@pytest.mark.parametrize("second_page", [False, True])
def test_three_or_thirty_entries_cost_the_same_queries_and_no_count(
    client, quarter, other_quarter, second_page
):
    counts = []
    for n, offset in ((3, 0), (27, 3)):  # 3, then 30
        make_orgs(quarter, other_quarter, n, offset=offset)
        url = URL
        if second_page:
            first = Organisation.objects.order_by("name", "pk").first()
            url += "?after=" + keyset.encode_cursor("name", first.name, first.pk)
        with CaptureQueriesContext(connection) as ctx:
            response = fresh_get(client, url)
        assert response.status_code == 200
        sql = " ".join(q["sql"].upper() for q in ctx.captured_queries)
        assert "COUNT(" not in sql and "OFFSET" not in sql
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
