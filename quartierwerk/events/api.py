"""JSON API of the events module, mounted under /api/v1/events/: the same rules as the pages.

Public callers see public events only; registrants' personal data is only in the registrations endpoint,
for the office. Internal sessions, their agenda and minutes are answered with 404 to anyone who may not see them.
"""

import datetime
from typing import Annotated

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from quartierwerk.core.api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user
from quartierwerk.core.errors import NotAllowed
from quartierwerk.core.limits import CODE_MAX, Code, Codes, Email, Id
from quartierwerk.core.models import Quarter
from quartierwerk.core.params import PageNumbers, date_in_range

from . import rules, selectors, services
from .models import ActionItem, Attendance, Event, Registration

# The same bounds as the web forms: places, questions, dates left out of a series, people at a session.
CAPACITY_MAX = 100000
QUESTIONS_MAX = 20
EXCEPTION_DATES_MAX = 200
ATTENDANCE_MAX = 1000
AGENDA_MAX = 200

router = Router(tags=["events"])
MAX_WINDOW_DAYS = 400


PAGE = {"page_size": 50, "max_page_size": 200}


class VenueOut(Schema):
    name: str
    address: str
    lat: float | None
    lon: float | None
    step_free: bool
    accessible_toilet: bool


class OccurrenceOut(Schema):
    id: int
    title: str
    kind: str
    topic: str
    quarter: str | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    all_day: bool
    status: str
    is_public: bool
    url: str


class EventOut(Schema):
    id: int
    title: str
    kind: str
    topic: str
    description: str
    quarter: str | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    all_day: bool
    recurrence: str
    recurrence_until: datetime.date | None
    exception_dates: list[str]
    venue: VenueOut | None
    online_url: str
    organiser: str
    group: str | None
    languages: list[str]
    childcare: bool
    is_public: bool
    status: str
    status_reason: str
    sequence: int
    registration_required: bool
    capacity: int | None
    places_left: int | None
    uid: str
    url: str
    ics_url: str


class AgendaItemOut(Schema):
    position: int
    title: str
    description: str
    documents: list[dict]


class MinutesItemOut(Schema):
    position: int
    title: str
    discussion: str
    decision: str
    votes_yes: int | None
    votes_no: int | None
    votes_abstain: int | None


class MinutesOut(Schema):
    status: str
    released_at: datetime.datetime | None
    notes: str
    present: int
    members: int
    quorum_reached: bool
    items: list[MinutesItemOut]
    action_items: list[dict]


class RegistrationIn(Schema):
    name: str = Field(..., max_length=160)
    email: Email
    answers: dict[Code, Annotated[str, Field(max_length=services.ANSWER_MAX)]] = Field(
        default_factory=dict, max_length=QUESTIONS_MAX
    )


class RegistrationOut(Schema):
    status: str
    waiting_position: int | None


class RegistrationAdminOut(Schema):
    id: int
    name: str
    email: str
    status: str
    waiting_position: int | None
    answers: dict
    created_at: datetime.datetime


class CancelIn(Schema):
    token: str = Field(..., max_length=500)


class ReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500)


class EventIn(Schema):
    quarter: str | None = Field(
        None, max_length=CODE_MAX, description="Quarter slug; leave out for a city-wide event"
    )
    city: str | None = Field(None, max_length=CODE_MAX, description="City slug, for a city-wide event")
    title: str = Field(..., min_length=1, max_length=200)
    kind: Event.Kind = Event.Kind.OTHER
    topic: Event.Topic = Event.Topic.NEIGHBOURHOOD
    description: str = Field("", max_length=10000)
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    all_day: bool = False
    recurrence: Event.Recurrence = Event.Recurrence.NONE
    recurrence_until: datetime.date | None = None
    exception_dates: list[datetime.date] = Field([], max_length=EXCEPTION_DATES_MAX)
    online_url: str = Field("", max_length=200)
    languages: Codes = ["de"]
    childcare: bool = False
    is_public: bool = True
    registration_required: bool = False
    capacity: int | None = Field(None, ge=1, le=CAPACITY_MAX)
    questions: list[Annotated[str, Field(max_length=300)]] = Field([], max_length=QUESTIONS_MAX)


class ActionItemOut(Schema):
    id: int
    title: str
    status: str
    due_date: datetime.date | None
    group: str | None
    event_id: int | None

    @staticmethod
    def resolve_group(obj) -> str | None:
        return obj.group.name if obj.group_id else None


class StatusIn(Schema):
    status: ActionItem.Status


def _occurrence_out(occ) -> dict:
    e = occ.event
    return {
        "id": e.pk,
        "title": e.title,
        "kind": e.kind,
        "topic": e.topic,
        "quarter": e.quarter.slug if e.quarter_id else None,
        "starts_at": occ.starts_at,
        "ends_at": occ.ends_at,
        "all_day": e.all_day,
        "status": e.status,
        "is_public": e.is_public,
        "url": e.get_absolute_url(),
    }


