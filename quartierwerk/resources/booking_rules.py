"""The booking rules as one pure function: may this time be booked, and if not, why not.

Everything is decided in the city's local time (settings.TIME_ZONE, Europe/Berlin): a "whole day" runs from
local midnight to local midnight (23 or 25 hours on the days the clocks change), weekdays and opening hours
are local, lead time and maximum hours are real elapsed time. The function reads no database: callers pass
the resource's timeframes and closures and the booker's own bookings of the same category.
"""

import datetime
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

Span = tuple[datetime.datetime, datetime.datetime]


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_days(start: datetime.datetime, end: datetime.datetime) -> list[datetime.date]:
    """The local calendar days a half-open span [start, end) touches."""
    tz = local_zone()
    first = start.astimezone(tz).date()
    last = (end.astimezone(tz) - datetime.timedelta(microseconds=1)).date()
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=local_zone())


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _frame_refusal(frame, start, end, now, slot_minutes) -> tuple[int, str | None]:
    """(how far the frame got, its refusal or None); a higher depth means a more specific reason."""
    tz = local_zone()
    start_l, end_l = start.astimezone(tz), end.astimezone(tz)
    days = local_days(start, end)
    if frame.valid_from and days[0] < frame.valid_from or frame.valid_until and days[-1] > frame.valid_until:
        return 0, _("The resource cannot be booked on these dates.")
    if any(str(day.weekday()) not in frame.weekdays for day in days):
        return 1, _("The resource cannot be booked on this day of the week.")
    if frame.whole_days:
        if start_l.time() != datetime.time(0) or end_l.time() != datetime.time(0):
            return 2, _("This resource is booked by whole days.")
        if frame.max_days and len(days) > frame.max_days:
            return 3, _("A booking may last at most %(days)s days.") % {"days": frame.max_days}
    else:
        if len(days) != 1 or not (frame.opens_at <= start_l.time() and end_l.time() <= frame.closes_at):
            return 2, _("The booking must lie within the opening times (%(opens)s–%(closes)s).") % {
                "opens": frame.opens_at.strftime("%H:%M"),
                "closes": frame.closes_at.strftime("%H:%M"),
            }
        if frame.max_hours and end - start > datetime.timedelta(hours=frame.max_hours):
            return 3, _("A booking may last at most %(hours)s hours.") % {"hours": frame.max_hours}
        if slot_minutes:
            opens = datetime.datetime.combine(days[0], frame.opens_at, tzinfo=tz)
            offset = (start - opens).total_seconds() / 60
            if end - start != datetime.timedelta(minutes=slot_minutes) or offset % slot_minutes:
                return 3, _("Please choose one of the offered slots.")
    if start - now < datetime.timedelta(hours=frame.lead_time_hours):
        return 4, _("Please book at least %(hours)s hours in advance.") % {"hours": frame.lead_time_hours}
    if days[0] > now.astimezone(tz).date() + datetime.timedelta(days=frame.ahead_days):
        return 4, _("The resource can be booked at most %(days)s days ahead.") % {"days": frame.ahead_days}
    return 5, None


def _days_in(days: Iterable[datetime.date], key) -> dict:
    counts: dict = {}
    for day in set(days):
        counts.setdefault(key(day), set()).add(day)
    return counts


def refusal(
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    now: datetime.datetime,
    timeframes: Sequence,
    closures: Sequence[Span] = (),
    category=None,
    own: Sequence[Span] = (),
    slot_minutes: int | None = None,
) -> str | None:
    """Why [start, end) may not be booked, or None when it may.

    `timeframes` are Timeframe-like objects, `closures` the resource's closures, `own` the booker's holding
    bookings of the same category (other resources included), `category` a Category-like object or None.
    """
    # Aware datetimes in one zone subtract by the wall clock; in UTC every difference is real elapsed time.
    start, end, now = (value.astimezone(datetime.UTC) for value in (start, end, now))
    if end <= start:
        return _("The end must lie after the start.")
    if start < now:
        return _("This time lies in the past.")
    if not timeframes:
        return _("The resource cannot be booked at the moment.")
    reasons = sorted(
        (_frame_refusal(f, start, end, now, slot_minutes) for f in timeframes), key=lambda r: -r[0]
    )
    if reasons[0][1] is not None:
        return reasons[0][1]
    if any(overlaps((start, end), closure) for closure in closures):
        return _("The resource is closed at this time.")
    if category is not None:
        if category.no_overlap_per_booker and any(overlaps((start, end), span) for span in own):
            return _("You already have a booking in this category at this time.")
        if category.no_chain_bookings and any(span[1] == start or span[0] == end for span in own):
            return _("Bookings in this category may not follow directly on your own booking.")
        new_days = local_days(start, end)
        own_days = [day for span in own for day in local_days(*span)]
        for limit, key, message in (
            (
                category.max_days_per_week,
                lambda d: d.isocalendar()[:2],
                _("You may book this category on at most %(n)s days per week."),
            ),
            (
                category.max_days_per_month,
                lambda d: (d.year, d.month),
                _("You may book this category on at most %(n)s days per month."),
            ),
        ):
            if not limit:
                continue
            taken = _days_in(own_days, key)
            for period, days in _days_in(new_days, key).items():
                if len(days | taken.get(period, set())) > limit:
                    return message % {"n": limit}
    return None
