"""The city's overview: every quarter side by side on the same figures, with sparklines and an export."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from quartierwerk.core import exports
from quartierwerk.core.models import City

from .. import rules, selectors
from ..figures import display
from .common import year_of, years_around


def _overview(request, city_slug):
    city = get_object_or_404(City, slug=city_slug)
    everything = request.user.is_authenticated and rules.can_view_city_dashboard(request.user, city)
    year = year_of(request)
    quarters = selectors.city_quarters(city)
    chosen = request.GET.getlist("q")
    if chosen:
        quarters = [q for q in quarters if q.slug in chosen] or quarters
    return city, year, everything, selectors.city_overview(quarters, year, everything=everything)


def city_dashboard(request, city):
    """City staff see every figure; everyone else the figures the offices have marked public."""
    city, year, everything, overview = _overview(request, city)
    return render(
        request,
        "insights/city.html",
        {
            "city": city,
            "year": year,
            "years": years_around(year),
            "overview": overview,
            "everything": everything,
            "all_quarters": selectors.city_quarters(city),
            "chosen": request.GET.getlist("q"),
        },
    )


def city_export(request, city, fmt):
    """The overview as CSV or XLSX through the one export writer (raw numbers; hidden cells stay empty)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    city, year, everything, overview = _overview(request, city)
    header = [_("Figure"), _("Unit"), *[q.name for q in overview["quarters"]]]
    rows = []
    for row in overview["rows"]:
        cells = []
        for cell in row["cells"]:
            if not cell["visible"]:
                cells.append(None)
            elif not everything and row["figure"].unit == "count":
                cells.append(display(cell["value"], "count", public=True))
            else:
                cells.append(cell["value"])
        rows.append([row["figure"].label, row["figure"].unit, *cells])
    filename = f"{city.slug}-{year}-quarters"
    if fmt == "xlsx":
        return exports.xlsx_response(header, rows, f"{filename}.xlsx", title=str(year))
    return exports.csv_response(header, rows, f"{filename}.csv", exports.dialect_for(request))
