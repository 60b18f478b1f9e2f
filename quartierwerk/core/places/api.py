"""JSON API of places: address type-ahead, "where is this point" (nearest address, quarter check) and
street labels for a map without tiles."""

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from quartierwerk.core.api_auth import AUTH_OPTIONAL
from quartierwerk.core.mapgrid import MapView
from quartierwerk.core.models import Quarter

from . import selectors
from .models import Address

router = Router(tags=["places"])


class AddressOut(Schema):
    id: int
    label: str
    street: str
    house_number: str
    postcode: str
    place: str
    lat: float
    lon: float


class SearchParams(Schema):
    quarter: str = Field(
        ..., max_length=50, description="slug of the quarter; its city's register is searched"
    )
    q: str = Field(..., min_length=2, max_length=100, description="what was typed, e.g. 'Hauptstr. 12'")
    limit: int = Field(10, ge=1, le=selectors.MAX_RESULTS)


class PointParams(Schema):
    quarter: str = Field(..., max_length=50, description="slug of the quarter the place is meant for")
    lat: float = Field(..., ge=-90, le=90)
    lon: float = Field(..., ge=-180, le=180)


class QuarterRef(Schema):
    slug: str
    name: str
    url: str


class PlaceOut(Schema):
    address: AddressOut | None
    distance_m: float | None
    inside: bool
    message: str
    quarter: QuarterRef | None = Field(None, description="the quarter holding the point, if any")


def address_out(address: Address) -> dict:
    return {
        "id": address.pk,
        "label": address.label,
        "street": address.street,
        "house_number": address.house_number,
        "postcode": address.postcode,
        "place": address.place,
        "lat": address.lat,
        "lon": address.lon,
    }


def _quarter(slug: str) -> Quarter:
    return get_object_or_404(
        Quarter.objects.only("pk", "city_id", "slug", "name", "boundary"), slug=slug, is_active=True
    )


@router.get(
    "/search",
    url_name="places_search",
    response=list[AddressOut],
    auth=AUTH_OPTIONAL,
    summary="Address type-ahead from the register",
)
def search(request, params: Query[SearchParams]):
    quarter = _quarter(params.quarter)
    return [address_out(a) for a in selectors.search(quarter.city_id, params.q, limit=params.limit)]


@router.get(
    "/point",
    url_name="places_point",
    response=PlaceOut,
    auth=AUTH_OPTIONAL,
    summary="Nearest address and quarter check of a point",
)
def point(request, params: Query[PointParams]):
    quarter = _quarter(params.quarter)
    found = selectors.nearest(quarter.city_id, params.lat, params.lon)
    check = selectors.check_place(quarter, params.lat, params.lon)
    holder = check.quarter
    return {
        "address": address_out(found[0]) if found else None,
        "distance_m": round(found[1], 1) if found else None,
        "inside": check.inside,
        "message": check.message,
        "quarter": {"slug": holder.slug, "name": holder.name, "url": holder.get_absolute_url()}
        if holder
        else None,
    }


class StreetsParams(Schema):
    quarter: str = Field(..., max_length=50, description="slug of the quarter; its city's register is read")
    bbox: str = Field(..., max_length=120, description="west,south,east,north in degrees (WGS84)")


class StreetOut(Schema):
    name: str
    lat: float
    lon: float


class StreetsOut(Schema):
    streets: list[StreetOut]
    truncated: bool


@router.get(
    "/streets",
    url_name="places_streets",
    response=StreetsOut,
    auth=AUTH_OPTIONAL,
    summary="Street names with one point each inside a map view (labels for a map without tiles)",
)
def streets(request, params: Query[StreetsParams]):
    quarter = _quarter(params.quarter)
    view = MapView.from_params({"bbox": params.bbox})
    if view.bbox is None:
        return {"streets": [], "truncated": False}
    found, truncated = selectors.street_labels(quarter.city_id, view.bbox)
    return {"streets": found, "truncated": truncated}
