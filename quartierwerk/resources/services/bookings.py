"""Booking a resource and moving a booking through its states; the one place where the slot is taken.

Taking a slot is `hold()`: inside one transaction it checks the booking rules and that no holding booking
overlaps, then inserts. On SQLite the transaction begins IMMEDIATE (settings), so writers queue up and the
check sees every earlier insert. On PostgreSQL the check is only for a friendly early answer: two
transactions can both pass it, and the exclusion constraint of migration 0002 refuses the second insert,
which arrives here as an IntegrityError and leaves as the same Conflict message.
"""

import datetime
import hmac
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import Conflict, DomainError, require
from quartierwerk.core.mail import queue_mail

from .. import booking_rules, rules
from ..models import Booking, Closure, Resource
from ..workflows import BOOKING_FLOW

EXCLUSION_NAME = "res_booking_no_overlap"
PICKUP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def slot_taken_message() -> str:
    return _("This time has just been booked by someone else. Please choose another time.")


def new_pickup_code() -> str:
    return "".join(secrets.choice(PICKUP_ALPHABET) for _i in range(6))


def _is_overlap_violation(exc: IntegrityError) -> bool:
    cause = exc.__cause__
    return getattr(cause, "pgcode", None) == "23P01" or EXCLUSION_NAME in str(exc)


def overlapping(resource_id: int, start, blocked_until):
    """The bookings that hold part of [start, blocked_until) on the resource."""
    return Booking.objects.filter(
        resource_id=resource_id,
        status__in=Booking.HOLDING,
        starts_at__lt=blocked_until,
        blocked_until__gt=start,
    )


def own_spans(booking: Booking, resource: Resource) -> list:
    """The booker's holding bookings of the same category around the new one (for the category rules)."""
    if resource.category_id is None or (booking.booker_id is None and booking.organisation_id is None):
        return []
    who = Q()
    if booking.booker_id:
        who |= Q(booker_id=booking.booker_id)
    if booking.organisation_id:
        who |= Q(organisation_id=booking.organisation_id)
    window = datetime.timedelta(days=40)
    return list(
        Booking.objects.filter(who, resource__category_id=resource.category_id, status__in=Booking.HOLDING)
        .filter(starts_at__lt=booking.ends_at + window, ends_at__gt=booking.starts_at - window)
        .exclude(pk=booking.pk)
        .values_list("starts_at", "ends_at")
    )


def hold(booking: Booking, *, now=None, check_rules: bool = True) -> Booking:
    """Insert `booking` if its time is free and the rules allow it; raise Conflict or DomainError otherwise."""
    now = now or timezone.now()
    resource = booking.resource
    booking.quarter_id = resource.quarter_id
    booking.starts_at = booking.starts_at.astimezone(datetime.UTC)
    booking.ends_at = booking.ends_at.astimezone(datetime.UTC)
    booking.blocked_until = booking.ends_at + datetime.timedelta(minutes=resource.buffer_minutes)
    try:
        with transaction.atomic():
            # Appointments nobody confirmed in time give their slot back before anyone is refused for them.
            Booking.objects.filter(
                resource_id=resource.pk, status=Booking.Status.UNCONFIRMED, confirm_by__lt=now
            ).update(status=Booking.Status.EXPIRED)
            if check_rules:
                closures = list(
                    Closure.objects.filter(
                        resource_id=resource.pk,
                        starts_at__lt=booking.blocked_until,
                        ends_at__gt=booking.starts_at,
                    ).values_list("starts_at", "ends_at")
                )
                reason = booking_rules.refusal(
                    start=booking.starts_at,
                    end=booking.ends_at,
                    now=now,
                    timeframes=list(resource.timeframes.all()),
                    closures=closures,
                    category=resource.category,
                    own=own_spans(booking, resource),
                    slot_minutes=resource.slot_minutes,
                )
                if reason:
                    raise DomainError(reason)
            if overlapping(resource.pk, booking.starts_at, booking.blocked_until).exists():
                raise Conflict(slot_taken_message())
            booking.save()
            audit.record(booking.booker or booking.name, "resources.booked", booking, status=booking.status)
    except IntegrityError as exc:
        if _is_overlap_violation(exc):
            raise Conflict(slot_taken_message()) from exc
        raise
    return booking


