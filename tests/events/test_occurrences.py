"""Weekly events are expanded in Python: same wall-clock time across daylight saving, exceptions left out."""

import datetime
import zoneinfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quartierwerk.events import selectors
from quartierwerk.events.models import Event

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def test_weekly_dates_keep_their_local_time_across_dst_and_skip_exceptions(make_event):
    start = datetime.datetime(2026, 3, 17, 10, 0, tzinfo=BERLIN)  # before the switch to summer time
    event = make_event(
        "Sprechstunde",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2026, 4, 14),
        exception_dates=["2026-04-07"],
    )
    window = (datetime.datetime(2026, 3, 1, tzinfo=BERLIN), datetime.datetime(2026, 6, 1, tzinfo=BERLIN))
    occs = selectors.occurrences_of(event, *window)
    assert [o.date.isoformat() for o in occs] == ["2026-03-17", "2026-03-24", "2026-03-31", "2026-04-14"]
    assert {o.starts_at.astimezone(BERLIN).hour for o in occs} == {10}
    assert all(o.ends_at - o.starts_at == datetime.timedelta(hours=2) for o in occs)


def test_window_in_the_middle_of_a_long_series(make_event):
    start = datetime.datetime(2020, 1, 7, 18, 0, tzinfo=BERLIN)
    event = make_event(
        "Treff",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        recurrence=Event.Recurrence.WEEKLY,
    )
    window = (datetime.datetime(2026, 1, 1, tzinfo=BERLIN), datetime.datetime(2026, 2, 1, tzinfo=BERLIN))
    occs = selectors.occurrences_of(event, *window)
    assert [o.date.day for o in occs] == [6, 13, 20, 27]
    assert all(o.date.weekday() == 1 for o in occs)


def test_occurrence_list_slices_like_the_full_list(make_event, quarter):
    base = datetime.datetime(2030, 1, 1, 9, 0, tzinfo=BERLIN)
    for n in range(12):
        make_event(
            f"E{n}",
            starts_at=base + datetime.timedelta(days=n * 2),
            ends_at=base + datetime.timedelta(days=n * 2, hours=1),
        )
    make_event(
        "W",
        starts_at=base + datetime.timedelta(hours=3),
        ends_at=base + datetime.timedelta(hours=4),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date(2030, 2, 1),
    )
    make_event(
        "V",
        starts_at=base + datetime.timedelta(days=1, hours=3),
        ends_at=base + datetime.timedelta(days=1, hours=4),
        recurrence=Event.Recurrence.WEEKLY,
        exception_dates=["2030-01-09"],
    )
    window = (datetime.datetime(2030, 1, 1, tzinfo=BERLIN), datetime.datetime(2030, 3, 1, tzinfo=BERLIN))
    full = selectors.calendar(None, quarter=quarter, start=window[0], end=window[1])
    lazy = selectors.calendar_list(None, quarter=quarter, start=window[0], end=window[1])
    assert len(lazy) == len(full) == 12 + 5 + 8
    for a, b in ((0, 5), (5, 10), (10, 17), (3, 4), (17, 25), (0, 25)):
        assert [(o.event.pk, o.starts_at) for o in lazy[a:b]] == [
            (o.event.pk, o.starts_at) for o in full[a:b]
        ]


@settings(max_examples=400, deadline=None)
@given(
    first_day=st.dates(datetime.date(2025, 1, 1), datetime.date(2027, 12, 31)),
    minute=st.sampled_from([0, 30, 60 * 9, 60 * 18 + 30, 60 * 23 + 45]),
    length_minutes=st.sampled_from([15, 60, 120, 24 * 60, 3 * 24 * 60]),
    until_weeks=st.none() | st.integers(-1, 450),
    skipped_weeks=st.lists(st.integers(-2, 450), max_size=5),
    skipped_days=st.lists(st.integers(-14, 3200), max_size=3),
    window_start_hours=st.integers(0, 4 * 365 * 24),
    window_minutes=st.integers(0, 3200 * 24 * 60),
)
@example(  # the window opens the moment the first date ends
    first_day=datetime.date(2026, 3, 17),
    minute=9 * 60,
    length_minutes=60,
    until_weeks=None,
    skipped_weeks=[],
    skipped_days=[],
    window_start_hours=15706,
    window_minutes=60,
)
def test_counting_the_dates_gives_the_number_listed(
    first_day,
    minute,
    length_minutes,
    until_weeks,
    skipped_weeks,
    skipped_days,
    window_start_hours,
    window_minutes,
):
    """The calendar's page count works the dates out arithmetically; it must agree with listing them,
    across daylight saving, end dates, left-out dates and the per-event cap."""
    starts_at = datetime.datetime.combine(first_day, datetime.time(minute // 60, minute % 60), tzinfo=BERLIN)
    skipped = [first_day + datetime.timedelta(weeks=w) for w in skipped_weeks]
    skipped += [first_day + datetime.timedelta(days=d) for d in skipped_days]
    event = Event(
        title="Treff",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=length_minutes),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=None if until_weeks is None else first_day + datetime.timedelta(weeks=until_weeks),
        exception_dates=[d.isoformat() for d in skipped],
    )
    # Whole hours, so that window edges often meet an event's start or end exactly.
    start = datetime.datetime(2024, 6, 1, tzinfo=BERLIN) + datetime.timedelta(hours=window_start_hours)
    end = start + datetime.timedelta(minutes=window_minutes)
    assert selectors.count_occurrences(event, start, end) == len(selectors.occurrences_of(event, start, end))
    single = Event(title="Fest", starts_at=starts_at, ends_at=event.ends_at)
    assert selectors.count_occurrences(single, start, end) == len(
        selectors.occurrences_of(single, start, end)
    )
