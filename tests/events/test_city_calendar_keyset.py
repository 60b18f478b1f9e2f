"""The calendar across all quarters pages its one-off dates by (start, id) after a signed cursor: no count,
"next" and "previous" instead of page numbers, and the same queries for 3 dates as for 30."""

import datetime
import html
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartierwerk.core import keyset
from quartierwerk.events.models import Event

from .conftest import at

pytestmark = pytest.mark.django_db

URL = "/events/"
TITLE = re.compile(r">(Termin \d\d)<")


def fresh_get(client, url):
    for cache in caches.all():
        cache.clear()
    return client.get(url, HTTP_ACCEPT_LANGUAGE="de")


def link(page_html: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]*)" rel="{rel}">', page_html.split('class="calendar-dated"')[1])
    return URL + html.unescape(found.group(1)) if found else None


def make_dates(make_event, other_quarter, n, *, offset=0):
    """n one-off dates in two cities, three at a time on the same hour (ties are ordered by id)."""
    for i in range(offset, offset + n):
        make_event(f"Termin {i:02d}", days=2 + i // 3, target_quarter=other_quarter if i % 2 else None)


def test_the_url_is_the_one_named():
    assert reverse("events:city_calendar") == URL


def test_next_and_previous_walk_every_date_once_in_order(client, quarter, other_quarter, make_event):
    start = at(5, 14)
    make_event(
        "Offene Sprechstunde",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        recurrence=Event.Recurrence.WEEKLY,
    )
    make_dates(make_event, other_quarter, 60)
    seen, pages, url = [], [], URL
    while url:
        page = fresh_get(client, url).content.decode()
        assert page.count(">Offene Sprechstunde<") == 1, "the regular dates on every page"
        assert not re.search(r"Seite \d", page), "no page numbers"
        pages.append(page)
        seen += TITLE.findall(page)
        url = link(page, "next")
    assert seen == [f"Termin {i:02d}" for i in range(60)]
    assert len(pages) == 3 and link(pages[0], "prev") is None
    # Back from the last page: the pages before it, the same dates.
    back = fresh_get(client, link(pages[2], "prev")).content.decode()
    assert TITLE.findall(back) == TITLE.findall(pages[1])
    first = fresh_get(client, link(back, "prev")).content.decode()
    assert TITLE.findall(first) == TITLE.findall(pages[0]) and link(first, "prev") is None


def test_filters_are_kept_in_the_links(client, quarter, other_quarter, make_event):
    make_dates(make_event, other_quarter, 30)
    Event.objects.update(kind=Event.Kind.WORKSHOP)
    page = fresh_get(client, URL + "?kind=workshop&city=" + quarter.city.slug).content.decode()
    assert TITLE.findall(page) == [f"Termin {i:02d}" for i in range(0, 30, 2)]
    assert link(page, "next") is None
    page = fresh_get(client, URL + "?kind=workshop").content.decode()
    nxt = link(page, "next")
    assert "kind=workshop" in nxt and "after=" in nxt
    assert TITLE.findall(fresh_get(client, nxt).content.decode()) == [
        f"Termin {i:02d}" for i in range(25, 30)
    ]


@pytest.mark.parametrize("query", ["?page=3", "?page=2&kind=workshop", "?page=kaputt"])
def test_an_old_page_number_link_leads_to_the_first_page(client, query):
    response = client.get(URL + query)
    assert response.status_code in (301, 302)
    assert response["Location"] == URL + ("?kind=workshop" if "kind" in query else "")


@pytest.mark.parametrize(
    "cursor",
    ["kaputt", "eyJrIjoic3RhcnRzX2F0In0:abc:def", "", "%00", "x" * 500],
)
def test_a_tampered_cursor_gives_the_first_page(client, quarter, other_quarter, make_event, cursor):
    make_dates(make_event, other_quarter, 30)
    first = fresh_get(client, URL).content.decode()
    for param in ("after", "before"):
        response = fresh_get(client, f"{URL}?{param}={cursor}")
        assert response.status_code == 200
        assert TITLE.findall(response.content.decode()) == TITLE.findall(first)
    # A cursor of another list (the directory sorts by name) is not one of ours either.
    nxt = link(first, "next")
    moved = nxt[:-3] + ("AAA" if not nxt.endswith("AAA") else "BBB")
    assert TITLE.findall(fresh_get(client, moved).content.decode()) == TITLE.findall(first)


@pytest.mark.parametrize("second_page", [False, True])
def test_three_or_thirty_dates_cost_the_same_queries_and_no_count(
    client, quarter, other_quarter, make_event, second_page
):
    counts = []
    for n, offset in ((3, 0), (27, 3)):  # 3, then 30
        make_dates(make_event, other_quarter, n, offset=offset)
        url = URL
        if second_page:
            # After the first date: a page of 2 dates, then one of 25.
            first = Event.objects.order_by("starts_at", "pk").first()
            url += "?after=" + keyset.encode_cursor("starts_at", first.starts_at, first.pk)
        with CaptureQueriesContext(connection) as ctx:
            response = fresh_get(client, url)
        assert response.status_code == 200
        sql = " ".join(q["sql"].upper() for q in ctx.captured_queries)
        assert "COUNT(" not in sql and "OFFSET" not in sql
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
