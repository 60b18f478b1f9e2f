"""Sessions: the agenda and the minutes as anyone may see them, and the work of the chair or the office."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Status

from quartierwerk.core.api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user

from .. import selectors, services
from .common import _session_event, _visible_event, router
from .schemas import (
    ActionItemIn,
    ActionItemOut,
    AgendaItemIn,
    AgendaItemOut,
    AttendanceIn,
    MinutesIn,
    MinutesOut,
)


@router.get(
    "/{int:event_id}/agenda",
    response=list[AgendaItemOut],
    auth=AUTH_OPTIONAL,
    summary="A session's agenda",
    operation_id="quartierwerk_events_api_agenda",
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


@router.get(
    "/{int:event_id}/minutes",
    response=MinutesOut,
    auth=AUTH_OPTIONAL,
    summary="A session's minutes",
    operation_id="quartierwerk_events_api_minutes",
)
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
    "/{int:event_id}/agenda",
    response={201: AgendaItemOut},
    auth=AUTH_REQUIRED,
    summary="Add an agenda item",
    operation_id="quartierwerk_events_api_add_agenda_item",
)
def add_agenda_item(request, event_id: int, payload: AgendaItemIn):
    event = _session_event(request, event_id)
    item = services.add_agenda_item(by=api_user(request), event=event, **payload.dict())
    return Status(
        201,
        {"position": item.position, "title": item.title, "description": item.description, "documents": []},
    )


@router.post(
    "/{int:event_id}/attendance",
    response=MinutesOut,
    auth=AUTH_REQUIRED,
    summary="Record attendance",
    operation_id="quartierwerk_events_api_record_attendance",
)
def record_attendance(request, event_id: int, payload: AttendanceIn):
    event = _session_event(request, event_id)
    services.record_attendance(by=api_user(request), event=event, statuses=dict(payload.statuses))
    return minutes(request, event_id)


@router.put(
    "/{int:event_id}/minutes",
    response=MinutesOut,
    auth=AUTH_REQUIRED,
    summary="Write the minutes",
    operation_id="quartierwerk_events_api_write_minutes",
)
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
    "/{int:event_id}/minutes/release",
    response=MinutesOut,
    auth=AUTH_REQUIRED,
    summary="Release minutes",
    operation_id="quartierwerk_events_api_release_minutes",
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
    operation_id="quartierwerk_events_api_add_task",
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
