"""Residents' pages: report, list and map, one report, support, "is this solved?", my reports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartierwerk.core import geo, mapgrid
from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import UploadRejected
from quartierwerk.core.views import quarter_or_404

from .. import rules, selectors, services
from ..forms import (
    FilterForm,
    ReportForm,
    SolutionForm,
    SupportForm,
)
from ..models import PhotoSettings, Report
from .common import MY_REPORTS, _page, _point, _query_string, _valid_filters


def start(request, slug):
    """Step one of reporting: choose what it is about."""
    quarter = quarter_or_404(slug)
    # Grouped for the headings: a group's heading appears once, however the positions interleave.
    categories = selectors.categories_by_group(quarter)
    # The session keeps the ids of the reports filed in this browser, not their private links.
    ids = request.session.get(MY_REPORTS, []) if request.session.session_key else []
    recent = (
        Report.objects.filter(pk__in=ids[:20], quarter=quarter).select_related("category")[:5] if ids else []
    )
    return render(
        request, "reports/start.html", {"quarter": quarter, "categories": categories, "recent": recent}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def new(request, slug, code):
    """Step two: place, description, photos, contact; the nearby-report hint comes in by htmx."""
    quarter = quarter_or_404(slug)
    category = get_object_or_404(selectors.categories_for(quarter), code=code)
    attributes = list(category.attributes.all())
    # Staff recording what a resident brought to the office (in person or by phone): not their own report.
    office = rules.can_triage(request.user, quarter)
    author = None if office else request.user
    form = ReportForm(
        request.POST or None, request.FILES or None, category=category, attributes=attributes, user=author
    )
    checking = request.method == "POST" and "check" in request.POST
    if checking:
        # Without JavaScript: "look for similar reports" shows the hint and keeps what was typed.
        typed = {k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "check", "photos")}
        form = ReportForm(None, category=category, attributes=attributes, user=author, initial=typed)
    if request.method == "POST" and not checking and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.create_report(
                quarter=quarter,
                category=category,
                description=data["description"],
                lat=data["lat"],
                lon=data["lon"],
                address=data["address"],
                no_place=data["no_place"],
                attributes=form.attribute_values(),
                category_attributes=attributes,
                reporter=author,
                source=Report.Source.OFFICE if office else Report.Source.WEB,
                name=data["name"],
                email=data["email"],
                show_name=data["show_name"],
                photos=data["photos"],
                language=request.LANGUAGE_CODE,
            )
        except DomainError as exc:
            field = (
                "photos"
                if isinstance(exc, UploadRejected)
                else exc.field
                if exc.field in form.fields
                else (f"attr_{exc.field}" if f"attr_{exc.field}" in form.fields else None)
            )
            form.add_error(field, str(exc))
        else:
            request.session[MY_REPORTS] = [report.pk, *request.session.get(MY_REPORTS, [])][:20]
            messages.success(
                request,
                _("Thank you! Your report has the reference number %(ref)s.") % {"ref": report.reference},
            )
            return redirect("reports:follow", report.follow_token)
    point = (
        _point(request.POST.get("lat"), request.POST.get("lon"))
        if checking
        else _point(form["lat"].value(), form["lon"].value())
    )
    near = selectors.nearby(quarter, category, *point) if point else []
    return render(
        request,
        "reports/new.html",
        {
            "quarter": quarter,
            "category": category,
            "form": form,
            "nearby": near,
            "checked": point is not None,
            "office": office,
            "photos_blurred": PhotoSettings.mode_of(quarter.pk) == PhotoSettings.Mode.BLUR,
            "boundary": geo.feature_collection([geo.quarter_feature(quarter)]) if quarter.boundary else None,
        },
        status=400 if request.method == "POST" and not checking else 200,
    )


@require_GET
def nearby(request, slug, code):
    """The "is it one of these?" hint: open reports of the same category near the pin (an htmx fragment)."""
    quarter = quarter_or_404(slug)
    category = get_object_or_404(selectors.categories_for(quarter), code=code)
    point = _point(request.GET.get("lat"), request.GET.get("lon"))
    if point is None:
        return render(request, "reports/_nearby.html", {"quarter": quarter, "nearby": [], "checked": False})
    near = selectors.nearby(quarter, category, *point)
    return render(request, "reports/_nearby.html", {"quarter": quarter, "nearby": near, "checked": True})


def report_list(request, slug):
    """Public list and map of a quarter's reports with filters."""
    quarter = quarter_or_404(slug)
    categories = list(selectors.categories_for(quarter))
    filters = FilterForm(request.GET or None, categories=categories)
    params = _valid_filters(filters)
    reports = selectors.public_reports(quarter, params)
    # "Only what the map shows": the list follows the map's view (in_view=1&bbox=…, kept in the URL).
    in_view = mapgrid.list_view(request.GET)
    if in_view is not None:
        reports = in_view.restrict(reports)
    page_obj = _page(request, reports)
    feed_query = urlencode(mapgrid.feed_params(request.GET))
    return render(
        request,
        "reports/list.html",
        {
            "quarter": quarter,
            "filters": filters,
            "page_obj": page_obj,
            "query_string": _query_string(request),
            "in_view": in_view is not None,
            "view_bbox": mapgrid.bbox_param(in_view),
            "geojson_url": reverse("reports:geojson", args=[slug]) + (f"?{feed_query}" if feed_query else ""),
            "map_bounds": mapgrid.bbox_param(in_view) or geo.bounds_param(quarter),
            "boundary": geo.feature_collection([geo.quarter_feature(quarter)]) if quarter.boundary else None,
        },
    )


