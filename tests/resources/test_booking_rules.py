"""The booking rules as a table of cases: timeframes, closures, lead time, length, category limits, DST."""

import datetime
from types import SimpleNamespace

import pytest

from quartierwerk.resources.booking_rules import refusal
from quartierwerk.resources.models import Timeframe

from .conftest import at

D = datetime.date
NOW = at(D(2026, 3, 2), 9)  # a Monday
HOURS = Timeframe(
    weekdays="01234", opens_at=datetime.time(9), closes_at=datetime.time(18), max_hours=4, lead_time_hours=24
)
DAYS = Timeframe(weekdays="0123456", whole_days=True, max_days=3, ahead_days=60)
LATE = Timeframe(weekdays="0123456", opens_at=datetime.time(0), closes_at=datetime.time(6), max_hours=3)
SLOTS = Timeframe(weekdays="1", opens_at=datetime.time(10), closes_at=datetime.time(12))
SEASON = Timeframe(
    weekdays="0123456", whole_days=True, valid_from=D(2026, 4, 1), valid_until=D(2026, 9, 30), ahead_days=365
)


def cat(**limits):
    values = {
        "no_overlap_per_booker": True,
        "no_chain_bookings": False,
        "max_days_per_week": None,
        "max_days_per_month": None,
    }
    return SimpleNamespace(**{**values, **limits})


def midnight(day):
    return at(day, 0)


