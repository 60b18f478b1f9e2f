"""Weekly events are expanded in Python: same wall-clock time across daylight saving, exceptions left out."""

import datetime
import zoneinfo

import pytest

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
    window = (datetime.datetime(2030, 1, 1, tzinfo=BERLIN), datetime.datetime(2030, 3, 1, tzinfo=BERLIN))
    full = selectors.calendar(None, quarter=quarter, start=window[0], end=window[1])
    lazy = selectors.calendar_list(None, quarter=quarter, start=window[0], end=window[1])
    assert len(lazy) == len(full) == 12 + 5
    for a, b in ((0, 5), (5, 10), (10, 17), (3, 4)):
        assert [(o.event.pk, o.starts_at) for o in lazy[a:b]] == [
            (o.event.pk, o.starts_at) for o in full[a:b]
        ]
