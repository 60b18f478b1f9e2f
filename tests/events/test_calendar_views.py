"""The calendar shows each weekly series once beside the one-off dates; "Monat" is a grid of weeks. Both cost the
same number of queries for 3 events as for 30."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quartierwerk.events.models import Event

pytestmark = pytest.mark.django_db


def next_weekday(weekday: int, hour: int) -> datetime.datetime:
    """The next local date on `weekday` (Monday 0) at least two days ahead, at `hour`."""
    day = timezone.localdate() + datetime.timedelta(days=2)
    day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def weekly(make_event, title, *, weekday=1, hour=14, hours=3, **fields):
    start = next_weekday(weekday, hour)
    return make_event(
        title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=(start + datetime.timedelta(weeks=30)).date(),
        **fields,
    )


def german(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    return response.content.decode()


def test_a_weekly_series_shows_once_as_a_regular_date(client, quarter, make_event):
    hours = weekly(make_event, "Offene Sprechstunde", kind=Event.Kind.CONSULTATION_HOURS)
    make_event("Hoffest", days=3)
    make_event("Lesecafé", days=10)
    html = german(client, reverse("events:calendar", args=[quarter.slug]))

    assert "Regelmäßige Termine" in html
    assert html.count("jeden Dienstag, 14–17 Uhr") == 1
    assert html.count(">Offene Sprechstunde<") == 1
    assert hours.get_absolute_url() in html
    first = timezone.localtime(hours.starts_at)
    assert f"nächster Termin: Di, {first.day}." in html
    # The dated list holds only the one-off events.
    dated = html.split('class="calendar-dated"')[1].split('class="calendar-series"')[0]
    assert ">Hoffest<" in dated and ">Lesecafé<" in dated and "Offene Sprechstunde" not in dated


def test_hours_with_minutes_and_skipped_dates(client, quarter, make_event):
    series = weekly(make_event, "Nähcafé", weekday=3, hour=9, hours=2)
    series.starts_at += datetime.timedelta(minutes=30)
    series.ends_at += datetime.timedelta(minutes=30)
    skipped = (timezone.localtime(series.starts_at) + datetime.timedelta(weeks=2)).date()
    series.exception_dates = [skipped.isoformat()]
    series.save()
    html = german(client, reverse("events:calendar", args=[quarter.slug]))
    assert "jeden Donnerstag, 9:30–11:30 Uhr" in html
    assert "Nicht am" in html and f"{skipped.day}. " in html


def test_the_city_calendar_shows_series_once_and_english_reads_every(client, quarter, make_event):
    weekly(make_event, "Offene Sprechstunde")
    html = german(client, reverse("events:city_calendar"))
    assert html.count("jeden Dienstag, 14–17 Uhr") == 1
    client.cookies["django_language"] = "en"
    html = client.get(reverse("events:city_calendar"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "every Tuesday, 14–17 h" in html and "Regular dates" in html


def test_pagination_pages_through_the_one_off_dates(client, quarter, make_event):
    weekly(make_event, "Offene Sprechstunde")
    for n in range(30):
        make_event(f"Einzeltermin {n:02d}", days=2 + n)
    url = reverse("events:calendar", args=[quarter.slug])
    first, second = german(client, url), german(client, url + "?page=2")
    assert ">Einzeltermin 00<" in first and ">Einzeltermin 29<" not in first
    assert ">Einzeltermin 29<" in second
    assert first.count(">Offene Sprechstunde<") == 1


def test_feeds_still_list_every_date_of_a_series(client, quarter, make_event):
    weekly(make_event, "Offene Sprechstunde")
    ics = client.get(reverse("events:quarter_ics", args=[quarter.slug])).content.decode()
    assert "RRULE:FREQ=WEEKLY" in ics
    rss = client.get(reverse("events:quarter_rss", args=[quarter.slug])).content.decode()
    assert rss.count("<title>Offene Sprechstunde") > 1


def fresh_get(client, url):
    """A GET past the page cache (these events were written straight through the ORM, without an audit)."""
    for cache in caches.all():
        cache.clear()
    return client.get(url)


def make_many(make_event, n):
    for i in range(n):
        weekly(make_event, f"Serie {i}", weekday=i % 7, hour=8 + i % 10)
        make_event(f"Termin {i}", days=1 + i)


# The calendar across all quarters pages by cursor, not ?page (its pages: test_city_calendar_keyset.py).
QUERY_CASES = [
    (url_name, suffix)
    for url_name in ("events:calendar", "events:city_calendar")
    for suffix in ("", "?page=2", "?view=month", "?kind=workshop")
    if not (url_name == "events:city_calendar" and suffix == "?page=2")
]


@pytest.mark.parametrize(("url_name", "suffix"), QUERY_CASES)
def test_three_or_thirty_series_and_events_cost_the_same_queries(
    client, quarter, other_quarter, make_event, url_name, suffix
):
    url = reverse(url_name, args=[quarter.slug] if url_name == "events:calendar" else []) + suffix
    counts = []
    for n in (3, 27):  # 3, then 30 of each
        make_many(make_event, n)
        with CaptureQueriesContext(connection) as ctx:
            response = fresh_get(client, url)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_the_list_page_reads_three_queries(client, quarter, make_event):
    make_many(make_event, 30)
    url = reverse("events:calendar", args=[quarter.slug])
    with CaptureQueriesContext(connection) as ctx:
        fresh_get(client, url)
    event_queries = [q["sql"] for q in ctx.captured_queries if "events_event" in q["sql"]]
    assert len(event_queries) == 3, event_queries


def test_month_is_a_grid_of_weeks(client, quarter, make_event):
    series = weekly(make_event, "Offene Sprechstunde")
    single = make_event("Hoffest", days=3)
    month = timezone.localtime(single.starts_at).date().replace(day=1)
    url = reverse("events:calendar", args=[quarter.slug]) + f"?view=month&month={month:%Y-%m}"
    html = german(client, url)

    grid = html.split('<table class="month-grid"')[1].split("</table>")[0]
    headers = re.findall(r'<th scope="col"><abbr title="([^"]+)">([^<]+)</abbr></th>', grid)
    assert [full for full, _ in headers] == [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ]
    rows = grid.split("<tbody>")[1].count("<tr>")
    assert rows in (4, 5, 6)
    assert grid.split("<tbody>")[1].count("<td") == rows * 7
    # The grid starts on a Monday and ends on a Sunday; each cell a day.
    days = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', grid)
    assert datetime.date.fromisoformat(days[0]).weekday() == 0
    assert datetime.date.fromisoformat(days[-1]).weekday() == 6
    assert len(days) == rows * 7
    assert f'href="{single.get_absolute_url()}"' in grid
    # A weekly event is in each of its weeks.
    assert grid.count(f'href="{series.get_absolute_url()}"') >= 3
    assert f"?view=month&amp;month={(month - datetime.timedelta(days=1)):%Y-%m}" in html
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    assert f"?view=month&amp;month={next_month:%Y-%m}" in html
    # The list of days stays for phones and screen readers.
    assert 'class="month-list"' in html and ">Hoffest<" in html.split('class="month-list"')[1]


def test_today_is_marked_in_this_month(client, quarter):
    html = german(client, reverse("events:calendar", args=[quarter.slug]) + "?view=month")
    today = timezone.localdate()
    cell = re.search(
        r'<td class="[^"]*today[^"]*" aria-current="date">\s*<span class="day-number"><time '
        r'datetime="([\d-]+)">',
        html,
    )
    assert cell and cell.group(1) == today.isoformat()
    assert html.count('aria-current="date"') == 1


def test_month_reads_only_the_weeks_it_shows(client, quarter, make_event):
    month = (timezone.localdate() + datetime.timedelta(days=70)).replace(day=1)
    before = timezone.make_aware(
        datetime.datetime.combine(month - datetime.timedelta(days=14), datetime.time(10))
    )
    make_event("Weit vorher", starts_at=before, ends_at=before + datetime.timedelta(hours=1))
    inside = timezone.make_aware(
        datetime.datetime.combine(month + datetime.timedelta(days=9), datetime.time(10))
    )
    make_event("Mittendrin", starts_at=inside, ends_at=inside + datetime.timedelta(hours=1))
    html = german(
        client, reverse("events:calendar", args=[quarter.slug]) + f"?view=month&month={month:%Y-%m}"
    )
    assert ">Mittendrin<" in html and "Weit vorher" not in html