CASES = [
    # (name, start, end, frames, extra, expected word in the refusal or None)
    ("inside the hours", at(D(2026, 3, 4), 10), at(D(2026, 3, 4), 12), [HOURS], {}, None),
    ("before opening", at(D(2026, 3, 4), 8), at(D(2026, 3, 4), 10), [HOURS], {}, "opening times"),
    ("after closing", at(D(2026, 3, 4), 17), at(D(2026, 3, 4), 19), [HOURS], {}, "opening times"),
    ("on a Saturday", at(D(2026, 3, 7), 10), at(D(2026, 3, 7), 12), [HOURS], {}, "day of the week"),
    ("too long", at(D(2026, 3, 4), 9), at(D(2026, 3, 4), 14), [HOURS], {}, "at most 4 hours"),
    ("lead time missed", at(D(2026, 3, 2), 15), at(D(2026, 3, 2), 16), [HOURS], {}, "in advance"),
    ("lead time just kept", at(D(2026, 3, 3), 9), at(D(2026, 3, 3), 10), [HOURS], {}, None),
    ("in the past", at(D(2026, 3, 1), 10), at(D(2026, 3, 1), 11), [HOURS], {}, "past"),
    ("end before start", at(D(2026, 3, 4), 12), at(D(2026, 3, 4), 10), [HOURS], {}, "after the start"),
    ("no timeframe", at(D(2026, 3, 4), 10), at(D(2026, 3, 4), 12), [], {}, "at the moment"),
    ("whole days", midnight(D(2026, 3, 4)), midnight(D(2026, 3, 6)), [DAYS], {}, None),
    ("whole days, not at midnight", at(D(2026, 3, 4), 8), midnight(D(2026, 3, 6)), [DAYS], {}, "whole days"),
    (
        "four days where three are allowed",
        midnight(D(2026, 3, 4)),
        midnight(D(2026, 3, 8)),
        [DAYS],
        {},
        "at most 3 days",
    ),
    ("too far ahead", midnight(D(2026, 6, 1)), midnight(D(2026, 6, 2)), [DAYS], {}, "days ahead"),
    ("outside the season", midnight(D(2026, 3, 20)), midnight(D(2026, 3, 21)), [SEASON], {}, "these dates"),
    ("in the season", midnight(D(2026, 4, 20)), midnight(D(2026, 4, 21)), [SEASON], {}, None),
    (
        "a second frame allows it",
        at(D(2026, 3, 7), 10),
        at(D(2026, 3, 7), 12),
        [HOURS, DAYS],
        {},
        "whole days",
    ),
    (
        "closed for repair",
        at(D(2026, 3, 4), 10),
        at(D(2026, 3, 4), 12),
        [HOURS],
        {"closures": [(at(D(2026, 3, 4), 11), at(D(2026, 3, 5), 0))]},
        "closed",
    ),
    (
        "closure ends as the booking starts",
        at(D(2026, 3, 4), 10),
        at(D(2026, 3, 4), 12),
        [HOURS],
        {"closures": [(at(D(2026, 3, 3), 0), at(D(2026, 3, 4), 10))]},
        None,
    ),
    # Daylight saving: 29 March 2026 has 23 hours, 25 October 2026 has 25; a whole day is still one day.
    (
        "whole day when clocks go forward",
        midnight(D(2026, 3, 29)),
        midnight(D(2026, 3, 30)),
        [DAYS],
        {},
        None,
    ),
    (
        "whole day when clocks go back",
        midnight(D(2026, 10, 25)),
        midnight(D(2026, 10, 26)),
        [Timeframe(weekdays="0123456", whole_days=True, max_days=1, ahead_days=365)],
        {},
        None,
    ),
    (
        "three local hours across the spring gap are two real hours",
        at(D(2026, 3, 29), 1),
        at(D(2026, 3, 29), 4),
        [Timeframe(weekdays="0123456", opens_at=datetime.time(0), closes_at=datetime.time(6), max_hours=2)],
        {},
        None,
    ),
    (
        "two local hours across the autumn repeat are three real hours",
        at(D(2026, 10, 25), 1),
        at(D(2026, 10, 25), 3),
        [
            Timeframe(
                weekdays="0123456",
                opens_at=datetime.time(0),
                closes_at=datetime.time(6),
                max_hours=2,
                ahead_days=365,
            )
        ],
        {},
        "at most 2 hours",
    ),
    ("late night frame", at(D(2026, 3, 5), 1), at(D(2026, 3, 5), 3), [LATE], {}, None),
    ("a slot", at(D(2026, 3, 3), 10, 20), at(D(2026, 3, 3), 10, 40), [SLOTS], {"slot_minutes": 20}, None),
    (
        "between slots",
        at(D(2026, 3, 3), 10, 10),
        at(D(2026, 3, 3), 10, 30),
        [SLOTS],
        {"slot_minutes": 20},
        "slots",
    ),
    (
        "two slots at once",
        at(D(2026, 3, 3), 10),
        at(D(2026, 3, 3), 10, 40),
        [SLOTS],
        {"slot_minutes": 20},
        "slots",
    ),
    (
        "own booking at the same time",
        at(D(2026, 3, 4), 10),
        at(D(2026, 3, 4), 12),
        [HOURS],
        {"category": cat(), "own": [(at(D(2026, 3, 4), 11), at(D(2026, 3, 4), 13))]},
        "already have a booking",
    ),
    (
        "own booking at the same time, category allows it",
        at(D(2026, 3, 4), 10),
        at(D(2026, 3, 4), 12),
        [HOURS],
        {
            "category": cat(no_overlap_per_booker=False),
            "own": [(at(D(2026, 3, 4), 11), at(D(2026, 3, 4), 13))],
        },
        None,
    ),
    (
        "chained on own booking",
        at(D(2026, 3, 4), 12),
        at(D(2026, 3, 4), 14),
        [HOURS],
        {"category": cat(no_chain_bookings=True), "own": [(at(D(2026, 3, 4), 10), at(D(2026, 3, 4), 12))]},
        "follow directly",
    ),
    (
        "fourth day in a week of three",
        midnight(D(2026, 3, 5)),
        midnight(D(2026, 3, 6)),
        [DAYS],
        {"category": cat(max_days_per_week=3), "own": [(midnight(D(2026, 3, 2)), midnight(D(2026, 3, 5)))]},
        "per week",
    ),
    (
        "the same days next week are fine",
        midnight(D(2026, 3, 9)),
        midnight(D(2026, 3, 10)),
        [DAYS],
        {"category": cat(max_days_per_week=3), "own": [(midnight(D(2026, 3, 2)), midnight(D(2026, 3, 5)))]},
        None,
    ),
    (
        "the week with the clock change counts local days",
        midnight(D(2026, 3, 29)),
        midnight(D(2026, 3, 30)),
        [DAYS],
        {"category": cat(max_days_per_week=3), "own": [(midnight(D(2026, 3, 26)), midnight(D(2026, 3, 28)))]},
        None,
    ),
    (
        "month limit",
        midnight(D(2026, 3, 20)),
        midnight(D(2026, 3, 22)),
        [DAYS],
        {"category": cat(max_days_per_month=4), "own": [(midnight(D(2026, 3, 3)), midnight(D(2026, 3, 6)))]},
        "per month",
    ),
]


@pytest.mark.parametrize("name, start, end, frames, extra, expected", CASES, ids=[c[0] for c in CASES])
def test_booking_rules(name, start, end, frames, extra, expected, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"):
        now = extra.pop("now", NOW)
        result = refusal(start=start, end=end, now=now, timeframes=frames, **extra)
    if expected is None:
        assert result is None, result
    else:
        assert result is not None and expected in result, result
