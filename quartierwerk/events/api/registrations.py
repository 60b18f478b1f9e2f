"""Registration with waiting list, cancelling by token, and the office's list of registrations."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Status
from ninja.pagination import paginate

from quartierwerk.core.api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user
from quartierwerk.core.errors import NotAllowed
from quartierwerk.core.params import PageNumbers

from .. import rules, services
from ..models import Event, Registration
from .common import PAGE, _visible_event, router
from .schemas import CancelIn, RegistrationAdminOut, RegistrationIn, RegistrationOut


@router.post(
    "/{int:event_id}/registrations",
    response={201: RegistrationOut},
    auth=AUTH_OPTIONAL,
    summary="Register (a place, or the next place on the waiting list)",
    operation_id="quartierwerk_events_api_register",
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
    operation_id="quartierwerk_events_api_cancel_registration",
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
    operation_id="quartierwerk_events_api_registrations",
)
@paginate(PageNumbers, **PAGE)
def registrations(request, event_id: int):
    event = get_object_or_404(Event, pk=event_id)
    if not rules.can_view_registrations(api_user(request), event):
        raise NotAllowed("You may not see the registrations of this event.")
    return event.registrations.exclude(status=Registration.Status.CANCELLED).order_by(
        "status", "waiting_position", "created_at"
    )
