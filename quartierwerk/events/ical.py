"""iCalendar (RFC 5545) output of events: stable UIDs, SEQUENCE, RRULE/EXDATE, cancellations. The calendar,
the time zone and the fragment cache are the shared ones of `core.ical`."""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Event as VEvent

from quartierwerk.core import ical as core_ical
from quartierwerk.core import multilingual
from quartierwerk.core.ical import END, TZID, host  # noqa: F401 - the names this module always offered
from quartierwerk.core.ical import local as _local
from quartierwerk.core.ical import vtimezone as _vtimezone  # noqa: F401 - kept for callers and tests

from .models import Event, Venue

PRODID = "-//Quartierwerk//Events//DE"


def uid_for(event: Event) -> str:
    """The event's UID: the same in every feed and every time a feed is generated."""
    return f"event-{event.pk}@{host()}"


def vevent(event: Event, *, show_details: bool = True) -> VEvent:
    """One VEVENT for an event (with its repeat rule and left-out dates)."""
    ve = VEvent()
    ve.add("uid", uid_for(event))
    ve.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    ve.add("sequence", event.sequence)
    # Title and description in the language of the request where the office entered it (the key of each
    # cached fragment holds the language and the translations the mapping reads).
    ve.add("summary", str(multilingual.pick(event, "title")))
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
    description = multilingual.pick(event, "description") if show_details else ""
    if description:
        ve.add("description", str(description))
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


def _samples() -> list[Event]:
    """Unsaved events that together take every branch of `vevent()`, to find out what it reads."""
    from quartierwerk.core.models import Quarter

    moment = datetime.datetime(2026, 3, 1, 18, 0, tzinfo=datetime.UTC)
    venue = Venue(pk=1, name="Treff", address="Weg 1\n04209 Leipzig", lat=51.3, lon=12.3)
    common = {"updated_at": moment, "starts_at": moment, "ends_at": moment, "description": "Text"}
    return [
        Event(
            pk=1,
            quarter=Quarter(pk=1, slug="q"),
            venue=venue,
            online_url="https://example.org",
            recurrence=Event.Recurrence.WEEKLY,
            recurrence_until=datetime.date(2026, 6, 1),
            exception_dates=["2026-03-08"],
            status=Event.Status.CANCELLED,
            status_reason="Grund",
            **common,
        ),
        Event(
            pk=2, all_day=True, recurrence=Event.Recurrence.WEEKLY, exception_dates=["2026-03-08"], **common
        ),
        Event(pk=3, status=Event.Status.POSTPONED, status_reason="Grund", **common),
    ]


FRAGMENTS = core_ical.FragmentCache(
    prefix="ical",
    model=Event,
    render=vevent,
    samples=_samples,
    modules=(__name__, core_ical.__name__, multilingual.__name__, Event.__module__),
    related=("quarter", "venue"),
)


def calendar_for(events, *, name: str, show_details: bool = True) -> bytes:
    """A whole VCALENDAR for the given events: a queryset, or event objects fetched with venue and quarter."""
    head = core_ical.calendar_head(prodid=PRODID, name=name)
    return core_ical.assemble(head, FRAGMENTS.fragments(events, show_details=show_details))


def single_event(event: Event) -> bytes:
    """The .ics attached to confirmation and reminder e-mails."""
    return calendar_for([event], name=str(multilingual.pick(event, "title")))
