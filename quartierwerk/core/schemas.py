"""API schemas shared by the modules: pages of results and error bodies."""

from typing import Annotated

from ninja import Field, Schema

from .limits import Code


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


# Texts an office enters in more languages (core/multilingual.py): {"ar": {"title": "…"}, …}. The lengths of
# the single texts are those of the model's columns, checked by multilingual.clean().
TranslatedText = Annotated[str, Field(max_length=20000)]
Translations = Annotated[
    dict[Annotated[str, Field(max_length=12)], Annotated[dict[Code, TranslatedText], Field(max_length=10)]],
    Field(
        max_length=20, description="{language: {field: text}} for the languages the city offers beside German"
    ),
]