class OccurrencePage:
    """Occurrences sliced page by page (see selectors.OccurrenceList), turned into API rows."""

    def __init__(self, occurrences):
        self.occurrences = occurrences

    def __len__(self) -> int:
        return len(self.occurrences)

    def __getitem__(self, index):
        return [_occurrence_out(o) for o in self.occurrences[index]]


def _event_out(event: Event, places_left=None) -> dict:
    from django.urls import reverse

    from . import ical

    venue = None
    if event.venue_id:
        v = event.venue
        venue = {
            "name": v.name,
            "address": v.address,
            "lat": v.lat,
            "lon": v.lon,
            "step_free": v.step_free,
            "accessible_toilet": v.accessible_toilet,
        }
    return {
        "id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "topic": event.topic,
        "description": event.description,
        "quarter": event.quarter.slug if event.quarter_id else None,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "all_day": event.all_day,
        "recurrence": event.recurrence,
        "recurrence_until": event.recurrence_until,
        "exception_dates": event.exception_dates or [],
        "venue": venue,
        "online_url": event.online_url,
        "organiser": str(event.group or event.organiser_organisation or event.organiser_name or ""),
        "group": event.group.slug if event.group_id else None,
        "languages": event.language_codes,
        "childcare": event.childcare,
        "is_public": event.is_public,
        "status": event.status,
        "status_reason": event.status_reason,
        "sequence": event.sequence,
        "registration_required": event.registration_required,
        "capacity": event.capacity,
        "places_left": places_left,
        "uid": ical.uid_for(event),
        "url": event.get_absolute_url(),
        "ics_url": reverse("events:event_ics", args=[event.pk]),
    }


def _visible_event(request, event_id: int) -> Event:
    event = get_object_or_404(
        Event.objects.select_related("quarter", "venue", "group", "organiser_organisation"), pk=event_id
    )
    if not rules.can_view_event(api_user(request), event):
        raise Http404
    return event


@router.get(
    "/",
    response=list[OccurrenceOut],
    auth=AUTH_OPTIONAL,
    summary="Dates of events in a window (repeating events expanded), public ones plus what the caller may see",
)
@paginate(PageNumbers, **PAGE)
def list_events(
    request,
    quarter: str | None = None,
    kind: str = "",
    topic: str = "",
    language: str = "",
    step_free: bool = False,
    childcare: bool = False,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
):
    user = api_user(request)
    today = timezone.localdate()
    start = date_in_range(start, name="start") or today
    end = date_in_range(end, name="end") or start + datetime.timedelta(days=90)
    if end <= start or (end - start).days > MAX_WINDOW_DAYS:
        raise NotAllowed(f"The window must be between 1 and {MAX_WINDOW_DAYS} days.", status=400)
    q = None
    if quarter:
        q = get_object_or_404(Quarter, slug=quarter, is_active=True)
    filters = selectors.CalendarFilters(
        kind=kind if kind in Event.Kind.values else "",
        topic=topic if topic in Event.Topic.values else "",
        language=language if language.replace("-", "").isalpha() else "",
        step_free=step_free,
        childcare=childcare,
    )
    window_start = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    window_end = timezone.make_aware(datetime.datetime.combine(end, datetime.time.min))
    return OccurrencePage(
        selectors.calendar_list(
            user, quarter=q, start=window_start, end=window_end, filters=filters, include_internal=True
        )
    )


@router.get("/{int:event_id}", response=EventOut, auth=AUTH_OPTIONAL, summary="One event")
def get_event(request, event_id: int):
    event = _visible_event(request, event_id)
    places_left = None
    if event.registration_required and event.capacity is not None:
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        places_left = max(0, event.capacity - confirmed)
    return _event_out(event, places_left)


@router.post(
    "/", response={201: EventOut}, auth=AUTH_REQUIRED, summary="Plan an event (office of the quarter)"
)
def create_event(request, payload: EventIn):
    from quartierwerk.core.models import City

    data = payload.dict()
    quarter_slug, city_slug = data.pop("quarter"), data.pop("city")
    questions = data.pop("questions")
    quarter = get_object_or_404(Quarter, slug=quarter_slug, is_active=True) if quarter_slug else None
    city = get_object_or_404(City, slug=city_slug) if city_slug and quarter is None else None
    event = services.create_event(
        by=api_user(request), quarter=quarter, city=city, questions=questions, **data
    )
    return Status(201, _event_out(event))


