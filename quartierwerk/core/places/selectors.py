"""Reads of the address register: type-ahead search, the nearest address to a point, the quarter of a place."""

import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _

from quartierwerk.core import geo
from quartierwerk.core.models import Quarter

from . import keys
from .models import Address

MAX_RESULTS = 20
# Search boxes around a point, in metres, tried in turn (at most three queries).
NEAREST_RADII = (150, 600, 2500)


def search(city_id: int, query: str, *, limit: int = 10) -> list[Address]:
    """Addresses of a city whose key starts with what was typed, or has a word starting with it (one query).

    "Hauptstraße 12", "hauptstr. 12", "Hauptstrasse" and "Muellerstr" find the same rows as the register's
    own spelling; without a house number every number of the street is offered.
    """
    key = keys.query_key(query)
    if len(key) < 2:
        return []
    limit = max(1, min(limit, MAX_RESULTS))
    condition = Q(search_key__startswith=key)
    if " " not in key:
        # "weg" finds "Am Anger Weg 1"; only for a single word so the query stays cheap.
        condition |= Q(search_key__contains=" " + key)
    rows = Address.objects.filter(condition, city_id=city_id).order_by(
        "street", "number_sort", "house_number"
    )
    found = list(rows[: limit * 3])
    # Exact street start first; a word inside comes after.
    found.sort(key=lambda a: (not a.search_key.startswith(key), a.street, a.number_sort, a.house_number))
    return found[:limit]


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on a sphere (good to a metre at city scale)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def nearest(city_id: int | None, lat: float, lon: float) -> tuple[Address, float] | None:
    """The address closest to a point and its distance in metres, within 2.5 km, or None."""
    for radius in NEAREST_RADII:
        dlat = radius / 111_320
        dlon = radius / (111_320 * max(math.cos(math.radians(lat)), 0.01))
        qs = Address.objects.filter(
            lat__gte=lat - dlat, lat__lte=lat + dlat, lon__gte=lon - dlon, lon__lte=lon + dlon
        )
        if city_id is not None:
            qs = qs.filter(city_id=city_id)
        candidates = list(qs[:2000])
        if candidates:
            best = min(candidates, key=lambda a: _metres(lat, lon, a.lat, a.lon))
            return best, _metres(lat, lon, best.lat, best.lon)
    return None


@dataclass(frozen=True)
class PlaceCheck:
    inside: bool
    message: str
    quarter: Quarter | None  # the quarter holding the place (the asked one, another, or None)


def check_place(quarter: Quarter, lat: float, lon: float) -> PlaceCheck:
    """Whether a place lies in the quarter; if not, a message naming the right quarter or the city's channel."""
    if not quarter.boundary or geo.contains(quarter, lat, lon):
        return PlaceCheck(True, "", quarter)
    other = geo.quarter_for_point(lat, lon, Quarter.objects.filter(is_active=True, city_id=quarter.city_id))
    if other is not None:
        return PlaceCheck(
            False,
            _("This place lies in %(other)s, not in %(quarter)s. Please report it there.")
            % {"other": other.name, "quarter": quarter.name},
            other,
        )
    channel = getattr(settings, "CITY_CHANNEL", "")
    if channel:
        message = _(
            "This place lies outside every quarter served here. Please turn to the city directly: %(channel)s"
        ) % {"channel": channel}
    else:
        message = _(
            "This place lies outside every quarter served here. Please turn to the city's own service for reports."
        )
    return PlaceCheck(False, message, None)


def resolve(city_id: int, text: str) -> Address | None:
    """The one register address a typed line names ("Hauptstr. 12a, 04209 Leipzig"), or None if none or several."""
    street_part, _sep, rest = (text or "").partition(",")
    key = keys.query_key(street_part)
    if not key or not any(ch.isdigit() for ch in key):
        return None
    rows = list(Address.objects.filter(city_id=city_id, search_key=key)[:5])
    postcode = "".join(ch for ch in rest if ch.isdigit())[:5]
    if len(rows) > 1 and postcode:
        rows = [a for a in rows if a.postcode == postcode]
    return rows[0] if len(rows) == 1 else None


def by_id(city_id: int, address_id) -> Address | None:
    """A register address of the city by its id (as given by the search API), or None."""
    try:
        pk = int(str(address_id).strip())
    except ValueError:
        return None
    return Address.objects.filter(city_id=city_id, pk=pk).first()


STREET_LABEL_LIMIT = 150  # labels on one map view at most
STREET_LABEL_MAX_SPAN = 0.15  # degrees: a wider view gets no labels (they would not be readable)


def street_labels(city_id: int, bbox, *, limit: int = STREET_LABEL_LIMIT) -> tuple[list[dict], bool]:
    """The streets of the register inside `bbox` (west, south, east, north), each with one representative
    point (the mean of its addresses in the box), the streets with most addresses first. One query on the
    (city, lat, lon) index; at most `limit` streets, and whether more would have matched."""
    west, south, east, north = bbox
    if east - west > STREET_LABEL_MAX_SPAN or north - south > STREET_LABEL_MAX_SPAN:
        return [], True
    rows = list(
        Address.objects.filter(city_id=city_id, lat__range=(south, north), lon__range=(west, east))
        .order_by()
        .values("street")
        .annotate(lat=Avg("lat"), lon=Avg("lon"), n=Count("pk"))
        .order_by("-n", "street")[: limit + 1]
    )
    return [
        {"name": r["street"], "lat": round(r["lat"], 6), "lon": round(r["lon"], 6)} for r in rows[:limit]
    ], len(rows) > limit