def book(
    *,
    resource: Resource,
    user,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    organisation=None,
    purpose: str = "",
    accept_terms: bool = False,
    licence_confirmed: bool = False,
    now=None,
) -> Booking:
    """Book a resource as a signed-in person (for an organisation they represent, if named)."""
    now = now or timezone.now()
    require(rules.can_book(user, resource), _("You may not book this resource."))
    if organisation is not None:
        from quartierwerk.actors.rules import represents_organisation

        require(represents_organisation(user, organisation), _("You do not represent this organisation."))
    if resource.terms and not accept_terms:
        raise DomainError(_("Please accept the terms of use."), field="accept_terms")
    if resource.needs_licence and not licence_confirmed:
        raise DomainError(
            _("Please confirm that you hold a valid driving licence."), field="licence_confirmed"
        )
    instant = not resource.needs_approval
    booking = Booking(
        resource=resource,
        booker=user,
        organisation=organisation,
        name=getattr(user, "display_name", "") or user.email,
        email=user.email,
        purpose=purpose,
        starts_at=starts_at,
        ends_at=ends_at,
        status=Booking.Status.APPROVED if instant else Booking.Status.REQUESTED,
        pickup_code=new_pickup_code() if instant else "",
        terms_accepted_at=now if accept_terms else None,
        licence_confirmed_at=now if licence_confirmed and resource.needs_licence else None,
    )
    return hold(booking, now=now)


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("resource", "resource__owner")
        .get(pk=booking.pk)
    )


def _notify(booking: Booking, subject: str, body: str, purpose: str) -> None:
    if booking.email:
        queue_mail(booking.email, subject, body, purpose=purpose)


def _when(booking: Booking) -> str:
    tz = booking_rules.local_zone()
    start, end = booking.starts_at.astimezone(tz), booking.ends_at.astimezone(tz)
    return f"{start:%d.%m.%Y %H:%M} – {end:%d.%m.%Y %H:%M}"


def approve(*, booking: Booking, by, answer: str = "") -> Booking:
    """The owner confirms a requested booking; the booker gets the pick-up code."""
    with transaction.atomic():
        booking = _locked(booking)
        BOOKING_FLOW.check(by, booking, "approve")
        booking.status = Booking.Status.APPROVED
        booking.pickup_code = booking.pickup_code or new_pickup_code()
        booking.answer, booking.decided_by, booking.decided_at = answer[:500], by, timezone.now()
        booking.save(update_fields=["status", "pickup_code", "answer", "decided_by", "decided_at"])
        audit.record(by, "resources.booking_approved", booking)
        _notify(
            booking,
            _("Your booking of %(name)s is confirmed") % {"name": booking.resource.name},
            _("Your booking of %(name)s (%(when)s) is confirmed. Your pick-up code: %(code)s")
            % {"name": booking.resource.name, "when": _when(booking), "code": booking.pickup_code},
            "resources.approved",
        )
    return booking


def refuse(*, booking: Booking, by, answer: str = "") -> Booking:
    """The owner declines a requested booking; the slot is free again."""
    with transaction.atomic():
        booking = _locked(booking)
        BOOKING_FLOW.check(by, booking, "refuse")
        booking.status = Booking.Status.REFUSED
        booking.answer, booking.decided_by, booking.decided_at = answer[:500], by, timezone.now()
        booking.save(update_fields=["status", "answer", "decided_by", "decided_at"])
        audit.record(by, "resources.booking_refused", booking)
        _notify(
            booking,
            _("Your booking of %(name)s was declined") % {"name": booking.resource.name},
            _("Your booking of %(name)s (%(when)s) was declined. %(answer)s")
            % {"name": booking.resource.name, "when": _when(booking), "answer": booking.answer},
            "resources.refused",
        )
    return booking


def hand_over(*, booking: Booking, by, code: str) -> Booking:
    """The owner hands the resource over after the booker showed the pick-up code."""
    with transaction.atomic():
        booking = _locked(booking)
        BOOKING_FLOW.check(by, booking, "hand_over")
        given = (code or "").strip().upper()[:12]
        if not booking.pickup_code or not hmac.compare_digest(given, booking.pickup_code):
            raise DomainError(_("The pick-up code does not match."), field="code")
        booking.status = Booking.Status.HANDED_OVER
        booking.handed_over_at = timezone.now()
        booking.save(update_fields=["status", "handed_over_at"])
        audit.record(by, "resources.handed_over", booking)
    return booking


