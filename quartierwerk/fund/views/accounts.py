"""Budget, figures and exports for the city's accounting."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from quartierwerk.core import audit, exports
from quartierwerk.core import selectors as core_selectors

from .. import rules, selectors
from ..models import Application
from .common import _area


def budget(request, slug):
    quarter, fund = _area(request, slug, rules.can_view_budget)
    return render(
        request,
        "fund/staff/budget.html",
        {"quarter": quarter, "fund": fund, "years": selectors.budget_overview(quarter)},
    )


def figures(request, slug):
    quarter, fund = _area(request, slug, rules.can_export)
    return render(
        request,
        "fund/staff/figures.html",
        {
            "quarter": quarter,
            "fund": fund,
            "years": selectors.figures_per_year(quarter),
            "exports": [
                ("applications", _("Applications")),
                ("decisions", _("Decisions")),
                ("payouts", _("Payouts")),
            ],
        },
    )


def _export_rows(what, quarter):
    if what == "applications":
        header = [
            pgettext("fund", "Reference"),
            _("Year"),
            _("Round"),
            _("Kind of project"),
            _("Applicant"),
            _("Association or institution"),
            _("Title"),
            _("Status"),
            _("Submitted"),
            _("Total cost"),
            _("Own contribution"),
            _("Other funding"),
            _("Requested"),
            pgettext("fund", "Approved"),
            _("Paid"),
            _("Proof of use due"),
            _("First application"),
        ]
        qs = (
            Application.objects.filter(quarter=quarter)
            .exclude(status="draft")
            .select_related("fund", "round", "category")
            .annotate(is_restricted=core_selectors.is_restricted("email"))
            .order_by("submitted_at", "pk")
        )
        rows = (
            [
                a.reference,
                a.fund.year,
                a.round.name if a.round else "",
                a.category.name if a.category else "",
                # Art. 18 / 21: the amounts stay for the city's accounts, the applicant is not named.
                str(core_selectors.RESTRICTED_LABEL) if a.is_restricted else a.applicant_name,
                a.organisation_name,
                a.title,
                a.get_status_display(),
                a.submitted_at.date() if a.submitted_at else None,
                a.total_cost,
                a.own_contribution,
                a.other_funding,
                a.requested_amount,
                a.approved_amount,
                a.paid_amount,
                a.proof_due_date,
                _("yes") if a.is_first_time else _("no"),
            ]
            for a in qs.iterator(chunk_size=500)
        )
    elif what == "decisions":
        header = [
            pgettext("fund", "Reference"),
            _("Year"),
            pgettext("fund", "Decision"),
            _("Decided by"),
            _("Amount"),
            _("Conditions"),
            _("Reasons"),
            _("Decided"),
            _("Correction of"),
            _("Reason for the correction"),
        ]
        rows = (
            [
                d.application.reference,
                d.application.fund.year,
                d.get_outcome_display(),
                d.get_level_display(),
                d.amount,
                d.conditions,
                d.reasons,
                d.decided_at.date(),
                d.supersedes_id or "",
                d.correction_reason,
            ]
            for d in selectors.decisions_for_export(quarter).iterator(chunk_size=500)
        )
    elif what == "payouts":
        header = [
            pgettext("fund", "Reference"),
            _("Year"),
            _("Paid on"),
            _("Amount"),
            _("Booking reference"),
            _("Reason for the correction"),
        ]
        rows = (
            [
                p.application.reference,
                p.application.fund.year,
                p.paid_on,
                p.amount,
                p.reference,
                p.reason,
            ]
            for p in selectors.payouts_for_export(quarter).iterator(chunk_size=500)
        )
    else:
        raise Http404
    return header, rows


def export(request, slug, what, fmt):
    """CSV (German Excel, or RFC 4180 with ?format=csv-rfc4180) or XLSX of applications, decisions or
    payouts for the city's accounting."""
    quarter, _fund = _area(request, slug, rules.can_export)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    header, rows = _export_rows(what, quarter)
    filename = f"verfuegungsfonds-{quarter.slug}-{what}.{fmt}"
    audit.record(request.user, "fund.exported", quarter, what=what, format=fmt)
    if fmt == "csv":
        return exports.csv_response(header, rows, filename, exports.dialect_for(request))
    return exports.xlsx_response(header, rows, filename, title=what)
