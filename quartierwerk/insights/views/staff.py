"""The office's pages: the contact log, the team's time, the quarter's figures and its annual reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import staff_quarter

from .. import rules, selectors, services
from ..figures import for_quarter, sections
from ..forms import ContactForm, FieldOfActionForm, SectionsForm, TimeForm
from ..models import AnnualReport, ContactLogEntry, PublicFigure, TimeEntry
from .common import year_of, years_around


def _office_quarter(request, slug):
    quarter = staff_quarter(request, slug)
    if not rules.can_keep_records(request.user, quarter):
        raise PermissionDenied
    return quarter


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def contact_log(request, slug):
    """Count a visit, call or e-mail: how, language and referral are preselected, one topic button sends it."""
    quarter = _office_quarter(request, slug)
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            services.log_contact(by=request.user, quarter=quarter, **form.cleaned_data)
            messages.success(request, _("The contact is counted."))
            return redirect("insights:contact_log", quarter.slug)
    from django.utils import timezone

    today = ContactLogEntry.objects.filter(quarter=quarter, day=timezone.localdate())
    return render(
        request,
        "insights/staff/contact_log.html",
        {
            "quarter": quarter,
            "form": form,
            "topics": ContactLogEntry.Topic.choices,
            "today": list(today[:50]),
            "today_count": today.count(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def team_time(request, slug):
    """Book the team's hours on a field of action, and add a field."""
    from django.utils import timezone

    quarter = _office_quarter(request, slug)
    form = TimeForm(
        request.POST if "hours" in request.POST else None,
        quarter=quarter,
        initial={"day": timezone.localdate()},
    )
    field_form = FieldOfActionForm(request.POST if "title" in request.POST else None)
    if request.method == "POST":
        try:
            if form.is_bound and form.is_valid():
                services.book_time(by=request.user, quarter=quarter, **form.cleaned_data)
                messages.success(request, _("The hours are booked."))
                return redirect("insights:time", quarter.slug)
            if field_form.is_bound and field_form.is_valid():
                services.add_field(by=request.user, quarter=quarter, title=field_form.cleaned_data["title"])
                messages.success(request, _("The field of action is added."))
                return redirect("insights:time", quarter.slug)
        except DomainError as exc:
            target = form if form.is_bound else field_form
            target.add_error(exc.field if exc.field in target.fields else None, str(exc))
    recent = TimeEntry.objects.filter(quarter=quarter).select_related("field")[:20]
    bound = form.is_bound or field_form.is_bound
    return render(
        request,
        "insights/staff/time.html",
        {"quarter": quarter, "form": form, "field_form": field_form, "recent": recent},
        status=400 if bound and (form.errors or field_form.errors) else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def figures_page(request, slug):
    """The quarter's figures of one year, every module's in one place; the office marks which are public."""
    quarter = staff_quarter(request, slug)
    if not rules.can_view_internal(request.user, quarter):
        raise PermissionDenied
    year = year_of(request)
    can_edit = rules.can_keep_records(request.user, quarter)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        services.set_public_figures(by=request.user, quarter=quarter, keys=request.POST.getlist("public"))
        messages.success(request, _("The public figures are saved."))
        return redirect(f"{request.path}?year={year}")
    found = for_quarter(quarter, year)
    public = set(PublicFigure.objects.filter(quarter=quarter).values_list("key", flat=True))
    return render(
        request,
        "insights/staff/figures.html",
        {
            "quarter": quarter,
            "year": year,
            "years": years_around(year),
            "sections": sections(found),
            "public": public,
            "can_edit": can_edit,
        },
    )


@login_required
def staff_reports(request, slug):
    quarter = staff_quarter(request, slug)
    if not rules.can_view_internal(request.user, quarter):
        raise PermissionDenied
    year = year_of(request)
    reports = {r.kind: r for r in AnnualReport.objects.filter(quarter=quarter, year=year)}
    kinds = [(kind, label, reports.get(kind)) for kind, label in AnnualReport.Kind.choices]
    return render(
        request,
        "insights/staff/reports.html",
        {"quarter": quarter, "year": year, "years": years_around(year), "kinds": kinds},
    )


def _report(request, slug, year, kind) -> AnnualReport:
    quarter = staff_quarter(request, slug)
    if kind not in AnnualReport.Kind.values or not 2000 <= year <= 2100:
        raise Http404
    if not rules.can_view_internal(request.user, quarter):
        raise PermissionDenied
    found = (
        AnnualReport.objects.filter(quarter=quarter, year=year, kind=kind).select_related("quarter").first()
    )
    if found is None:
        if not rules.can_keep_records(request.user, quarter):
            return AnnualReport(quarter=quarter, year=year, kind=kind)  # nothing written yet: an empty page
        found = services.report_for(quarter, year, kind)
    return found


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_report(request, slug, year, kind):
    """Write the office's sections, regenerate the figures in the background, publish a version."""
    report = _report(request, slug, year, kind)
    can_edit = rules.can_keep_records(request.user, report.quarter)
    form = SectionsForm(request.POST if "save" in request.POST else None, instance=report)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        try:
            if "save" in request.POST and form.is_valid():
                services.write_sections(by=request.user, report=report, **form.cleaned_data)
                messages.success(request, _("The texts are saved. They stay when the report is regenerated."))
                return redirect(request.path)
            if "generate" in request.POST:
                services.start_generation(by=request.user, report=report)
                return redirect(request.path)
            if "publish" in request.POST:
                version = services.publish(by=request.user, report=report)
                messages.success(request, _("Version %(n)s is published.") % {"n": version.version})
                return redirect(request.path)
        except DomainError as exc:
            messages.error(request, str(exc))
            return redirect(request.path)
    versions = list(report.versions.defer("pdf").order_by("-version")) if report.pk else []
    return render(
        request,
        "insights/staff/report.html",
        {**selectors.report_view_context(report), "form": form, "can_edit": can_edit, "versions": versions},
        status=400 if form.errors else 200,
    )


@login_required
def report_progress(request, slug, year, kind):
    """The progress part of the report page, polled while the report is generated."""
    report = _report(request, slug, year, kind)
    return render(request, "insights/staff/_progress.html", {"report": report, "quarter": report.quarter})
