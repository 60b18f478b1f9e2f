"""Every write the events module allows: planning events, registration with waiting list, sessions with
agenda, attendance and minutes, action items, calendar feed links and the scheduled jobs."""

import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, NotAllowed, require
from quartierwerk.core.files import atomic_with_files, clean_upload, store
from quartierwerk.core.languages import OLD_CODES, Language, clean_codes, default_languages
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.text import clean_line, clean_text, is_email

from . import ical, rules, workflows
from .models import (
    ActionItem,
    AgendaDocument,
    AgendaItem,
    Attendance,
    CalendarToken,
    Event,
    EventQuestion,
    Minutes,
    Registration,
    StatusChange,
    Venue,
)

CANCEL_SALT = "quartierwerk.events.cancel-registration"
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
ANSWER_MAX = 1000


def _history(*, by, subject: str, old: str, new: str, event=None, action_item=None, note: str = "") -> None:
    StatusChange.objects.create(
        event=event,
        action_item=action_item,
        subject=subject,
        from_status=old,
        to_status=new,
        note=note[:500],
        by=by if getattr(by, "is_authenticated", False) else None,
    )


# ---------------------------------------------------------------- planning


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


# ---------------------------------------------------------------- registration


def cancel_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.email}, salt=CANCEL_SALT, compress=True)


def registration_for_token(token: str) -> Registration | None:
    """The registration a cancellation link names; None when the link is not valid."""
    try:
        data = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related("event", "event__quarter", "event__venue")
        .filter(pk=data.get("r"), email=data.get("e"))
        .first()
    )


def cancel_url(registration: Registration) -> str:
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


# ---------------------------------------------------------------- sessions


def _session(event: Event, by) -> Event:
    if event.group_id is None:
        raise InvalidTransition(_("This event is not a session of a group."))
    require(rules.can_manage_session(by, event), _("You may not manage this session."))
    return event


