"""Council pages: a paper with its procedure and points, overviews of open points, status reports, export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartierwerk.core import clock, exports
from quartierwerk.core.errors import DomainError
from quartierwerk.core.models import City
from quartierwerk.core.views import quarter_or_404

from . import rules, selectors, services
from .forms import StatusReportForm
from .models import Paper, PaperQuarter, ResolutionPoint, paper_light


def paper_page(request, pk):
    """A paper with its whole procedure, consultations, files and its points' traffic lights."""
    try:
        paper = selectors.paper_with_history(pk)
    except Paper.DoesNotExist as missing:
        raise Http404 from missing
    points = list(paper.points.all())
    return render(
        request,
        "council/paper.html",
        {
            "paper": paper,
            "procedure": selectors.procedure(paper),
            "points": points,
            "light": paper_light(points),
            "quarters": [link.quarter for link in paper.quarter_links.all() if link.confirmed],
            "can_report": rules.can_record_status_report(request.user, paper),
        },
    )


def _overview(request, template: str, *, quarter=None, city=None, extra=None):
    points = selectors.open_points(quarter=quarter, city=city)
    page = Paginator(points, 50).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {
            "quarter": quarter,
            "city": city,
            "page_obj": page,
            "counts": selectors.light_counts(quarter=quarter, city=city),
            "today": clock.today(),
            **(extra or {}),
        },
    )


def quarter_overview(request, slug):
    """The council papers of a quarter and their open points by office and deadline."""
    quarter = quarter_or_404(slug)
    is_office = rules.can_view_quarter_office(request.user, quarter)
    papers = Paginator(selectors.quarter_papers(quarter), 20).get_page(request.GET.get("papers"))
    extra = {
        "papers": papers,
        "is_office": is_office,
        "suggestions": list(selectors.suggestions(quarter)[:50]) if is_office else [],
    }
    return _overview(request, "council/overview.html", quarter=quarter, extra=extra)


def city_overview(request, city):
    """The open points of every paper of a city, by office and deadline."""
    city = get_object_or_404(City, slug=city)
    return _overview(request, "council/overview.html", city=city)


def _export(points, filename: str, request):
    header = [
        _("Reference"),
        _("Paper"),
        _("Point"),
        _("Responsible office"),
        _("Deadline"),
        _("Status"),
        _("Traffic light"),
    ]
    rows = (
        [
            p.paper.reference,
            p.paper.name,
            p.number,
            p.responsible_office.name if p.responsible_office else "",
            p.deadline,
            p.get_status_display(),
            _light_label(p),
        ]
        for p in points
    )
    return exports.csv_response(header, rows, filename, exports.dialect_for(request))


def _light_label(point) -> str:
    from .models import TrafficLight

    return str(TrafficLight(point.traffic_light()).label)


def quarter_export(request, slug):
    quarter = quarter_or_404(slug)
    return _export(selectors.open_points(quarter=quarter), f"council-{quarter.slug}.csv", request)


def city_export(request, city):
    city = get_object_or_404(City, slug=city)
    return _export(selectors.open_points(city=city), f"council-{city.slug}.csv", request)


def status_report(request, pk):
    """Staff record the state of a point's implementation."""
    point = get_object_or_404(ResolutionPoint.objects.select_related("paper__body"), pk=pk, deleted=False)
    if not rules.can_record_status_report(request.user, point):
        raise PermissionDenied
    form = StatusReportForm(request.POST or None, initial={"status": point.status, "date": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_status_report(by=request.user, point=point, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The status report has been recorded."))
            return redirect("council:paper", point.paper_id)
    return render(request, "council/status_report.html", {"point": point, "paper": point.paper, "form": form})


@require_POST
def suggestion(request, slug, pk):
    """Confirm or drop a paper the import suggested to the quarter."""
    quarter = quarter_or_404(slug)
    link = get_object_or_404(PaperQuarter, pk=pk, quarter=quarter)
    try:
        services.set_suggestion(by=request.user, link=link, confirm=request.POST.get("confirm") == "1")
    except DomainError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("Saved."))
    return redirect("council:quarter", quarter.slug)
