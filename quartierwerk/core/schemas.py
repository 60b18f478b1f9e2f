"""API schemas shared by the modules: pages of results and error bodies."""

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class PageMeta(Schema):
    page: int
    page_size: int
    total: int


class MapViewQuery(Schema):
    """What a map feed shows (core.mapgrid.MapView): `bbox=west,south,east,north` and the map's zoom."""

    bbox: str | None = Field(None, max_length=120, description="west,south,east,north in degrees (WGS84)")
    zoom: int | None = Field(None, ge=0, le=22, description="map zoom; below 15 the answer is clusters")
