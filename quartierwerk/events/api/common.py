"""What the endpoints share: the router, the bounds of the web forms, event rows, finding a visible event."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router

from quartierwerk.core import api_pages, keyset, multilingual, params
from quartierwerk.core.api_auth import api_user
from quartierwerk.core.errors import NotAllowed

from .. import rules
from ..models import Event

# The same bounds as the web forms: places, questions, dates left out of a series, people at a session.
CAPACITY_MAX = 100000
QUESTIONS_MAX = 20
EXCEPTION_DATES_MAX = 200
ATTENDANCE_MAX = 1000
AGENDA_MAX = 200

router = Router(tags=["events"])
MAX_WINDOW_DAYS = 400
PAGE = {"page_size": 50, "max_page_size": 200}
PAGE_SIZE, MAX_PAGE_SIZE = PAGE["page_size"], PAGE["max_page_size"]


def _occurrence_out(occ) -> dict:
    e = occ.event
    title = multilingual.pick(e, "title")
    return {
        "id": e.pk,
        "title": str(title),
        "title_language": title.lang,
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


def occurrence_page(request, occurrences) -> dict:
    """One page of dates by cursor (no count), or by the deprecated page number with its count."""
    size = min(
        params.whole_number(request.GET.get("page_size"), name="page_size", default=PAGE_SIZE, minimum=1),
        MAX_PAGE_SIZE,
    )
    if api_pages.uses_page_numbers(request):
        number, size = params.page_window(
            request.GET.get("page"), size, default_size=PAGE_SIZE, max_size=MAX_PAGE_SIZE
        )
        count = len(occurrences)
        rows = occurrences[(number - 1) * size : number * size]
        more = number * size < count
        return {
            "items": [_occurrence_out(o) for o in rows],
            "next": api_pages.link(request, page=number + 1, page_size=size) if more else None,
            "count": count,
        }
    position = None
    if request.GET.get(api_pages.CURSOR):
        position = keyset.position(request.GET[api_pages.CURSOR], "starts_at", field=api_pages.CURSOR)
    rows, more = occurrences.page_after(position, size)
    next_url = None
    if more:
        last = rows[-1]
        next_url = api_pages.link(
            request, cursor=keyset.encode_cursor("starts_at", last.starts_at, last.event.pk)
        )
    return {"items": [_occurrence_out(o) for o in rows], "next": next_url, "count": None}


def _event_out(event: Event, places_left=None, user=None) -> dict:
    from django.urls import reverse

    from .. import ical

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
    texts, text_languages = multilingual.api_texts(event)
    may_manage = user is not None and rules.can_manage_events(user, event)
    return {
        "id": event.pk,
        **texts,
        "text_languages": text_languages,
        "translations": multilingual.versions(event) if may_manage else None,
        "kind": event.kind,
        "topic": event.topic,
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


def _session_event(request, event_id: int) -> Event:
    event = _visible_event(request, event_id)
    if not event.is_session:
        raise Http404
    if not rules.can_manage_session(api_user(request), event):
        raise NotAllowed("You may not manage this session.")
    return event
