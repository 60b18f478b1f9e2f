"""Ids, whole numbers, pages and dates taken from query strings and forms.

A parameter that is not what an endpoint takes is a clear 400 in every interface - the pages (Django's
400 page), the JSON API (`{"detail", "field"}`) and Open311 (its error list) - never a ValueError,
OverflowError or database DataError that ends as a 500. Every view and API endpoint that turns a request
parameter into an id, a number, a page or a date goes through these helpers.
"""

import datetime

from django.core.exceptions import BadRequest
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

# The largest value of a bigint column (PostgreSQL raises on anything larger, SQLite overflows).
MAX_ID = 2**63 - 1
# No list is longer than this many pages; the limit keeps every OFFSET well inside the database's integers.
MAX_PAGE = 1_000_000
# Dates outside these years are refused: they overflow Python's date arithmetic and time-zone conversion
# at the edges (year 1 and 9999) and are never meant by a client.
MIN_YEAR = 1900
MAX_YEAR = 2999


class BadParameter(BadRequest):
    """A query or form parameter that the endpoint does not take: HTTP 400 in every interface."""

    status = 400

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


def _digits(value) -> str:
    return str(value).strip() if value is not None else ""


def object_id(value, *, name: str = "id") -> int:
    """The id of an entry from a parameter: a whole number from 1 to the largest database id."""
    text = _digits(value)
    if not text.isascii() or not text.isdigit() or len(text) > 19 or not 1 <= int(text) <= MAX_ID:
        raise BadParameter(_("%(name)s must be the number of an entry.") % {"name": name}, field=name)
    return int(text)


def optional_id(value, *, name: str = "id") -> int | None:
    """Like object_id, but an absent or empty parameter gives None (no filter)."""
    if value is None or _digits(value) == "":
        return None
    return object_id(value, name=name)


def id_or_none(value) -> int | None:
    """An id when the parameter is one, otherwise None: for filters that a bad value simply switches off."""
    try:
        return optional_id(value)
    except BadParameter:
        return None


def whole_number(
    value, *, name: str, default: int | None = None, minimum: int | None = None, maximum: int | None = None
) -> int:
    """A whole number within bounds from a parameter; absent or empty gives the default."""
    text = _digits(value)
    if text == "" and default is not None:
        return default
    sign, digits = (text[0], text[1:]) if text[:1] in "+-" and text else ("", text)
    bounded = minimum is not None or maximum is not None
    if not digits.isascii() or not digits.isdigit() or (len(digits) > 19 and not bounded):
        raise BadParameter(_("%(name)s must be a whole number.") % {"name": name}, field=name)
    # A whole number of 20 digits or more is one: it is refused as out of range, not as "not a number".
    if len(digits) > 19 and maximum is None and sign != "-":
        maximum = MAX_ID
    number = int(sign + (digits if len(digits) <= 19 else "9" * 20))
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        if maximum is None:
            message = _("%(name)s must be at least %(min)s.")
        elif minimum is None:
            message = _("%(name)s may be at most %(max)s.")
        else:
            message = _("%(name)s must be between %(min)s and %(max)s.")
        raise BadParameter(message % {"name": name, "min": minimum, "max": maximum}, field=name)
    return number


def page_window(page, page_size, *, default_size: int, max_size: int) -> tuple[int, int]:
    """The page number and page size of a list request; sizes above the maximum are capped."""
    number = whole_number(page, name="page", default=1, minimum=1, maximum=MAX_PAGE)
    size = whole_number(page_size, name="page_size", default=default_size, minimum=1)
    return number, min(size, max_size)


def page_of(rows, *, page, page_size, default_size: int = 25, max_size: int = 100, serialise) -> dict:
    """One page of an API list: `{count, page, page_size, results}`, in two queries for a queryset."""
    number, size = page_window(page, page_size, default_size=default_size, max_size=max_size)
    count = rows.count()
    window = rows[(number - 1) * size : number * size]
    return {"count": count, "page": number, "page_size": size, "results": [serialise(r) for r in window]}


class PageNumbers(PageNumberPagination):
    """django-ninja's page-number pagination with the same bounds (and 400 answers) as page_of."""

    class Input(Schema):
        page: int = Field(1)
        page_size: int | None = Field(None)

    def paginate_queryset(self, queryset, pagination, request, **params):
        number, size = page_window(
            pagination.page, pagination.page_size, default_size=self.page_size, max_size=self.max_page_size
        )
        offset = (number - 1) * size
        return {self.items_attribute: queryset[offset : offset + size], "count": self._items_count(queryset)}


def date_in_range(day, *, name: str):
    """The date (or date-time) itself when its year is one the platform supports, otherwise a 400."""
    if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
        raise BadParameter(
            _("%(name)s must lie between the years %(min)s and %(max)s.")
            % {"name": name, "min": MIN_YEAR, "max": MAX_YEAR},
            field=name,
        )
    return day


def date_param(value, *, name: str) -> datetime.date:
    """A calendar date (YYYY-MM-DD) that exists and lies within the supported years."""
    try:
        day = parse_date(_digits(value))
    except ValueError:
        day = None
    if day is None:
        raise BadParameter(_("%(name)s must be a date such as 2026-01-31.") % {"name": name}, field=name)
    date_in_range(day, name=name)
    return day


def datetime_param(value, *, name: str, end: bool = False) -> datetime.datetime:
    """A W3C date-time with a valid offset, or a date (its start, or its end when `end`), made aware."""
    text = _digits(value)
    # A "+" in a query string that was not percent-encoded arrives as a space.
    if "T" in text:
        try:
            moment = parse_datetime(text.replace(" ", "+"))
        except ValueError:  # a day or an offset that does not exist, e.g. 2026-02-30 or +99:00
            moment = None
        if moment is None:
            raise BadParameter(
                _("%(name)s must be a W3C date-time such as 2026-01-01T00:00:00Z.") % {"name": name},
                field=name,
            )
        date_in_range(moment, name=name)
    else:
        day = date_param(text, name=name)
        moment = datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
