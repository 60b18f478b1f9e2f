"""Published annual reports for everyone: the list of a quarter, one version as a page, its PDF and JSON."""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from quartierwerk.core.views import quarter_or_404

from .. import rules
from ..models import AnnualReport, PublishedReport


def report_list(request, slug):
    """Every published version of the quarter's public annual reports, newest first."""
    quarter = quarter_or_404(slug)
    versions = (
        PublishedReport.objects.filter(report__quarter=quarter, report__kind=AnnualReport.Kind.PUBLIC)
        .select_related("report")
        .defer("pdf", "figures_json")
        .order_by("-report__year", "-version")
    )
    return render(request, "insights/reports.html", {"quarter": quarter, "versions": versions})


def _version(request, pk) -> PublishedReport:
    version = get_object_or_404(
        PublishedReport.objects.select_related("report", "report__quarter", "report__quarter__city"), pk=pk
    )
    if version.report.kind != AnnualReport.Kind.PUBLIC and not (
        request.user.is_authenticated and rules.can_view_internal(request.user, version.report.quarter)
    ):
        raise Http404 if not request.user.is_authenticated else PermissionDenied
    return version


def version_page(request, pk):
    """One published version: the office's texts and the figures as they were published."""
    version = _version(request, pk)
    rows = json.loads(version.figures_json)
    fake = AnnualReport(
        pk=version.report.pk,
        quarter=version.report.quarter,
        year=version.report.year,
        kind=version.report.kind,
        figures=rows,
        **version.texts,
    )
    from ..selectors import report_view_context

    return render(
        request,
        "insights/version.html",
        {**report_view_context(fake), "version": version, "quarter": version.report.quarter},
    )


def version_pdf(request, pk):
    version = _version(request, pk)
    response = HttpResponse(bytes(version.pdf), content_type="application/pdf")
    name = f"{version.report.quarter.slug}-{version.report.year}-{version.report.kind}-v{version.version}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def version_json(request, pk):
    version = _version(request, pk)
    response = HttpResponse(version.figures_json, content_type="application/json; charset=utf-8")
    response["X-Content-SHA256"] = version.sha256
    return response
