"""Regular dates across every city: a page of weekly series at a time, all of them reachable, fixed queries."""

import html as htmllib
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartierwerk.events import selectors

from .test_calendar_views import weekly

pytestmark = pytest.mark.django_db


def _series(make_event, quarters, n, *, start=0):
    return [
        weekly(
            make_event,
            f"Sprechstunde {start + i:03d}",
            weekday=i % 7,
            hour=9 + i % 3,
            target_quarter=quarters[i % 2],
        )
        for i in range(n)
    ]


def _page(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    text = response.content.decode()
    section = text.split('class="calendar-series"')[1].split("</section>")[0]
    titles = re.findall(r"<span lang=\"de\" dir=\"ltr\">(Sprechstunde \d+)</span></a>", section)
    nxt = re.search(r'<a href="(\?[^"]*series_after=[^"]*)" rel="next"', section)
    return titles, (htmllib.unescape(nxt.group(1)) if nxt else None)


def test_every_series_of_every_city_is_reached_page_by_page_once(client, quarter, other_quarter, make_event):
    size = selectors.SERIES_PAGE_SIZE
    made = _series(make_event, [quarter, other_quarter], size + 12)
    url = reverse("events:city_calendar")
    seen, pages, query = [], 0, ""
    while True:
        titles, nxt = _page(client, url + query)
        assert len(titles) <= size
        seen += titles
        pages += 1
        if nxt is None:
            break
        _series(make_event, [quarter], 1, start=900 + pages)  # an office adds a series while someone reads
        query = nxt
    assert pages == 2
    assert len(seen) == len(set(seen))
    assert {e.title for e in made} <= set(seen)


def test_the_series_page_is_in_timetable_order(client, quarter, other_quarter, make_event):
    _series(make_event, [quarter, other_quarter], 14)
    titles, _next = _page(client, reverse("events:city_calendar"))
    monday_first = [t for t in titles if int(t.split()[1]) % 7 == 0]
    assert titles[: len(monday_first)] == monday_first


@pytest.mark.parametrize("url_name", ["events:city_calendar", "events:calendar"])
def test_three_or_fifty_series_cost_the_same_queries_and_show_one_page(
    client, quarter, other_quarter, make_event, url_name
):
    url = reverse(url_name, args=[quarter.slug] if url_name == "events:calendar" else [])
    counts = []
    for n, start in ((3, 0), (47, 100)):  # 3, then 50 series
        _series(
            make_event, [quarter, quarter if url_name == "events:calendar" else other_quarter], n, start=start
        )
        for cache in caches.all():
            cache.clear()  # these events were written straight through the ORM, without an audit
        with CaptureQueriesContext(connection) as ctx:
            titles, _next = _page(client, url)
        counts.append(len(ctx.captured_queries))
    assert len(titles) == selectors.SERIES_PAGE_SIZE and _next
    assert counts[0] == counts[1], counts
