"""API schemas shared by the modules: pages of results and error bodies."""

from ninja import Schema


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class PageMeta(Schema):
    page: int
    page_size: int
    total: int