def take_back(*, booking: Booking, by, condition_note: str = "", now=None) -> Booking:
    """The owner takes the resource back; an early return frees the rest of the booked time."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        BOOKING_FLOW.check(by, booking, "take_back")
        fields = ["status", "returned_at", "condition_note"]
        if now < booking.ends_at:
            booking.ends_at = max(now, booking.starts_at + datetime.timedelta(minutes=1))
            booking.blocked_until = booking.ends_at + datetime.timedelta(
                minutes=booking.resource.buffer_minutes
            )
            fields += ["ends_at", "blocked_until"]
        booking.status = Booking.Status.RETURNED
        booking.returned_at = now
        booking.condition_note = condition_note[:2000]
        booking.save(update_fields=fields)
        audit.record(by, "resources.returned", booking, early=("ends_at" in fields))
    return booking


def cancel(*, booking: Booking, by, reason: str = "") -> Booking:
    """The booker or the owner cancels a booking that has not been handed over yet."""
    with transaction.atomic():
        booking = _locked(booking)
        BOOKING_FLOW.check(by, booking, "cancel")
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = timezone.now()
        booking.answer = reason[:500] or booking.answer
        booking.save(update_fields=["status", "cancelled_at", "answer"])
        audit.record(by, "resources.booking_cancelled", booking)
    return booking


def close_for_repair(
    *, resource: Resource, by, starts_at, ends_at, note: str = "", reason: str = Closure.Reason.REPAIR
) -> tuple[Closure, list[Booking]]:
    """Close a resource for a time; bookings not yet handed over in that time are cancelled, each booker told."""
    require(rules.can_close(by, resource), _("You may not close this resource."))
    if ends_at <= starts_at:
        raise DomainError(_("The end must lie after the start."), field="ends_at")
    with transaction.atomic():
        closure = Closure.objects.create(
            resource=resource,
            reason=reason,
            note=note[:300],
            starts_at=starts_at,
            ends_at=ends_at,
            created_by=by,
        )
        affected = list(
            Booking.objects.select_for_update()
            .filter(
                resource=resource,
                status__in=BOOKING_FLOW.sources("cancel"),
                starts_at__lt=ends_at,
                ends_at__gt=starts_at,
            )
            .order_by("starts_at")
        )
        now = timezone.now()
        for booking in affected:
            booking.status = Booking.Status.CANCELLED
            booking.cancelled_at = now
            booking.answer = (note or _("The resource is closed for repair."))[:500]
            booking.save(update_fields=["status", "cancelled_at", "answer"])
            booking.resource = resource
            _notify(
                booking,
                _("Your booking of %(name)s is cancelled") % {"name": resource.name},
                _(
                    "We are sorry: %(name)s cannot be lent at %(when)s (%(reason)s), so your booking is cancelled."
                )
                % {"name": resource.name, "when": _when(booking), "reason": booking.answer},
                "resources.closed",
            )
        audit.record(by, "resources.closed", resource, cancelled=len(affected))
    return closure, affected


def offer(*, quarter, by, resource_fields: dict, timeframe) -> Resource:
    """Put a resource into the pool of a quarter, with its first timeframe."""
    owner = resource_fields.get("owner")
    if owner is None:
        require(
            rules.can_manage_resource(by, Resource(quarter=quarter)),
            _("Only the office offers in its own name."),
        )
    else:
        from quartierwerk.actors.rules import represents_organisation

        require(
            represents_organisation(by, owner) or rules.can_manage_resource(by, Resource(quarter=quarter)),
            _("You do not represent this organisation."),
        )
    with transaction.atomic():
        resource = Resource.objects.create(quarter=quarter, **resource_fields)
        timeframe.resource = resource
        timeframe.save()
        audit.record(by, "resources.offered", resource)
    return resource


def send_reminders(*, now=None) -> int:
    """Remind each booker once, within the day before a confirmed booking or appointment starts."""
    now = now or timezone.now()
    due = list(
        Booking.objects.filter(
            status=Booking.Status.APPROVED,
            reminded_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=now + datetime.timedelta(hours=24),
        )
        .exclude(email="")
        .select_related("resource")
    )
    for booking in due:
        with transaction.atomic():
            if not Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(reminded_at=now):
                continue  # another run reminded already
            _notify(
                booking,
                _("Reminder: %(name)s") % {"name": booking.resource.name},
                _("A reminder of your booking of %(name)s: %(when)s, %(place)s.")
                % {"name": booking.resource.name, "when": _when(booking), "place": booking.resource.place},
                "resources.reminder",
            )
    return len(due)
