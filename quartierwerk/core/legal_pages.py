"""Pages generated from the register of personal data and the stored responsible parties: the privacy
statement (Art. 13 GDPR), the record of processing activities (Art. 30) as HTML and PDF, the Impressum
(§ 5 DDG)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import rules, selectors
from .models import Quarter
from .pdf import render_pdf
from .processing import activities_for_statement, legal_basis_labels, record_rows
from .views import quarter_or_404


def _statement(request, *, city, quarter: Quarter | None, parties):
    return render(
        request,
        "core/privacy_statement.html",
        {
            "city": city,
            "quarter": quarter,
            "parties": parties,
            "controllers": [p for p in parties if p.is_controller],
            "processors": [p for p in parties if not p.is_controller],
            "activities": activities_for_statement(parties),
            "authority": next(
                (p.party.data_protection_authority for p in parties if p.party.data_protection_authority), ""
            ),
            "quarters": selectors.quarters_with_parties() if quarter is None else None,
        },
    )


def privacy(request):
    """The privacy statement of the city-wide pages; each quarter's statement is linked from it."""
    parties = [selectors.PartyRole(p, "controller") for p in selectors.city_administrations()]
    return _statement(request, city=None, quarter=None, parties=parties)


def quarter_privacy(request, slug):
    """A quarter's privacy statement, naming the controller(s) its operator's contract sets."""
    quarter = quarter_or_404(slug)
    return _statement(
        request, city=quarter.city, quarter=quarter, parties=selectors.responsible_parties(quarter)
    )


def impressum(request):
    """The Impressum (§ 5 DDG) of the city-wide pages: the stored details of each city administration."""
    return render(
        request,
        "core/impressum.html",
        {
            "quarter": None,
            "providers": list(selectors.city_administrations()),
            "quarters": selectors.quarters_with_parties(),
        },
    )


def quarter_impressum(request, slug):
    """A quarter's Impressum: the operator that runs the office (if any) and the city behind it."""
    quarter = quarter_or_404(slug)
    providers = [quarter.operator_party] if quarter.operator_party else []
    administration = selectors.city_administration(quarter.city_id)
    if administration:
        providers.append(administration)
    return render(request, "core/impressum.html", {"quarter": quarter, "providers": providers})


# The record of processing activities (Art. 30) ---------------------------------------------------------


def _record_quarter(request, slug) -> Quarter:
    quarter = quarter_or_404(slug)
    if not request.user.is_authenticated or not rules.can_view_processing_record(request.user, quarter):
        raise PermissionDenied
    return quarter


def _record_context(quarter: Quarter, party_id: int) -> dict:
    parties = selectors.responsible_parties(quarter)
    this = next((p for p in parties if p.party.pk == party_id), None)
    if this is None:
        raise Http404
    return {
        "quarter": quarter,
        "this": this,
        "others": [p for p in parties if p.party.pk != party_id],
        "rows": record_rows(this),
        "basis_labels": legal_basis_labels(),
        "generated_at": timezone.now(),
    }


@login_required
def processing_records(request, slug):
    """The records a quarter's data appears in: one per controller and per processor."""
    quarter = _record_quarter(request, slug)
    return render(
        request,
        "core/processing_records.html",
        {"quarter": quarter, "parties": selectors.responsible_parties(quarter)},
    )


@login_required
def processing_record(request, slug, party_id):
    quarter = _record_quarter(request, slug)
    return render(request, "core/processing_record.html", _record_context(quarter, party_id))


@login_required
def processing_record_pdf(request, slug, party_id):
    quarter = _record_quarter(request, slug)
    data = record_pdf(quarter, party_id)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="verzeichnis-{quarter.slug}-{party_id}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def record_pdf(quarter: Quarter, party_id: int, *, language: str | None = None) -> bytes:
    """One party's Art. 30 record for a quarter as PDF."""
    return render_pdf(
        "core/pdf/processing_record.html", _record_context(quarter, party_id), language=language
    )
