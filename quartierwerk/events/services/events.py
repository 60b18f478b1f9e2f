"""Planning events and series: venues, creating and changing events, cancelling and postponing, dates left out."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, multilingual
from quartierwerk.core.errors import DomainError, InvalidTransition, require
from quartierwerk.core.languages import OLD_CODES, Language, clean_codes, default_languages
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.text import clean_line, clean_text

from .. import ical, rules, workflows
from ..models import (
    Event,
    EventQuestion,
    Minutes,
    Registration,
    Venue,
)
from .common import _history

# Changes to these fields matter to calendars that already hold the event: SEQUENCE goes up.
SIGNIFICANT_FIELDS = {
    "title",
    "starts_at",
    "ends_at",
    "all_day",
    "recurrence",
    "recurrence_until",
    "exception_dates",
    "venue",
    "online_url",
    "status",
    "description",
}


EDITABLE_FIELDS = {
    "title",
    "kind",
    "topic",
    "description",
    "starts_at",
    "ends_at",
    "all_day",
    "recurrence",
    "recurrence_until",
    "exception_dates",
    "venue",
    "online_url",
    "organiser_name",
    "organiser_organisation",
    "group",
    "languages",
    "childcare",
    "is_public",
    "registration_required",
    "capacity",
    "registration_deadline",
    "quorum",
}


@transaction.atomic
def create_venue(
    *,
    by,
    quarter,
    name: str,
    address: str = "",
    lat=None,
    lon=None,
    step_free=False,
    accessible_toilet=False,
    access_notes: str = "",
) -> Venue:
    """Add a place where events happen."""
    require(rules.can_manage_events(by, quarter), _("You may not add venues here."))
    name = clean_line(name, max_length=200, truncate=True)
    if not name:
        raise DomainError(_("Please give the venue a name."), field="name")
    if (lat is None) != (lon is None):
        raise DomainError(_("Please give both latitude and longitude, or neither."), field="lat")
    venue = Venue.objects.create(
        quarter=quarter,
        name=name,
        address=clean_text(address, max_length=500, truncate=True),
        lat=lat,
        lon=lon,
        step_free=bool(step_free),
        accessible_toilet=bool(accessible_toilet),
        access_notes=clean_text(access_notes, max_length=2000, truncate=True),
    )
    audit.record(by, "events.venue_created", venue, name=name)
    return venue


def _clean_event_fields(fields: dict) -> dict:
    data = {k: v for k, v in fields.items() if k in EDITABLE_FIELDS}
    for name in ("title", "organiser_name"):
        if name in data:
            data[name] = clean_line(data[name], max_length=200, truncate=True)
    if "description" in data:
        data["description"] = clean_text(data["description"], max_length=10000, truncate=True)
    if "languages" in data:
        codes = data["languages"]
        if isinstance(codes, str):
            codes = codes.split(",")
        if any(
            c.strip() and c.strip() not in Language.values and c.strip() not in OLD_CODES
            for c in map(str, codes)
        ):
            raise DomainError(_("Please choose the languages from the list."), field="languages")
        data["languages"] = clean_codes(codes) or default_languages()
    if data.get("online_url"):
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["https", "http"])(data["online_url"])
        except Exception:
            raise DomainError(
                _("Please give a valid web address for the online link."), field="online_url"
            ) from None
    if "exception_dates" in data:
        dates = []
        for d in data["exception_dates"] or []:
            dates.append(
                d.isoformat()
                if isinstance(d, datetime.date)
                else datetime.date.fromisoformat(str(d)).isoformat()
            )
        data["exception_dates"] = sorted(set(dates))
    return data


def _clean_translations(event: Event, translations) -> dict:
    """Title and description in the other languages of the event's city (German stays in its columns)."""
    city = event.city if event.city_id else (event.quarter.city if event.quarter_id else None)
    return multilingual.clean(Event, translations, multilingual.offered(city), keep=event.translations)


def _validate(event: Event) -> None:
    if not event.title:
        raise DomainError(_("Please give the event a title."), field="title")
    if event.ends_at < event.starts_at:
        raise DomainError(_("The event cannot end before it starts."), field="ends_at")
    if event.capacity is not None and event.capacity < 1:
        raise DomainError(_("Places must be at least 1, or empty for no limit."), field="capacity")
    if event.recurrence == Event.Recurrence.WEEKLY and event.duration > datetime.timedelta(days=6):
        raise DomainError(_("A weekly event must end within six days of its start."), field="ends_at")
    if event.recurrence_until and event.recurrence_until < timezone.localtime(event.starts_at).date():
        raise DomainError(_("The repeats must end after the first date."), field="recurrence_until")
    if event.group_id and event.quarter_id and event.group.quarter_id not in (None, event.quarter_id):
        raise DomainError(_("The group belongs to another quarter."), field="group")


