"""JSON API of the resource pool, mounted under /api/v1/resources/: the same rules and services as the pages.

Busy times of a resource are public (without names); a booking's details are for its booker, the owner and
the office. Booking, deciding and the other steps go through the booking workflow like the page buttons.
"""

import datetime

from django.http import Http404
from ninja import Field, Query, Router, Schema

from quartierwerk.core.api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user
from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404

from . import rules, selectors, services
from .models import Booking, Resource
from .workflows import BOOKING_FLOW

router = Router(tags=["resources"])
SLUG = r"^[-a-zA-Z0-9_]+$"
CHOICE = r"^[a-z_]*$"


class ResourceOut(Schema):
    id: int
    kind: str
    name: str
    description: str
    place: str
    owner: str | None
    deposit: str
    fee: str
    bookable_by: str
    needs_approval: bool
    buffer_minutes: int
    can_book: bool
    url: str


class BusyOut(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class BookingOut(Schema):
    id: int
    resource: int
    resource_name: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: str
    booker: str
    purpose: str
    pickup_code: str
    actions: list[str]


class SearchQuery(Schema):
    quarter: str = Query(..., pattern=SLUG, max_length=80)
    kind: str = Query("", pattern=CHOICE, max_length=20)
    day: datetime.date | None = None
    place: str = Query("", max_length=100)


class BookingIn(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    organisation: int | None = Field(None, ge=1, le=2**31 - 1)
    purpose: str = Field("", max_length=300)
    accept_terms: bool = False
    licence_confirmed: bool = False


class StepIn(Schema):
    answer: str = Field("", max_length=500)
    code: str = Field("", max_length=20)
    condition_note: str = Field("", max_length=2000)


def _resource_out(resource: Resource, user) -> dict:
    return {
        "id": resource.pk,
        "kind": resource.kind,
        "name": resource.name,
        "description": resource.description,
        "place": resource.place,
        "owner": resource.owner.name if resource.owner_id else None,
        "deposit": str(resource.deposit),
        "fee": str(resource.fee),
        "bookable_by": resource.bookable_by,
        "needs_approval": resource.needs_approval,
        "buffer_minutes": resource.buffer_minutes,
        "can_book": bool(rules.can_book(user, resource)),
        "url": resource.get_absolute_url(),
    }


def _booking_out(booking: Booking, user) -> dict:
    return {
        "id": booking.pk,
        "resource": booking.resource_id,
        "resource_name": booking.resource.name,
        "starts_at": booking.starts_at,
        "ends_at": booking.ends_at,
        "status": booking.status,
        "booker": booking.booker_label,
        "purpose": booking.purpose,
        # The code proves the booker at the hand-over: only the booker sees it.
        "pickup_code": booking.pickup_code if rules.is_booker(user, booking) else "",
        "actions": BOOKING_FLOW.available(user, booking),
    }


def _visible_resource(request, resource_id: int) -> Resource:
    resource = Resource.objects.select_related("owner", "category", "quarter").filter(pk=resource_id).first()
    if resource is None or not rules.can_view_resource(api_user(request), resource):
        raise Http404
    return resource


def _visible_booking(request, booking_id: int) -> Booking:
    booking = (
        Booking.objects.select_related("resource", "resource__owner", "organisation", "booker")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None or not rules.can_view_booking(api_user(request), booking):
        raise Http404
    return booking


@router.get(
    "/resources", response=list[ResourceOut], auth=AUTH_OPTIONAL, summary="Search the pool of a quarter"
)
def search_resources(request, filters: Query[SearchQuery]):
    quarter = quarter_or_404(filters.quarter)
    user = api_user(request)
    found = selectors.search(quarter, kind=filters.kind, day=filters.day, place=filters.place, user=user)
    return [_resource_out(r, user) for r in found]


@router.get("/resources/{resource_id}", response=ResourceOut, auth=AUTH_OPTIONAL, summary="One resource")
def get_resource(request, resource_id: int):
    return _resource_out(_visible_resource(request, resource_id), api_user(request))


@router.get(
    "/resources/{resource_id}/busy",
    response=list[BusyOut],
    auth=AUTH_OPTIONAL,
    summary="Taken times of a resource (no names), two weeks from a day",
)
def resource_busy(request, resource_id: int, day: datetime.date | None = None):
    resource = _visible_resource(request, resource_id)
    days = selectors.calendar(resource, day or datetime.date.today())
    return [{"starts_at": start, "ends_at": end} for d in days for start, end, _label in d.busy]


@router.post(
    "/resources/{resource_id}/bookings",
    response={201: BookingOut},
    auth=AUTH_REQUIRED,
    summary="Book a resource",
)
def book_resource(request, resource_id: int, payload: BookingIn):
    resource = _visible_resource(request, resource_id)
    user = api_user(request)
    organisation = None
    if payload.organisation:
        from quartierwerk.actors.models import Organisation

        organisation = Organisation.objects.filter(pk=payload.organisation).first()
        if organisation is None:
            raise DomainError("Unknown organisation.", field="organisation")
    booking = services.book(
        resource=resource,
        user=user,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        organisation=organisation,
        purpose=payload.purpose[:300],
        accept_terms=payload.accept_terms,
        licence_confirmed=payload.licence_confirmed,
    )
    return 201, _booking_out(booking, user)


@router.get("/bookings", response=list[BookingOut], auth=AUTH_REQUIRED, summary="My bookings")
def my_resource_bookings(request):
    user = api_user(request)
    return [_booking_out(b, user) for b in selectors.bookings_of(user)[:200]]


@router.get("/bookings/{booking_id}", response=BookingOut, auth=AUTH_REQUIRED, summary="One booking")
def get_resource_booking(request, booking_id: int):
    return _booking_out(_visible_booking(request, booking_id), api_user(request))


@router.post(
    "/bookings/{booking_id}/{action}",
    response=BookingOut,
    auth=AUTH_REQUIRED,
    summary="A step of a booking: approve, refuse, hand_over, take_back, cancel",
)
def resource_booking_step(request, booking_id: int, action: str, payload: StepIn):
    booking = _visible_booking(request, booking_id)
    user = api_user(request)
    if action == "approve":
        booking = services.approve(booking=booking, by=user, answer=payload.answer)
    elif action == "refuse":
        booking = services.refuse(booking=booking, by=user, answer=payload.answer)
    elif action == "hand_over":
        booking = services.hand_over(booking=booking, by=user, code=payload.code)
    elif action == "take_back":
        booking = services.take_back(booking=booking, by=user, condition_note=payload.condition_note)
    elif action == "cancel":
        booking = services.cancel(booking=booking, by=user)
    else:
        raise Http404
    return _booking_out(booking, user)
