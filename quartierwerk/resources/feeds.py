"""iCalendar feeds: a resource's busy times (no names) and a booker's own bookings (core/ical.py pieces)."""

import datetime

from django.utils import timezone
from icalendar import Event

from quartierwerk.core import ical

from .models import Booking, Resource

FEED_DAYS_BACK = 30


def _event(uid: str, start, end, summary: str, *, location: str = "", status: str = "CONFIRMED") -> bytes:
    event = Event()
    event.add("uid", f"{uid}@{ical.host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", ical.local(start))
    event.add("dtend", ical.local(end))
    event.add("summary", summary)
    if location:
        event.add("location", location)
    event.add("status", status)
    return event.to_ical()


def _since():
    return timezone.now() - datetime.timedelta(days=FEED_DAYS_BACK)


def resource_calendar(resource: Resource) -> bytes:
    """Every time the resource is taken, from a month back on, without saying by whom."""
    from django.utils.translation import gettext as _

    head = ical.calendar_head(prodid="-//Quartierwerk//Resources//DE", name=resource.name)
    rows = Booking.objects.filter(
        resource=resource, status__in=Booking.HOLDING, ends_at__gte=_since()
    ).values_list("pk", "starts_at", "ends_at")
    summary = _("%(name)s: booked") % {"name": resource.name}
    return ical.assemble(
        head,
        (
            _event(f"resources-busy-{pk}", start, end, summary, location=resource.place)
            for pk, start, end in rows
        ),
    )


def booker_calendar(user) -> bytes:
    """A person's own bookings and appointments (their private feed)."""
    from . import selectors

    head = ical.calendar_head(prodid="-//Quartierwerk//Resources//DE", name=str(user))
    bookings = selectors.bookings_of(user).filter(status__in=Booking.HOLDING, ends_at__gte=_since())
    return ical.assemble(
        head,
        (
            _event(
                f"resources-booking-{b.pk}",
                b.starts_at,
                b.ends_at,
                b.resource.name,
                location=b.resource.place,
                status="CONFIRMED" if b.status != Booking.Status.REQUESTED else "TENTATIVE",
            )
            for b in bookings
        ),
    )