@router.post("/{int:event_id}/cancel", response=EventOut, auth=AUTH_REQUIRED, summary="Cancel an event")
def cancel_event(request, event_id: int, payload: ReasonIn):
    event = _visible_event(request, event_id)
    return _event_out(services.cancel_event(by=api_user(request), event=event, reason=payload.reason))


@router.get(
    "/{int:event_id}/agenda", response=list[AgendaItemOut], auth=AUTH_OPTIONAL, summary="A session's agenda"
)
def agenda(request, event_id: int):
    from django.urls import reverse

    event = _visible_event(request, event_id)
    return [
        {
            "position": i.position,
            "title": i.title,
            "description": i.description,
            "documents": [
                {"title": d.title, "url": reverse("events:document", args=[d.pk]), "size": d.size}
                for d in i.documents.all()
            ],
        }
        for i in selectors.agenda_for(api_user(request), event)
    ]


@router.get("/{int:event_id}/minutes", response=MinutesOut, auth=AUTH_OPTIONAL, summary="A session's minutes")
def minutes(request, event_id: int):
    event = _visible_event(request, event_id)
    if selectors.minutes_for(api_user(request), event) is None:
        raise Http404
    attendance = list(event.attendance.all())
    q = services.quorum(event, attendance)
    return {
        "status": event.minutes.status,
        "released_at": event.minutes.released_at,
        "notes": event.minutes.notes,
        "present": q["present"],
        "members": q["members"],
        "quorum_reached": q["reached"],
        "items": list(event.agenda_items.all()),
        "action_items": [
            {"title": a.title, "who": a.assignee_label, "due_date": a.due_date, "status": a.status}
            for a in event.action_items.select_related("assignee_person", "assignee_organisation")
        ],
    }


@router.post(
    "/{int:event_id}/registrations",
    response={201: RegistrationOut},
    auth=AUTH_OPTIONAL,
    summary="Register (a place, or the next place on the waiting list)",
)
def register(request, event_id: int, payload: RegistrationIn):
    event = _visible_event(request, event_id)
    reg = services.register(
        event=event,
        name=payload.name,
        email=payload.email,
        user=api_user(request),
        answers=payload.answers,
        language=request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "",
    )
    return Status(201, {"status": reg.status, "waiting_position": reg.waiting_position})


@router.post(
    "/registrations/cancel",
    response=RegistrationOut,
    auth=AUTH_OPTIONAL,
    summary="Cancel a registration with the token from the e-mail link",
)
def cancel_registration(request, payload: CancelIn):
    reg = services.registration_for_token(payload.token)
    if reg is None:
        raise Http404
    reg = services.cancel_registration(registration=reg, by=api_user(request))
    return {"status": reg.status, "waiting_position": None}


@router.get(
    "/{int:event_id}/registrations",
    response=list[RegistrationAdminOut],
    auth=AUTH_REQUIRED,
    summary="Registrations with personal data (office and city staff only)",
)
@paginate(PageNumbers, **PAGE)
def registrations(request, event_id: int):
    event = get_object_or_404(Event, pk=event_id)
    if not rules.can_view_registrations(api_user(request), event):
        raise NotAllowed("You may not see the registrations of this event.")
    return event.registrations.exclude(status=Registration.Status.CANCELLED).order_by(
        "status", "waiting_position", "created_at"
    )


@router.get("/tasks/mine", response=list[ActionItemOut], auth=AUTH_REQUIRED, summary="My tasks from sessions")
@paginate(PageNumbers, **PAGE)
def my_tasks(request, open_only: bool = True):
    qs = selectors.my_action_items(api_user(request))
    if open_only:
        qs = qs.filter(status__in=ActionItem.OPEN_STATES)
    return qs


@router.post(
    "/tasks/{int:item_id}/status", response=ActionItemOut, auth=AUTH_REQUIRED, summary="Update a task"
)
def task_status(request, item_id: int, payload: StatusIn):
    item = get_object_or_404(
        ActionItem.objects.select_related("event", "assignee_person", "group"), pk=item_id
    )
    if not rules.can_update_item(api_user(request), item):
        raise NotAllowed("You may not change this task.")
    return services.set_action_item_status(by=api_user(request), item=item, status=payload.status)


# ---------------------------------------------------------------- session work (the group's chair or the office)


class AgendaItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=5000)
    is_public: bool = True


class AttendanceIn(Schema):
    statuses: dict[int, Attendance.Status] = Field(..., max_length=ATTENDANCE_MAX)


class MinutesItemIn(Schema):
    discussion: str = Field("", max_length=20000)
    decision: str = Field("", max_length=5000)
    votes_yes: int | None = Field(None, ge=0, le=10000)
    votes_no: int | None = Field(None, ge=0, le=10000)
    votes_abstain: int | None = Field(None, ge=0, le=10000)


