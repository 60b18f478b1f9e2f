"""Helpers of the insights pages: which year a page is about."""

from quartierwerk.core import clock


def year_of(request, default: int | None = None) -> int:
    """The year asked for with `?year=`, within sensible bounds; this year otherwise."""
    this_year = clock.today().year
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return default or this_year
    return year if 2000 <= year <= this_year + 1 else (default or this_year)


def years_around(year: int) -> list[int]:
    this_year = clock.today().year
    return list(range(this_year, this_year - 6, -1)) if year <= this_year else [year]
