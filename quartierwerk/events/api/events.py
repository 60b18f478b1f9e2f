"""Events and series: the calendar window, one event, planning, changing, cancelling and postponing."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Status

from quartierwerk.core.api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user
from quartierwerk.core.api_pages import CursorQuery
from quartierwerk.core.errors import NotAllowed
from quartierwerk.core.models import Quarter
from quartierwerk.core.params import date_in_range

from .. import selectors, services
from ..models import Event, Registration
from .common import MAX_WINDOW_DAYS, _event_out, _visible_event, occurrence_page, router
from .schemas import EventIn, EventOut, EventPatch, OccurrencePageOut, PostponeIn, ReasonIn


@router.get(
    "/",
    response=OccurrencePageOut,
    auth=AUTH_OPTIONAL,
    summary="Dates of events in a window (repeating events expanded), public ones plus what the caller may "
    "see, in order of their start, page by page: follow `next`",
    operation_id="quartierwerk_events_api_list_events",
)
def list_events(
    request,
    paging: Query[CursorQuery],
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
    occurrences = selectors.calendar_list(
        user, quarter=q, start=window_start, end=window_end, filters=filters, include_internal=True
    )
    return occurrence_page(request, occurrences)


@router.get(
    "/{int:event_id}",
    response=EventOut,
    auth=AUTH_OPTIONAL,
    summary="One event",
    operation_id="quartierwerk_events_api_get_event",
)
def get_event(request, event_id: int):
    event = _visible_event(request, event_id)
    places_left = None
    if event.registration_required and event.capacity is not None:
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        places_left = max(0, event.capacity - confirmed)
    return _event_out(event, places_left, user=api_user(request))


@router.post(
    "/",
    response={201: EventOut},
    auth=AUTH_REQUIRED,
    summary="Plan an event (office of the quarter)",
    operation_id="quartierwerk_events_api_create_event",
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
    return Status(201, _event_out(event, user=api_user(request)))


@router.post(
    "/{int:event_id}/cancel",
    response=EventOut,
    auth=AUTH_REQUIRED,
    summary="Cancel an event",
    operation_id="quartierwerk_events_api_cancel_event",
)
def cancel_event(request, event_id: int, payload: ReasonIn):
    event = _visible_event(request, event_id)
    return _event_out(services.cancel_event(by=api_user(request), event=event, reason=payload.reason))


@router.patch(
    "/{int:event_id}",
    response=EventOut,
    auth=AUTH_REQUIRED,
    summary="Change an event",
    operation_id="quartierwerk_events_api_update_event",
)
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


@router.post(
    "/{int:event_id}/postpone",
    response=EventOut,
    auth=AUTH_REQUIRED,
    summary="Postpone an event",
    operation_id="quartierwerk_events_api_postpone_event",
)
def postpone_event(request, event_id: int, payload: PostponeIn):
    event = _visible_event(request, event_id)
    event = services.postpone_event(
        by=api_user(request), event=event, reason=payload.reason, starts_at=payload.starts_at
    )
    return get_event(request, event.pk)