@require_GET
def geojson(request, slug):
    """Map data of the public list (same filters) for one view of the map (`bbox`, `zoom`): clusters when
    zoomed out, else the newest 500 reports with a place in the view."""
    quarter = quarter_or_404(slug)
    params = FilterForm(request.GET, categories=selectors.categories_for(quarter))
    data = _valid_filters(params)
    view = mapgrid.MapView.from_params(request.GET)
    response = JsonResponse(selectors.map_feed(quarter, selectors.public_reports(quarter, data), view))
    response["Content-Type"] = "application/geo+json"
    return response


def _visible_report(request, slug, pk) -> Report:
    quarter = quarter_or_404(slug)
    report = get_object_or_404(
        Report.objects.select_related("category", "quarter", "body", "duplicate_of").prefetch_related(
            selectors.public_photos(), selectors.public_updates(), "category__attributes"
        ),
        pk=pk,
        quarter=quarter,
    )
    if not rules.can_view_report(request.user, report):
        raise Http404
    return report


def detail(request, slug, pk):
    """The public part of one report: text, photos, status, public answers."""
    report = _visible_report(request, slug, pk)
    session_key = request.session.session_key or ""
    is_supporter = services.supported_by(report, user=request.user, session_key=session_key)
    return render(
        request,
        "reports/detail.html",
        {
            "quarter": report.quarter,
            "report": report,
            "support_form": SupportForm(),
            "is_supporter": is_supporter,
            "solution_form": SolutionForm(),
            "can_staff": rules.can_view_inbox(request.user, report),
            "map_data": geo.feature_collection(
                ([geo.quarter_feature(report.quarter)] if report.quarter.boundary else [])
                + [selectors.report_feature(report)]
            )
            if report.lat is not None
            else None,
        },
    )


@require_POST
def support(request, slug, pk):
    """Support an existing report ("me too") instead of filing a twin."""
    report = _visible_report(request, slug, pk)
    form = SupportForm(request.POST)
    email = form.cleaned_data["email"] if form.is_valid() else ""
    try:
        target, created = services.support(report=report, user=request.user, email=email)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(report.get_absolute_url())
    if created and not request.user.is_authenticated:
        messages.success(
            request,
            _("Thank you. Please confirm your support with the link we sent to your e-mail address."),
        )
    elif created:
        messages.success(
            request,
            _("Thank you for your support. %(n)d people support this report.") % {"n": target.support_count},
        )
    else:
        messages.info(request, _("You already support this report."))
    return redirect(target.get_absolute_url())


@never_cache
@require_http_methods(["GET", "POST"])
def support_confirm(request, token):
    """The link from the e-mail: a button confirms (a GET alone changes nothing, as mail scanners follow links)."""
    if request.method == "POST":
        report = services.confirm_support(token)
        if report is None:
            raise Http404
        messages.success(request, _("Thank you, your support is counted."))
        return redirect(report.get_absolute_url())
    return render(request, "reports/support_confirm.html", {})


@require_POST
def solution(request, slug, pk):
    """A supporter confirms or reopens a solved report."""
    report = _visible_report(request, slug, pk)
    if not services.supported_by(report, user=request.user, session_key=request.session.session_key or ""):
        raise PermissionDenied
    return _respond_to_solution(request, report, report.get_absolute_url())


def _respond_to_solution(request, report, back):
    form = SolutionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.respond_to_solution(
            report=report, confirmed=request.POST.get("answer") == "confirm", by=request.user, note=note
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        if request.POST.get("answer") == "confirm":
            messages.success(request, _("Thank you for confirming. The report is closed."))
        else:
            messages.success(request, _("The report is open again; the office will look at it."))
    return redirect(back)


def my_reports(request):
    """Reports of the logged-in resident (an account keeps one's reports together)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('core:login')}?next={request.path}")
    qs = Report.objects.filter(Q(reporter=request.user)).select_related("category", "quarter")
    return render(request, "reports/mine.html", {"page_obj": _page(request, qs)})
