"""The staff dashboard, "my work" and the inboxes count from aggregate queries: 3 or 30 rows of every module
cost the same number of queries."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quartierwerk.actors.models import Organisation
from quartierwerk.events.models import Event
from tests.fund.conftest import fund, make_application  # noqa: F401 - fixtures of the fund inbox
from tests.reports.conftest import body, category, make_reports, rubbish  # noqa: F401 - fixtures of the reports

pytestmark = pytest.mark.django_db

PAGES = [
    ("core:dashboard", True),
    ("core:staff_home", False),
    ("reports:inbox", True),
    ("fund:inbox", True),
    ("actors:staff_index", True),
    ("events:staff_calendar", True),
]


def _rows(quarter, make_reports, make_application, n, start):  # noqa: F811
    make_reports(n)
    now = timezone.now()
    Event.objects.bulk_create(
        [
            Event(
                quarter=quarter,
                city=quarter.city,
                title=f"Termin {start + i}",
                starts_at=now + datetime.timedelta(days=1 + i % 6),
                ends_at=now + datetime.timedelta(days=1 + i % 6, hours=2),
            )
            for i in range(n)
        ]
    )
    Organisation.objects.bulk_create(
        [
            Organisation(
                quarter=quarter,
                name=f"Verein {start + i}",
                slug=f"verein-{start + i}",
                status=Organisation.Status.PENDING if i % 2 else Organisation.Status.VERIFIED,
            )
            for i in range(n)
        ]
    )
    for _ in range(n):
        make_application("submitted")


def _count(client, url) -> int:
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_dashboard_my_work_and_inboxes_cost_the_same_queries_for_3_and_30_rows(
    client,
    quarter,
    fund,  # noqa: F811
    make_reports,  # noqa: F811
    make_application,  # noqa: F811
    user_with_role,
    login_as,
):
    login_as(user_with_role("staff"))
    urls = [reverse(name, args=[quarter.slug] if with_slug else []) for name, with_slug in PAGES]
    _rows(quarter, make_reports, make_application, 3, 0)
    for url in urls:  # once, for what each process loads once (choice labels, content types)
        _count(client, url)
    few = {url: _count(client, url) for url in urls}
    _rows(quarter, make_reports, make_application, 27, 100)
    many = {url: _count(client, url) for url in urls}
    assert few == many