class MinutesIn(Schema):
    notes: str = Field("", max_length=20000)
    items: dict[int, MinutesItemIn] = Field(default_factory=dict, max_length=AGENDA_MAX)


class ActionItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    person_id: Id | None = None
    organisation_id: Id | None = None
    due_date: datetime.date | None = None
    agenda_item_id: Id | None = None


def _session_event(request, event_id: int) -> Event:
    event = _visible_event(request, event_id)
    if not event.is_session:
        raise Http404
    if not rules.can_manage_session(api_user(request), event):
        raise NotAllowed("You may not manage this session.")
    return event


@router.post(
    "/{int:event_id}/agenda", response={201: AgendaItemOut}, auth=AUTH_REQUIRED, summary="Add an agenda item"
)
def add_agenda_item(request, event_id: int, payload: AgendaItemIn):
    event = _session_event(request, event_id)
    item = services.add_agenda_item(by=api_user(request), event=event, **payload.dict())
    return Status(
        201,
        {"position": item.position, "title": item.title, "description": item.description, "documents": []},
    )


@router.post(
    "/{int:event_id}/attendance", response=MinutesOut, auth=AUTH_REQUIRED, summary="Record attendance"
)
def record_attendance(request, event_id: int, payload: AttendanceIn):
    event = _session_event(request, event_id)
    services.record_attendance(by=api_user(request), event=event, statuses=dict(payload.statuses))
    return minutes(request, event_id)


@router.put("/{int:event_id}/minutes", response=MinutesOut, auth=AUTH_REQUIRED, summary="Write the minutes")
def write_minutes(request, event_id: int, payload: MinutesIn):
    event = _session_event(request, event_id)
    services.save_minutes(
        by=api_user(request),
        event=event,
        notes=payload.notes,
        items={pk: item.dict() for pk, item in payload.items.items()},
    )
    return minutes(request, event_id)


@router.post(
    "/{int:event_id}/minutes/release", response=MinutesOut, auth=AUTH_REQUIRED, summary="Release minutes"
)
def release_minutes(request, event_id: int):
    event = _session_event(request, event_id)
    services.release_minutes(by=api_user(request), event=event)
    return minutes(request, event_id)


@router.post(
    "/{int:event_id}/tasks",
    response={201: ActionItemOut},
    auth=AUTH_REQUIRED,
    summary="Record a task from a session",
)
def add_task(request, event_id: int, payload: ActionItemIn):
    from quartierwerk.actors.models import Organisation, Person

    event = _session_event(request, event_id)
    person = get_object_or_404(Person, pk=payload.person_id) if payload.person_id else None
    organisation = (
        get_object_or_404(Organisation, pk=payload.organisation_id) if payload.organisation_id else None
    )
    agenda_item = (
        get_object_or_404(event.agenda_items, pk=payload.agenda_item_id) if payload.agenda_item_id else None
    )
    item = services.add_action_item(
        by=api_user(request),
        event=event,
        title=payload.title,
        assignee_person=person,
        assignee_organisation=organisation,
        due_date=payload.due_date,
        agenda_item=agenda_item,
    )
    return Status(201, item)


class EventPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    kind: Event.Kind | None = None
    topic: Event.Topic | None = None
    description: str | None = Field(None, max_length=10000)
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    recurrence_until: datetime.date | None = None
    exception_dates: list[datetime.date] | None = Field(None, max_length=EXCEPTION_DATES_MAX)
    online_url: str | None = Field(None, max_length=200)
    languages: Codes | None = None
    childcare: bool | None = None
    is_public: bool | None = None
    registration_required: bool | None = None
    capacity: int | None = Field(None, ge=1, le=CAPACITY_MAX)


class PostponeIn(ReasonIn):
    starts_at: datetime.datetime | None = None


@router.patch("/{int:event_id}", response=EventOut, auth=AUTH_REQUIRED, summary="Change an event")
def update_event(request, event_id: int, payload: EventPatch):
    event = _visible_event(request, event_id)
    changes = payload.dict(exclude_unset=True)
    if "capacity" in changes:
        capacity = changes.pop("capacity")
        if changes:
            event = services.update_event(by=api_user(request), event=event, **changes)
        event = services.change_capacity(by=api_user(request), event=event, capacity=capacity)
    else:
        event = services.update_event(by=api_user(request), event=event, **changes)
    return get_event(request, event.pk)


@router.post("/{int:event_id}/postpone", response=EventOut, auth=AUTH_REQUIRED, summary="Postpone an event")
def postpone_event(request, event_id: int, payload: PostponeIn):
    event = _visible_event(request, event_id)
    event = services.postpone_event(
        by=api_user(request), event=event, reason=payload.reason, starts_at=payload.starts_at
    )
    return get_event(request, event.pk)
