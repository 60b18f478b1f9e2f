"""Office hours: a resident books a slot without an account and confirms it by the link in an e-mail.

An appointment is a Booking of the office's office-hours resource; it holds its slot (same database
guarantee as every booking) from the moment it is made, and gives it back when nobody confirms it within
CONFIRM_WITHIN.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, onetime
from quartierwerk.core.errors import Conflict, DomainError
from quartierwerk.core.mail import queue_mail
from quartierwerk.core.text import is_email

from .. import booking_rules
from ..models import Booking, Closure, Resource
from .bookings import hold

CONFIRM_WITHIN = datetime.timedelta(minutes=30)


def free_slots(resource: Resource, day: datetime.date, *, now=None) -> list[datetime.datetime]:
    """The starts of the slots of `day` that can still be booked (two queries)."""
    now = now or timezone.now()
    length = datetime.timedelta(minutes=resource.slot_minutes or 20)
    tz = booking_rules.local_zone()
    frames = [f for f in resource.timeframes.all() if not f.whole_days]
    day_start = booking_rules.local_midnight(day)
    day_end = booking_rules.local_midnight(day + datetime.timedelta(days=1))
    busy = list(
        Booking.objects.filter(
            resource=resource, status__in=Booking.HOLDING, starts_at__lt=day_end, blocked_until__gt=day_start
        )
        .exclude(status=Booking.Status.UNCONFIRMED, confirm_by__lt=now)
        .values_list("starts_at", "blocked_until")
    )
    busy += list(
        Closure.objects.filter(resource=resource, starts_at__lt=day_end, ends_at__gt=day_start).values_list(
            "starts_at", "ends_at"
        )
    )
    slots = []
    for frame in frames:
        start = datetime.datetime.combine(day, frame.opens_at, tzinfo=tz)
        close = datetime.datetime.combine(day, frame.closes_at, tzinfo=tz)
        while start + length <= close:
            end = start + length
            free = not any(booking_rules.overlaps((start, end), span) for span in busy)
            if (
                free
                and booking_rules.refusal(
                    start=start, end=end, now=now, timeframes=[frame], slot_minutes=resource.slot_minutes
                )
                is None
            ):
                slots.append(start)
            start = end
    return sorted(set(slots))


def book_appointment(
    *,
    resource: Resource,
    starts_at: datetime.datetime,
    name: str,
    email: str = "",
    phone: str = "",
    language: str = "",
    wants_interpreter: bool = False,
    purpose: str = "",
    now=None,
) -> tuple[Booking, str]:
    """Hold a slot of the office hours for a resident; returns the booking and the code of its confirmation link."""
    now = now or timezone.now()
    if not resource.is_office_hours or not resource.is_published:
        raise DomainError(_("This resource has no office hours to book."))
    name = " ".join((name or "").split())[:160]
    email = (email or "").strip()[:254]
    phone = " ".join((phone or "").split())[:40]
    if not name:
        raise DomainError(_("Please tell us your name."), field="name")
    if email and not is_email(email):
        raise DomainError(_("Please enter a valid e-mail address."), field="email")
    if not email and not phone:
        raise DomainError(_("Please give an e-mail address or a phone number."), field="email")
    code, code_hash = onetime.issue()
    booking = Booking(
        resource=resource,
        name=name,
        email=email,
        phone=phone,
        purpose=purpose[:300],
        language=language[:60],
        wants_interpreter=bool(wants_interpreter and resource.offers_interpreter),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=resource.slot_minutes or 20),
        # Without an e-mail address the office confirms by phone; the slot is held as requested.
        status=Booking.Status.UNCONFIRMED if email else Booking.Status.REQUESTED,
        confirm_hash=code_hash if email else "",
        confirm_by=now + CONFIRM_WITHIN if email else None,
    )
    with transaction.atomic():
        hold(booking, now=now)
        if email:
            link = settings.SITE_URL.rstrip("/") + reverse("resources:confirm_appointment", args=[code])
            queue_mail(
                email,
                _("Please confirm your appointment"),
                _(
                    "You booked an appointment in the office hours of %(quarter)s on %(when)s.\n"
                    "Please confirm it within 30 minutes by opening this link:\n%(link)s\n"
                    "Without confirmation the appointment lapses."
                )
                % {
                    "quarter": resource.quarter.name,
                    "when": f"{starts_at.astimezone(booking_rules.local_zone()):%d.%m.%Y %H:%M}",
                    "link": link,
                },
                purpose="resources.appointment_confirm",
            )
    return booking, code


def confirm_appointment(code: str, *, now=None) -> Booking:
    """Confirm an appointment by the code of its link; an expired or used link is refused."""
    now = now or timezone.now()
    digest = onetime.digest(code)
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update().select_related("resource").filter(confirm_hash=digest).first()
            if digest
            else None
        )
        if booking is None:
            raise DomainError(_("This confirmation link is not valid."), status=404)
        if booking.status != Booking.Status.UNCONFIRMED:
            if booking.status == Booking.Status.APPROVED:
                return booking
            raise Conflict(_("This appointment can no longer be confirmed. Please book a new one."))
        expired = booking.confirm_by < now
        booking.status = Booking.Status.EXPIRED if expired else Booking.Status.APPROVED
        booking.save(update_fields=["status"])
        if not expired:
            audit.record(booking.name, "resources.appointment_confirmed", booking)
    if expired:
        raise Conflict(_("The time to confirm has run out. Please book a new appointment."))
    return booking


def expire_unconfirmed(*, now=None) -> int:
    """Give back the slots of appointments nobody confirmed in time (the scheduled job)."""
    now = now or timezone.now()
    return Booking.objects.filter(status=Booking.Status.UNCONFIRMED, confirm_by__lt=now).update(
        status=Booking.Status.EXPIRED
    )
