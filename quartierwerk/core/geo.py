"""Geo helpers: which quarter holds a point, boundary validation, GeoJSON (RFC 7946) output."""

from functools import lru_cache

from django.utils.translation import gettext as _
from shapely.geometry import Point, mapping, shape
from shapely.prepared import prep

from .errors import DomainError
from .models import Quarter


class InvalidGeometry(DomainError):
    pass


def validate_boundary(geojson: dict) -> dict:
    """Check a GeoJSON Polygon/MultiPolygon and return it normalised; raise InvalidGeometry otherwise."""
    try:
        geom = shape(geojson)
    except Exception as exc:  # shapely raises several types for malformed input
        raise InvalidGeometry(_("The boundary is not valid GeoJSON.")) from exc
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise InvalidGeometry(_("The boundary must be a polygon."))
    if not geom.is_valid:
        raise InvalidGeometry(_("The boundary polygon crosses itself."))
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise InvalidGeometry(_("The boundary lies outside valid coordinates."))
    return mapping(geom)


def set_boundary(quarter: Quarter, geojson: dict | None) -> None:
    """Set a quarter's boundary and its bounding box (does not save)."""
    if geojson is None:
        quarter.boundary = None
        quarter.min_lat = quarter.max_lat = quarter.min_lon = quarter.max_lon = None
        return
    normalised = validate_boundary(geojson)
    quarter.boundary = _as_lists(normalised)
    quarter.min_lon, quarter.min_lat, quarter.max_lon, quarter.max_lat = shape(normalised).bounds
    _prepared.cache_clear()


def _as_lists(obj):
    if isinstance(obj, dict):
        return {k: _as_lists(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_as_lists(v) for v in obj]
    return obj


@lru_cache(maxsize=2048)
def _prepared(quarter_id: int, boundary_key: str):
    import json

    return prep(shape(json.loads(boundary_key)))


def contains(quarter: Quarter, lat: float, lon: float) -> bool:
    """Whether the quarter's boundary holds the point."""
    import json

    if not quarter.boundary:
        return False
    return _prepared(quarter.pk, json.dumps(quarter.boundary, sort_keys=True)).contains(Point(lon, lat))


def quarter_for_point(lat: float, lon: float, queryset=None) -> Quarter | None:
    """The active quarter whose boundary holds the point, or None."""
    qs = (queryset if queryset is not None else Quarter.objects.filter(is_active=True)).filter(
        min_lat__lte=lat, max_lat__gte=lat, min_lon__lte=lon, max_lon__gte=lon
    )
    for quarter in qs:
        if contains(quarter, lat, lon):
            return quarter
    return None


def point(lat: float, lon: float) -> dict:
    return {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]}


def feature(geometry: dict | None, properties: dict, feature_id=None) -> dict:
    data = {"type": "Feature", "geometry": geometry, "properties": properties}
    if feature_id is not None:
        data["id"] = feature_id
    return data


def feature_collection(features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def quarter_feature(quarter: Quarter) -> dict:
    return feature(
        quarter.boundary,
        {"name": quarter.name, "slug": quarter.slug, "url": quarter.get_absolute_url()},
        feature_id=quarter.slug,
    )


def bounds_param(quarter: Quarter | None = None) -> str:
    """The box a map first shows as "west,south,east,north": the quarter's, or (None) that of every active
    quarter; "" when no boundary is known."""
    if quarter is None:
        from django.db.models import Max, Min

        box = Quarter.objects.filter(is_active=True, min_lat__isnull=False).aggregate(
            w=Min("min_lon"), s=Min("min_lat"), e=Max("max_lon"), n=Max("max_lat")
        )
        values = (box["w"], box["s"], box["e"], box["n"])
    else:
        values = (quarter.min_lon, quarter.min_lat, quarter.max_lon, quarter.max_lat)
    if any(v is None for v in values):
        return ""
    return ",".join(f"{v:.5f}" for v in values)
