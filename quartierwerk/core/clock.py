"""Today's date for the demo data, which the QW_TODAY setting can pin (for screenshots and tests)."""

import datetime

from django.conf import settings
from django.utils import timezone


def today() -> datetime.date:
    """The pinned date of QW_TODAY (YYYY-MM-DD) if set, else the local date; the demo is dated from it."""
    pinned = getattr(settings, "QW_TODAY", "")
    if pinned:
        return datetime.date.fromisoformat(str(pinned))
    return timezone.localdate()


def next_summer_day(day: datetime.date) -> datetime.date:
    """A Saturday in the coming summer (July), or two weeks ahead while it is summer."""
    if datetime.date(day.year, 6, 15) <= day <= datetime.date(day.year, 8, 15):
        candidate = day + datetime.timedelta(days=14)
    else:
        year = day.year if day < datetime.date(day.year, 6, 15) else day.year + 1
        candidate = datetime.date(year, 7, 1)
    return candidate + datetime.timedelta(days=(5 - candidate.weekday()) % 7)
