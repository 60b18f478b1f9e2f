"""Bounded map feeds: a bounding box and a zoom in, clusters or points out, at a fixed query count.

Every mapped row keeps its place on a fine grid in two integer columns (`cell_x`, `cell_y`): the Web
Mercator tile numbers at zoom BASE_LEVEL (cells of about 2 m). A coarser grid is an integer division of
those columns, so the same indexed columns serve every zoom on SQLite and PostgreSQL alike:

- below CLUSTER_BELOW_ZOOM the feed groups the rows of the view into cells of about 64 pixels and answers
  one point per cell (count and centroid; a cell with a single row is sent as that row's own point);
- from CLUSTER_BELOW_ZOOM on it answers the rows themselves;
- always at most a fixed number of features, with `"truncated": true` when more would have matched.
"""

import math
from dataclasses import dataclass

from django.db.models import Avg, Count, F, IntegerField, Min, QuerySet, Value
from django.db.models.functions import Cast

BASE_LEVEL = 24  # 2**24 cells around the world: below 2.4 m, and the numbers fit a 32-bit integer
CLUSTER_BELOW_ZOOM = 15
CLUSTER_PIXELS_LEVEL = 2  # a cluster cell is a quarter of a 256-pixel tile: 64 pixels
POINT_LIMIT = 500
CLUSTER_LIMIT = 1000
MAX_LAT = 85.05112878
MAX_ZOOM = 22


def cell_of(lat: float | None, lon: float | None) -> tuple[int | None, int | None]:
    """The base-grid cell of a point (None, None without a point)."""
    if lat is None or lon is None:
        return None, None
    n = 2**BASE_LEVEL
    lat = max(-MAX_LAT, min(MAX_LAT, float(lat)))
    lon = max(-180.0, min(180.0, float(lon)))
    x = int((lon + 180.0) / 360.0 * n)
    rad = math.radians(lat)
    y = int((1.0 - math.log(math.tan(rad) + 1.0 / math.cos(rad)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def set_cells(obj) -> None:
    """Fill `cell_x`/`cell_y` of a model instance from its `lat`/`lon` (call before saving)."""
    obj.cell_x, obj.cell_y = cell_of(obj.lat, obj.lon)


def cell_fields_for(update_fields) -> list | None:
    """The update_fields of a save, with the cell columns added when the point is among them."""
    if update_fields is None:
        return None
    fields = list(update_fields)
    if ("lat" in fields or "lon" in fields) and "cell_x" not in fields:
        fields += ["cell_x", "cell_y"]
    return fields


def _number(text) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class MapView:
    """What a map shows: a bounding box (west, south, east, north) and a zoom, both optional."""

    bbox: tuple[float, float, float, float] | None = None
    zoom: int | None = None

    @classmethod
    def from_params(cls, params) -> "MapView":
        """Read `bbox=west,south,east,north` and `zoom`; anything malformed is ignored, never an error."""
        bbox = None
        parts = (params.get("bbox") or "").split(",")
        if len(parts) == 4:
            numbers = [_number(p) for p in parts]
            if None not in numbers:
                west, south, east, north = numbers
                west, east = max(-180.0, min(west, east)), min(180.0, max(west, east))
                south, north = max(-90.0, min(south, north)), min(90.0, max(south, north))
                bbox = (west, south, east, north)
        zoom = _number(params.get("zoom"))
        zoom = None if zoom is None else max(0, min(MAX_ZOOM, int(zoom)))
        return cls(bbox=bbox, zoom=zoom)

    @property
    def clustered(self) -> bool:
        return self.zoom is not None and self.zoom < CLUSTER_BELOW_ZOOM

    def restrict(self, qs: QuerySet) -> QuerySet:
        """Rows with a point inside the box (on the indexed cell columns)."""
        qs = qs.filter(cell_x__isnull=False, cell_y__isnull=False)
        if self.bbox is None:
            return qs
        west, south, east, north = self.bbox
        x0, y0 = cell_of(north, west)
        x1, y1 = cell_of(south, east)
        return qs.filter(cell_x__gte=x0, cell_x__lte=x1, cell_y__gte=y0, cell_y__lte=y1)


# The list beside a map follows the map's view with `in_view=1&bbox=west,south,east,north` (a shareable URL);
# these parameters belong to the list, never to the map feed, which adds its own box and zoom.
IN_VIEW = "in_view"
VIEW_PARAMS = frozenset({IN_VIEW, "bbox", "zoom", "page"})


def list_view(params) -> MapView | None:
    """The view a list is restricted to: `in_view=1` with a valid `bbox`, else None (every match)."""
    if params.get(IN_VIEW) != "1":
        return None
    view = MapView.from_params(params)
    return view if view.bbox is not None else None


def bbox_param(view: MapView | None) -> str:
    """A view's box as "west,south,east,north" (the form the map's `data-bounds` and the list URL use)."""
    if view is None or view.bbox is None:
        return ""
    return ",".join(f"{v:.5f}" for v in view.bbox)


def feed_params(params) -> list[tuple[str, str]]:
    """The filters of a list page that the map feed takes: every non-empty one except the view's own."""
    return [(k, v) for k, v in params.items() if k not in VIEW_PARAMS and v]


def _divided(column: str, shift: int):
    if shift <= 0:
        return F(column)
    return Cast(F(column) / Value(2**shift), IntegerField())


def bounded_feed(qs: QuerySet, view: MapView, *, columns, feature, point_limit=POINT_LIMIT) -> dict:
    """A GeoJSON FeatureCollection of `qs` for `view`: clusters below CLUSTER_BELOW_ZOOM, else points.

    `columns` are the values a point needs (the first is the primary key, `lat` and `lon` among them),
    `feature(*row)` makes the point. Points keep the order of `qs`. Two queries in cluster mode, one in
    point mode, whatever the number of rows.
    """
    qs = view.restrict(qs)
    if not view.clustered:
        rows = list(qs.values_list(*columns)[: point_limit + 1])
        return _collection([feature(*row) for row in rows[:point_limit]], len(rows) > point_limit, "points")
    level = min(BASE_LEVEL, view.zoom + CLUSTER_PIXELS_LEVEL)
    shift = BASE_LEVEL - level
    cells = list(
        qs.order_by()
        .annotate(gx=_divided("cell_x", shift), gy=_divided("cell_y", shift))
        .values("gx", "gy")
        .annotate(n=Count("pk"), lat_c=Avg("lat"), lon_c=Avg("lon"), one=Min("pk"))
        .order_by("-n", "gx", "gy")[: CLUSTER_LIMIT + 1]
    )
    truncated = len(cells) > CLUSTER_LIMIT
    cells = cells[:CLUSTER_LIMIT]
    singles = [c["one"] for c in cells if c["n"] == 1]
    # Always one query for the single rows, so the count does not depend on the data.
    points = {row[0]: feature(*row) for row in qs.filter(pk__in=singles or [0]).values_list(*columns)}
    features = []
    for c in cells:
        if c["n"] == 1 and c["one"] in points:
            features.append(points[c["one"]])
            continue
        features.append(
            {
                "type": "Feature",
                "id": f"c{level}-{c['gx']}-{c['gy']}",
                "geometry": {"type": "Point", "coordinates": [round(c["lon_c"], 7), round(c["lat_c"], 7)]},
                "properties": {"cluster": True, "count": c["n"]},
            }
        )
    return _collection(features, truncated, "clusters")


def _collection(features, truncated: bool, mode: str) -> dict:
    return {"type": "FeatureCollection", "features": features, "mode": mode, "truncated": truncated}