def current_members(group_id: int, on: datetime.date | None = None):
    """Current seats of a group held by persons, with the person (one query)."""
    from quartierwerk.actors.models import GroupMembership

    on = on or timezone.localdate()
    return (
        GroupMembership.objects.filter(group_id=group_id, person__isnull=False, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("person")
        .order_by("role", "person__last_name", "person__first_name")
    )


@transaction.atomic
def add_agenda_item(
    *, by, event: Event, title: str, description: str = "", is_public: bool = True
) -> AgendaItem:
    _session(event, by)
    title = clean_line(title, max_length=300, truncate=True)
    if not title:
        raise DomainError(_("Please give the agenda item a title."), field="title")
    last = event.agenda_items.aggregate(m=Max("position"))["m"] or 0
    item = AgendaItem.objects.create(
        event=event,
        position=last + 1,
        title=title,
        description=clean_text(description, max_length=5000, truncate=True),
        is_public=is_public,
    )
    audit.record(by, "events.agenda_item_added", event, item=item.pk, title=title)
    return item


@transaction.atomic
def plan_next_session(*, by, event: Event, starts_at: datetime.datetime) -> Event:
    """The chair (or the office) schedules the group's next session like this one: same place, length, visibility."""
    _session(event, by)
    if starts_at <= event.starts_at:
        raise DomainError(_("The next session must come after this one."), field="starts_at")
    nxt = Event.objects.create(
        city=event.city,
        quarter=event.quarter,
        title=event.title,
        kind=event.kind,
        topic=event.topic,
        starts_at=starts_at,
        ends_at=starts_at + event.duration,
        venue=event.venue,
        online_url=event.online_url,
        group=event.group,
        languages=event.languages,
        childcare=event.childcare,
        is_public=event.is_public,
        quorum=event.quorum,
        created_by=by if getattr(by, "pk", None) else None,
    )
    Minutes.objects.create(event=nxt)
    audit.record(by, "events.next_session_planned", nxt, after=event.pk, starts_at=starts_at)
    return nxt


@transaction.atomic
def remove_agenda_item(*, by, item: AgendaItem) -> None:
    """Take an item off the agenda before the minutes are released; the others close ranks."""
    event = item.event
    _session(event, by)
    minutes = _minutes_for_update(event)
    workflows.enforce(
        workflows.MINUTES,
        by,
        minutes,
        "edit",
        refused=_("You may not manage this session."),
        invalid=_("Released minutes cannot be changed."),
    )
    title = item.title
    item.delete()
    for position, rest in enumerate(event.agenda_items.order_by("position", "pk"), start=1):
        if rest.position != position:
            rest.position = position
            rest.save(update_fields=["position"])
    audit.record(by, "events.agenda_item_removed", event, title=title)


@atomic_with_files()
def attach_document(*, by, item: AgendaItem, uploaded, title: str = "") -> AgendaDocument:
    """Attach a checked document (PDF, DOCX, ODT) or image to an agenda item."""
    _session(item.event, by)
    clean = clean_upload(uploaded, kinds=("document", "image"), max_bytes=settings.UPLOAD_MAX_BYTES)
    doc = AgendaDocument(
        item=item,
        title=clean_line(title, max_length=200, truncate=True) or clean.original_name,
        content_type=clean.content_type,
        size=clean.size,
    )
    store(doc.file, clean.content)
    doc.save()
    audit.record(by, "events.document_attached", item.event, item=item.pk, document=doc.pk)
    return doc


def invite_members(*, by, event: Event) -> int:
    """Send the invitation with the agenda (and open tasks) to every current member with an e-mail address."""
    from quartierwerk.actors.services import withdraw_url

    _session(event, by)
    from .selectors import open_action_items_of_group

    items = list(event.agenda_items.all())
    open_tasks = list(open_action_items_of_group(event.group_id, before=event.starts_at))
    attachment = [("termin.ics", ical.single_event(event), "text/calendar")]
    count = 0
    with transaction.atomic():
        for seat in current_members(event.group_id):
            person = seat.person
            # A person who withdrew (or was anonymised) is on no invitation list any more.
            if not person.email or person.withdrawn_at or person.anonymised_at:
                continue
            queue_templated_mail(
                seat.person.email,
                "events/mail/invitation",
                {
                    "event": event,
                    "person": seat.person,
                    "agenda": items,
                    "open_tasks": open_tasks,
                    "event_url": settings.SITE_URL + event.get_absolute_url(),
                    "withdraw_link": withdraw_url(person),
                },
                attachments=attachment,
            )
            count += 1
        audit.record(by, "events.members_invited", event, count=count)
    return count


@transaction.atomic
def record_attendance(*, by, event: Event, statuses: dict[int, str]) -> list[Attendance]:
    """Record who was present, excused or absent; only current members and guests of the group."""
    _session(event, by)
    seats = {
        seat.person_id: seat
        for seat in current_members(event.group_id, timezone.localtime(event.starts_at).date())
    }
    result = []
    for person_id, status in statuses.items():
        if status not in Attendance.Status.values:
            raise DomainError(_("Unknown attendance: %(status)s") % {"status": status})
        seat = seats.get(int(person_id))
        if seat is None:
            raise DomainError(_("This person is not a member of the group."))
        row, _created = Attendance.objects.update_or_create(
            event=event,
            person_id=seat.person_id,
            defaults={"status": status, "is_member": seat.role != "guest"},
        )
        result.append(row)
    audit.record(by, "events.attendance_recorded", event, count=len(result))
    return result


def quorum(event: Event, attendance=None, members=None) -> dict:
    """Members present, the number needed, and whether the session has a quorum."""
    members = list(members if members is not None else current_members(event.group_id))
    voting = [m for m in members if m.role != "guest"]
    rows = attendance if attendance is not None else list(event.attendance.all())
    present = sum(1 for a in rows if a.status == Attendance.Status.PRESENT and a.is_member)
    needed = event.quorum or (len(voting) // 2 + 1)
    return {"present": present, "members": len(voting), "needed": needed, "reached": present >= needed}


def _minutes_for_update(event: Event) -> Minutes:
    Minutes.objects.get_or_create(event=event)
    minutes = Minutes.objects.select_for_update().get(event=event)
    minutes.event = event
    return minutes


@transaction.atomic
def save_minutes(
    *, by, event: Event, notes: str = "", items: dict | None = None, version: int | None = None
) -> Minutes:
    """Write the minutes: general notes and per agenda item discussion, decision and the votes counted.

    `version` is the version the editor started from; if another person saved in between, nothing is
    overwritten (the same person's own draft, saved a moment earlier as they typed, is simply updated).
    """
    _session(event, by)
    minutes = _minutes_for_update(event)
    workflows.enforce(
        workflows.MINUTES,
        by,
        minutes,
        "edit",
        refused=_("You may not manage this session."),
        invalid=_("Released minutes cannot be changed."),
    )
    if version is not None and version != minutes.version and minutes.written_by_id != by.pk:
        who = minutes.written_by or _("someone else")
        raise Conflict(
            _(
                "%(who)s saved the minutes in the meantime (version %(version)s). Your text has not been "
                "saved: copy it, reload the page and add it again."
            )
            % {"who": who, "version": minutes.version}
        )
    minutes.notes = clean_text(notes, max_length=20000, truncate=True)
    minutes.written_by = by
    minutes.updated_at = timezone.now()
    minutes.version += 1
    minutes.save()
    agenda = {item.pk: item for item in event.agenda_items.all()}
    for item_id, values in (items or {}).items():
        item = agenda.get(int(item_id))
        if item is None:
            raise DomainError(_("This agenda item belongs to another session."))
        item.discussion = clean_text(values.get("discussion", ""), max_length=20000, truncate=True)
        item.decision = clean_text(values.get("decision", ""), max_length=5000, truncate=True)
        for name in ("votes_yes", "votes_no", "votes_abstain"):
            value = values.get(name)
            if value in (None, ""):
                setattr(item, name, None)
                continue
            try:
                number = int(value)
            except (TypeError, ValueError):
                raise DomainError(_("Votes must be whole numbers."), field=name) from None
            if number < 0 or number > 10000:
                raise DomainError(_("Votes must be whole numbers."), field=name)
            setattr(item, name, number)
        item.save()
    audit.record(by, "events.minutes_saved", event)
    return minutes


@transaction.atomic
def release_minutes(*, by, event: Event) -> Minutes:
    """The chair (or the office) releases the minutes; from then on they are read-only."""
    _session(event, by)
    minutes = _minutes_for_update(event)
    step = workflows.enforce(
        workflows.MINUTES,
        by,
        minutes,
        "release",
        refused=_("You may not manage this session."),
        invalid=_("The minutes are already released."),
    )
    if event.starts_at > timezone.now():
        raise InvalidTransition(_("The minutes can be released once the session has taken place."))
    if not (minutes.notes or event.agenda_items.exclude(discussion="", decision="").exists()):
        raise InvalidTransition(_("The minutes are empty; write them before releasing."))
    old = minutes.status
    minutes.status = step.target
    minutes.released_by = by
    minutes.released_at = timezone.now()
    minutes.save()
    _history(by=by, subject="minutes", old=old, new=minutes.status, event=event)
    audit.record(by, "events.minutes_released", event)
    return minutes


@transaction.atomic
def add_action_item(
    *,
    by,
    event: Event,
    title: str,
    assignee_person=None,
    assignee_organisation=None,
    due_date: datetime.date | None = None,
    agenda_item: AgendaItem | None = None,
) -> ActionItem:
    """Record a task agreed in a session: what, who, by when."""
    _session(event, by)
    title = clean_line(title, max_length=300, truncate=True)
    if not title:
        raise DomainError(_("Please say what is to be done."), field="title")
    if agenda_item is not None and agenda_item.event_id != event.pk:
        raise DomainError(_("This agenda item belongs to another session."))
    for obj in (assignee_person, assignee_organisation):
        if obj is not None and obj.quarter_id not in (None, event.quarter_id):
            raise DomainError(_("The person or organisation responsible belongs to another quarter."))
    item = ActionItem.objects.create(
        quarter=event.quarter,
        group_id=event.group_id,
        event=event,
        agenda_item=agenda_item,
        title=title,
        assignee_person=assignee_person,
        assignee_organisation=assignee_organisation,
        due_date=due_date,
    )
    audit.record(by, "events.action_item_added", item, event=event.pk, title=title)
    return item


@transaction.atomic
def set_action_item_status(*, by, item: ActionItem, status: str, note: str = "") -> ActionItem:
    """Move a task to open, in progress, done or dropped."""
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("assignee_person", "event")
        .get(pk=item.pk)
    )
    require(rules.can_update_item(by, item), _("You may not change this task."))
    if status not in ActionItem.Status.values:
        raise DomainError(_("Unknown status."), field="status")
    workflows.ACTION_ITEM.check(by, item, status, message=_("The task already has this status."))
    old = item.status
    item.status = status
    item.done_at = timezone.now() if status == ActionItem.Status.DONE else None
    item.save(update_fields=["status", "done_at"])
    _history(
        by=by,
        subject="action_item",
        old=old,
        new=status,
        action_item=item,
        note=clean_text(note, max_length=500, truncate=True),
    )
    audit.record(by, "events.action_item_status", item, status=[old, status])
    return item


# ---------------------------------------------------------------- personal feed


@transaction.atomic
def issue_calendar_token(*, user) -> str:
    """A new secret feed link; earlier links of the user stop working. Returns the token, shown once."""
    CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token = CalendarToken.new_token()
    CalendarToken.objects.create(user=user, token_hash=CalendarToken.hash_token(token))
    audit.record(user, "events.calendar_link_issued", user)
    return token


def revoke_calendar_tokens(*, user) -> int:
    count = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit.record(user, "events.calendar_link_revoked", user, count=count)
    return count


def user_for_calendar_token(token: str):
    if not token or len(token) > 100:
        return None
    row = (
        CalendarToken.objects.select_related("user")
        .filter(token_hash=CalendarToken.hash_token(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return row.user if row else None


# ---------------------------------------------------------------- scheduled jobs


def send_event_reminders(now=None) -> int:
    """Remind confirmed participants a day ahead, with the .ics attached."""
    now = now or timezone.now()
    soon = now + datetime.timedelta(hours=36)
    count = 0
    regs = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=Event.Status.SCHEDULED,
        event__starts_at__gt=now,
        event__starts_at__lte=soon,
    ).select_related("event", "event__quarter", "event__venue")
    for reg in regs:
        with transaction.atomic():
            if Registration.objects.filter(pk=reg.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            ):
                _registration_mail(reg, "events/mail/reminder")
                count += 1
    return count


def send_session_reminders(now=None) -> int:
    """Remind the members of a group a day before its session, with agenda, open tasks and .ics."""
    from .selectors import open_action_items_of_group

    now = now or timezone.now()
    soon = now + datetime.timedelta(hours=36)
    sessions = Event.objects.filter(
        group__isnull=False,
        status=Event.Status.SCHEDULED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=soon,
    ).select_related("quarter", "venue", "group")
    count = 0
    for event in sessions:
        with transaction.atomic():
            if not Event.objects.filter(pk=event.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            ):
                continue
            agenda = list(event.agenda_items.all())
            open_tasks = list(open_action_items_of_group(event.group_id, before=event.starts_at))
            attachment = [("termin.ics", ical.single_event(event), "text/calendar")]
            for seat in current_members(event.group_id):
                if seat.person.email:
                    queue_templated_mail(
                        seat.person.email,
                        "events/mail/session_reminder",
                        {
                            "event": event,
                            "person": seat.person,
                            "agenda": agenda,
                            "open_tasks": open_tasks,
                            "event_url": settings.SITE_URL + event.get_absolute_url(),
                        },
                        attachments=attachment,
                    )
                    count += 1
    return count


def delete_answers_after_events(now=None) -> int:
    """Answers to registration questions are only needed for the event: deleted once it is over."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    over = Q(recurrence=Event.Recurrence.NONE, ends_at__lt=now) | Q(
        recurrence=Event.Recurrence.WEEKLY, recurrence_until__lt=today
    )
    events = Event.objects.filter(over, answers_deleted_at__isnull=True)
    ids = list(events.values_list("pk", flat=True)[:5000])
    if not ids:
        return 0
    with transaction.atomic():
        count = Registration.objects.filter(event_id__in=ids).exclude(answers={}).update(answers={})
        Event.objects.filter(pk__in=ids).update(answers_deleted_at=now)
    return count


def send_action_item_reminders(now=None) -> int:
    """Remind the person responsible three days before the due date and again the day after it passed."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    base = ActionItem.objects.filter(
        status__in=ActionItem.OPEN_STATES, due_date__isnull=False, assignee_person__isnull=False
    ).exclude(assignee_person__email="")
    count = 0
    for item in base.filter(
        reminded_before_at__isnull=True, due_date__gte=today, due_date__lte=today + datetime.timedelta(days=3)
    ).select_related("assignee_person", "group"):
        if ActionItem.objects.filter(pk=item.pk, reminded_before_at__isnull=True).update(
            reminded_before_at=now
        ):
            queue_templated_mail(
                item.assignee_person.email, "events/mail/task_due", {"item": item, "overdue": False}
            )
            count += 1
    for item in base.filter(reminded_after_at__isnull=True, due_date__lt=today).select_related(
        "assignee_person", "group"
    ):
        if ActionItem.objects.filter(pk=item.pk, reminded_after_at__isnull=True).update(
            reminded_after_at=now
        ):
            queue_templated_mail(
                item.assignee_person.email, "events/mail/task_due", {"item": item, "overdue": True}
            )
            count += 1
    return count
