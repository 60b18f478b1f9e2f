"""Registration with waiting list: places, questions, cancellation links and moving up."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, multilingual, onetime
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, NotAllowed
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.text import clean_line, clean_text, is_email

from .. import ical, rules
from ..models import (
    Event,
    Registration,
)
from .events import update_event

CANCEL_SALT = "quartierwerk.events.cancel-registration"
ANSWER_MAX = 1000


def cancel_token(registration: Registration) -> str:
    """The signed token of a registration's cancellation link (no row stores it)."""
    return onetime.sign({"r": registration.pk, "e": registration.email}, salt=CANCEL_SALT, compress=True)


def registration_for_token(token: str) -> Registration | None:
    """The registration a cancellation link names; None when the link is not valid."""
    data = onetime.unsign(token, salt=CANCEL_SALT)
    if not isinstance(data, dict):
        return None
    return (
        Registration.objects.select_related("event", "event__quarter", "event__venue")
        .filter(pk=data.get("r"), email=data.get("e"))
        .first()
    )


def cancel_url(registration: Registration) -> str:
    """The full cancellation link sent with every mail about a registration."""
    return settings.SITE_URL + reverse("events:cancel_registration", args=[cancel_token(registration)])


def _registration_mail(registration: Registration, template: str) -> None:
    event = registration.event
    queue_templated_mail(
        registration.email,
        template,
        {
            "event": event,
            "registration": registration,
            "event_url": settings.SITE_URL + event.get_absolute_url(),
            "cancel_url": cancel_url(registration),
        },
        language=registration.language or None,
        attachments=[("termin.ics", ical.single_event(event), "text/calendar")],
    )


def registration_open(event: Event, now=None) -> bool:
    """Whether people may still register: registration wanted, not cancelled, before the deadline and the start."""
    now = now or timezone.now()
    if not event.registration_required or event.status == Event.Status.CANCELLED:
        return False
    if event.registration_deadline and now > event.registration_deadline:
        return False
    return event.starts_at > now


def register(
    *, event: Event, name: str, email: str, user=None, answers: dict | None = None, language: str = ""
) -> Registration:
    """Register for an event: a place while places are left, otherwise the next place on the waiting list.

    The event row is locked, so registrations arriving at the same moment are counted one after another.
    """
    name = clean_line(name, max_length=160, truncate=True)
    email = (email or "").strip().lower()
    if not name:
        raise DomainError(_("Please give your name."), field="name")
    if not is_email(email):
        raise DomainError(_("Please give a valid e-mail address."), field="email")
    try:
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event.pk)
            if not rules.can_view_event(user, event):
                raise NotAllowed(_("You may not register for this event."))
            if not registration_open(event):
                raise InvalidTransition(_("Registration for this event is closed."))
            clean_answers = {}
            for question in event.questions.all():
                answer = clean_text(
                    str((answers or {}).get(str(question.pk), "")), max_length=ANSWER_MAX, truncate=True
                )
                if question.required and not answer:
                    raise DomainError(
                        _("Please answer: %(question)s") % {"question": question.text},
                        field=f"q_{question.pk}",
                    )
                if answer:
                    clean_answers[str(question.pk)] = answer
            if (
                Registration.objects.filter(event=event, email=email)
                .exclude(status=Registration.Status.CANCELLED)
                .exists()
            ):
                raise Conflict(_("This e-mail address is already registered for this event."), field="email")
            confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()
            reg = Registration(
                event=event,
                user=user if getattr(user, "is_authenticated", False) else None,
                name=name,
                email=email,
                language=language[:8],
                answers=clean_answers,
                # The answers are free text in the language of the page they were sent from.
                written_in=multilingual.clean_written_in() if clean_answers else "",
            )
            if event.capacity is None or confirmed < event.capacity:
                reg.status = Registration.Status.CONFIRMED
            else:
                reg.status = Registration.Status.WAITING
                last = Registration.objects.filter(event=event).aggregate(m=Max("waiting_position"))["m"]
                reg.waiting_position = (last or 0) + 1
            reg.save()
            audit.record(user, "events.registered", event, status=reg.status, registration=reg.pk)
            _registration_mail(
                reg,
                "events/mail/confirmed"
                if reg.status == Registration.Status.CONFIRMED
                else "events/mail/waiting",
            )
    except IntegrityError:
        raise Conflict(
            _("This e-mail address is already registered for this event."), field="email"
        ) from None
    return reg


def cancel_registration(*, registration: Registration, by=None) -> Registration:
    """Give a place back; the first person on the waiting list moves up and is told by e-mail."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        reg = Registration.objects.get(pk=registration.pk)
        if reg.status == Registration.Status.CANCELLED:
            raise InvalidTransition(_("This registration is already cancelled."))
        was_confirmed = reg.status == Registration.Status.CONFIRMED
        reg.status = Registration.Status.CANCELLED
        reg.waiting_position = None
        reg.cancelled_at = timezone.now()
        reg.save(update_fields=["status", "waiting_position", "cancelled_at"])
        audit.record(by, "events.registration_cancelled", event, registration=reg.pk)
        if was_confirmed:
            _move_up(event)
    return reg


def _move_up(event: Event) -> None:
    """Fill free places from the waiting list, in order (the event row is locked by the caller)."""
    if event.capacity is None:
        free = None
    else:
        confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()
        free = event.capacity - confirmed
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITING).order_by(
        "waiting_position"
    )
    if free is not None:
        waiting = waiting[: max(0, free)]
    for reg in list(waiting):
        reg.status = Registration.Status.CONFIRMED
        reg.waiting_position = None
        reg.moved_up_at = timezone.now()
        reg.save(update_fields=["status", "waiting_position", "moved_up_at"])
        audit.record(None, "events.moved_up", event, registration=reg.pk)
        _registration_mail(reg, "events/mail/moved_up")


@transaction.atomic
def change_capacity(*, by, event: Event, capacity: int | None) -> Event:
    """More places move people up from the waiting list."""
    event = update_event(by=by, event=event, capacity=capacity)
    _move_up(Event.objects.select_for_update().get(pk=event.pk))
    return event