@transaction.atomic
def create_event(*, by, quarter=None, city=None, questions=(), **fields) -> Event:
    """Put a new event on the calendar of a quarter (or city-wide when no quarter is given)."""
    if quarter is None and city is None:
        raise DomainError(_("An event belongs to a quarter or a city."))
    event = Event(
        quarter=quarter, city=city or quarter.city, created_by=by if getattr(by, "pk", None) else None
    )
    require(rules.can_manage_events(by, event), _("You may not plan events here."))
    for name, value in _clean_event_fields(fields).items():
        setattr(event, name, value)
    if fields.get("translations"):
        event.translations = _clean_translations(event, fields["translations"])
    if event.group_id and "is_public" not in fields:
        event.is_public = event.group.is_public
    _validate(event)
    event.save()
    for position, text in enumerate(q for q in questions if q and q.strip()):
        EventQuestion.objects.create(
            event=event, text=clean_line(text, max_length=300, truncate=True), position=position
        )
    if event.group_id:
        Minutes.objects.get_or_create(event=event)
    audit.record(by, "events.event_created", event, title=event.title, starts_at=event.starts_at)
    return event


@transaction.atomic
def update_event(*, by, event: Event, **fields) -> Event:
    """Change an event; a change that matters to calendars raises its SEQUENCE."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    require(rules.can_manage_events(by, event), _("You may not change this event."))
    data = _clean_event_fields(fields)
    if "translations" in fields:
        data["translations"] = _clean_translations(event, fields["translations"])
    before = {k: getattr(event, k) for k in data}
    for name, value in data.items():
        setattr(event, name, value)
    _validate(event)
    changed = audit.diff(before, data)
    if not changed:
        return event
    if SIGNIFICANT_FIELDS & set(changed):
        event.sequence += 1
    event.updated_at = timezone.now()
    event.save()
    audit.record(by, "events.event_updated", event, **changed)
    if {"starts_at", "ends_at", "venue", "online_url"} & set(changed):
        _mail_participants(event, "events/mail/changed")
    return event


@transaction.atomic
def cancel_event(*, by, event: Event, reason: str) -> Event:
    """Cancel an event: it stays in feeds as STATUS:CANCELLED with a higher SEQUENCE; registrants are told."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    step = workflows.enforce(
        workflows.EVENT,
        by,
        event,
        "cancel",
        refused=_("You may not cancel this event."),
        invalid=_("The event is already cancelled."),
    )
    reason = clean_text(reason, max_length=500, truncate=True)
    if not reason:
        raise DomainError(_("Please give a reason for the cancellation."), field="reason")
    old = event.status
    event.status = step.target
    event.status_reason = reason
    event.sequence += 1
    event.updated_at = timezone.now()
    event.save(update_fields=["status", "status_reason", "sequence", "updated_at"])
    _history(by=by, subject="event", old=old, new=event.status, event=event, note=reason)
    audit.record(by, "events.event_cancelled", event, reason=reason)
    _mail_participants(event, "events/mail/cancelled")
    return event


@transaction.atomic
def postpone_event(*, by, event: Event, reason: str, starts_at=None, ends_at=None) -> Event:
    """Postpone an event, to a new date or to one still open; it stays marked as postponed, with the reason."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    step = workflows.enforce(
        workflows.EVENT,
        by,
        event,
        "postpone",
        refused=_("You may not postpone this event."),
        invalid=_("A cancelled event cannot be postponed."),
    )
    reason = clean_text(reason, max_length=500, truncate=True)
    if not reason:
        raise DomainError(_("Please give a reason for the postponement."), field="reason")
    old = event.status
    if starts_at:
        event.starts_at = starts_at
        event.ends_at = ends_at or starts_at + event.duration
        _validate(event)
    event.status = step.target
    event.status_reason = reason
    event.sequence += 1
    event.updated_at = timezone.now()
    event.save()
    _history(by=by, subject="event", old=old, new=event.status, event=event, note=reason)
    audit.record(by, "events.event_postponed", event, reason=reason, starts_at=event.starts_at)
    _mail_participants(event, "events/mail/changed")
    return event


@transaction.atomic
def add_exception_date(*, by, event: Event, day: datetime.date) -> Event:
    """Leave out one date of a weekly event (a holiday, a closed office)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.recurrence != Event.Recurrence.WEEKLY:
        raise InvalidTransition(_("Only a repeating event has dates to leave out."))
    return update_event(by=by, event=event, exception_dates=[*event.exception_dates, day.isoformat()])


def _mail_participants(event: Event, template: str) -> None:
    attachment = [("termin.ics", ical.single_event(event), "text/calendar")]
    for reg in event.registrations.exclude(status=Registration.Status.CANCELLED):
        queue_templated_mail(
            reg.email,
            template,
            {"event": event, "registration": reg, "event_url": settings.SITE_URL + event.get_absolute_url()},
            language=reg.language or None,
            attachments=attachment,
        )
