"""What the report pages share: paging, filters and a point typed by a person."""

import math

from django.core.paginator import Paginator
from django.utils.http import urlencode

PAGE_SIZE = 20
MY_REPORTS = "qw_my_report_ids"


def _page(request, qs, size=PAGE_SIZE):
    return Paginator(qs, size).get_page(request.GET.get("page"))


def _query_string(request) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])


def _valid_filters(form) -> dict:
    """The filters that are valid; one bad value does not drop the others."""
    form.is_valid()
    return getattr(form, "cleaned_data", {})


def _point(lat, lon) -> tuple[float, float] | None:
    """A valid (lat, lon) from user input, or None."""
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon
