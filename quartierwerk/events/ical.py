"""iCalendar (RFC 5545) output: stable UIDs, Europe/Berlin with VTIMEZONE, SEQUENCE, RRULE/EXDATE, cancellations."""

import datetime
import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vText
from icalendar import Event as VEvent

from quartierwerk.core.text import clean_line

from .models import Event

TZID = "Europe/Berlin"
PRODID = "-//Quartierwerk//Events//DE"


def host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "quartierwerk.example"


def uid_for(event: Event) -> str:
    """The event's UID: the same in every feed and every time a feed is generated."""
    return f"event-{event.pk}@{host()}"


def _vtimezone() -> Timezone:
    """Europe/Berlin with the EU daylight-saving rule (since 1996)."""
    tz = Timezone()
    tz.add("tzid", TZID)
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=1))
    daylight.add("tzoffsetto", datetime.timedelta(hours=2))
    daylight.add("dtstart", datetime.datetime(1996, 3, 31, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", datetime.timedelta(hours=2))
    standard.add("tzoffsetto", datetime.timedelta(hours=1))
    standard.add("dtstart", datetime.datetime(1996, 10, 27, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def _local(dt: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(dt, timezone.get_default_timezone())


def vevent(event: Event, *, show_details: bool = True) -> VEvent:
    """One VEVENT for an event (with its repeat rule and left-out dates)."""
    ve = VEvent()
    ve.add("uid", uid_for(event))
    ve.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    ve.add("sequence", event.sequence)
    ve.add("summary", event.title)
    start, end = _local(event.starts_at), _local(event.ends_at)
    if event.all_day:
        ve.add("dtstart", start.date())
        ve.add("dtend", end.date() + datetime.timedelta(days=1))  # exclusive end
    else:
        ve.add("dtstart", start)
        ve.add("dtend", end)
    if event.recurrence == Event.Recurrence.WEEKLY:
        rule = {"freq": "weekly"}
        if event.recurrence_until:
            until = datetime.datetime.combine(event.recurrence_until, datetime.time(23, 59, 59))
            rule["until"] = timezone.make_aware(until).astimezone(datetime.UTC)
        ve.add("rrule", rule)
        for iso in sorted(event.exception_dates or []):
            day = datetime.date.fromisoformat(iso)
            if event.all_day:
                ve.add("exdate", day)
            else:
                ve.add("exdate", timezone.make_aware(datetime.datetime.combine(day, start.time())))
    if show_details and event.description:
        ve.add("description", event.description)
    location = []
    if event.venue_id:
        location.append(event.venue.name)
        if event.venue.address:
            location.append(
                ", ".join(line.strip() for line in event.venue.address.splitlines() if line.strip())
            )
        if event.venue.lat is not None and event.venue.lon is not None:
            ve.add("geo", (event.venue.lat, event.venue.lon))
    if event.online_url:
        location.append(event.online_url)
    if location:
        ve.add("location", ", ".join(location))
    ve.add("url", settings.SITE_URL + event.get_absolute_url())
    ve.add("categories", [event.get_kind_display()])
    if event.status == Event.Status.CANCELLED:
        ve.add("status", "CANCELLED")
    elif event.status == Event.Status.POSTPONED:
        ve.add("status", "TENTATIVE")
    else:
        ve.add("status", "CONFIRMED")
    if event.status_reason and event.status != Event.Status.SCHEDULED:
        ve.add("comment", event.status_reason)
    return ve


# Raise when vevent() changes what it writes, so that no fragment of the old form is served.
FRAGMENT_VERSION = 1
FRAGMENT_SECONDS = 7 * 24 * 3600
END = b"END:VCALENDAR\r\n"


# Everything vevent() reads, as columns: a feed reads these as plain values to find its fragments.
KEY_COLUMNS = (
    "pk",
    "updated_at",
    "sequence",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "all_day",
    "recurrence",
    "recurrence_until",
    "exception_dates",
    "online_url",
    "kind",
    "status",
    "status_reason",
    "quarter__slug",
    "venue__name",
    "venue__address",
    "venue__lat",
    "venue__lon",
)


def _key_values(event: Event) -> tuple:
    """KEY_COLUMNS of an event object (the same values a `values_list(*KEY_COLUMNS)` row holds)."""
    venue = event.venue if event.venue_id else None
    quarter_slug = event.quarter.slug if event.quarter_id else None
    own = tuple(getattr(event, c) for c in KEY_COLUMNS[:15])
    return (
        own + (quarter_slug,) + ((venue.name, venue.address, venue.lat, venue.lon) if venue else (None,) * 4)
    )


def _fragment_key(values: tuple, show_details: bool) -> str:
    """A hash of everything vevent() reads: an edited event, venue, language or site gives a new key."""
    row = dict(zip(KEY_COLUMNS, values, strict=True))
    row["exception_dates"] = sorted(row["exception_dates"] or [])
    if not show_details:
        row["description"] = None
    parts = (FRAGMENT_VERSION, tuple(row.values()), get_language(), settings.SITE_URL, settings.TIME_ZONE)
    return "ical:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _vevents(events, show_details: bool) -> list[bytes]:
    """The serialized VEVENTs, from the fragment cache where an identical one was made before.

    Serializing with icalendar costs about 0.5 ms per event and calendar apps poll feeds of hundreds. A
    queryset is read as plain values first; only the events without a fragment are loaded as objects."""
    if isinstance(events, QuerySet):
        rows = list(events.values_list(*KEY_COLUMNS))
        objects = None
    else:
        objects = list(events)
        rows = [_key_values(e) for e in objects]
    keys = [_fragment_key(row, show_details) for row in rows]
    fragments = caches["fragments"]
    found = fragments.get_many(keys)
    missing = [i for i, key in enumerate(keys) if key not in found]
    made = {}
    if missing:
        if objects is None:
            loaded = Event.objects.select_related("quarter", "venue").in_bulk([rows[i][0] for i in missing])
            objects_by_index = {i: loaded[rows[i][0]] for i in missing}
        else:
            objects_by_index = {i: objects[i] for i in missing}
        for i, event in objects_by_index.items():
            made[keys[i]] = vevent(event, show_details=show_details).to_ical()
        fragments.set_many(made, timeout=FRAGMENT_SECONDS)
    return [found.get(key) or made[key] for key in keys]


def calendar_for(events, *, name: str, show_details: bool = True) -> bytes:
    """A whole VCALENDAR for the given events: a queryset, or event objects fetched with venue and quarter."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # Escaped as TEXT like every other value (an unescaped line break would end the content line).
    cal.add("x-wr-calname", vText(clean_line(name)))
    cal.add("x-wr-timezone", TZID)
    cal.add_component(_vtimezone())
    head = cal.to_ical()
    if not head.endswith(END):
        raise ValueError("unexpected end of an iCalendar object")
    return head[: -len(END)] + b"".join(_vevents(events, show_details)) + END


def single_event(event: Event) -> bytes:
    """The .ics attached to confirmation and reminder e-mails."""
    return calendar_for([event], name=event.title)
