"""The fund API's router, the serialisers of its answers and the look-ups every endpoint shares."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router

from quartierwerk.core import api_pages, multilingual
from quartierwerk.core.api_auth import api_user
from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404

from .. import checks, rules, selectors, services
from ..models import AgendaItem, Application, AwardSession


class FundRouter(Router):
    """The fund's router: an endpoint keeps the operation id it had when every endpoint lived in one module
    (`quartierwerk_fund_api_<function>`), so the published schema does not change with the file it is in."""

    def add_api_operation(self, path, methods, view_func, *, operation_id=None, **kwargs):
        operation_id = operation_id or f"quartierwerk_fund_api_{view_func.__name__}"
        return super().add_api_operation(path, methods, view_func, operation_id=operation_id, **kwargs)


router = FundRouter(tags=["fund"])


MAX_PAGE_SIZE = 100


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _fund_out(fund) -> dict:
    next_round = checks.open_round(fund)
    return {
        "quarter": fund.quarter.slug,
        "year": fund.year,
        "name": fund.name,
        # Purpose and notes in the caller's language where the office entered them, and which language each is in.
        **(texts := multilingual.api_texts(fund))[0],
        "text_languages": texts[1],
        "budget": _money(fund.budget),
        "committed": _money(fund.committed),
        "paid": _money(fund.paid),
        "remaining": _money(fund.remaining),
        "is_open": fund.is_open,
        "continuous_submission": fund.continuous_submission,
        "next_deadline": next_round.deadline.isoformat() if next_round else None,
        "max_per_application": _money(fund.max_per_application),
        "max_share_percent": fund.max_share_percent,
        "min_own_share_percent": fund.min_own_share_percent,
        "subsidiary_only": fund.subsidiary_only,
        "min_applicant_age": fund.min_applicant_age,
        "staff_decision_limit": _money(fund.staff_decision_limit),
        "council_decision_limit": _money(fund.council_decision_limit),
        "quorum": fund.quorum,
        "majority": fund.majority,
        "tie_rule": fund.tie_rule,
        "categories": [
            {
                "id": c.pk,
                "name": c.name,
                "budget": _money(c.budget),
                "committed": _money(c.committed),
                "max_amount": _money(c.max_amount),
                "max_share_percent": c.max_share_percent,
            }
            for c in fund.categories.all()
        ],
        "rounds": [
            {"id": r.pk, "name": r.name, "deadline": r.deadline.isoformat()} for r in fund.rounds.all()
        ],
    }


def _public_out(a: Application) -> dict:
    return {
        "reference": a.reference,
        "title": a.title,
        "applicant": a.public_applicant,
        "year": a.fund.year,
        "kind": a.category.name if a.category else None,
        "approved_amount": _money(a.approved_amount),
        "summary": a.summary,
        "public_report": a.public_report,
        "completed": a.status == Application.Status.CLOSED,
        "url": a.get_public_url(),
    }


def _application_out(a: Application, *, internal: bool = False) -> dict:
    data = {
        "id": a.pk,
        "reference": a.reference,
        "status": a.status,
        "status_label": str(a.get_status_display()),
        "version": a.version,
        "round": a.round.name if a.round_id else None,
        "category": a.category_id,
        "applicant_kind": a.applicant_kind,
        "applicant_name": a.applicant_name,
        "organisation_name": a.organisation_name,
        "title": a.title,
        "summary": a.summary,
        # The language the applicant wrote the texts in.
        "written_in": multilingual.source_language(a),
        "total_cost": _money(a.total_cost),
        "own_contribution": _money(a.own_contribution),
        "other_funding": _money(a.other_funding),
        "requested_amount": _money(a.requested_amount),
        "approved_amount": _money(a.approved_amount),
        "paid_amount": _money(a.paid_amount),
        "proof_due_date": a.proof_due_date.isoformat() if a.proof_due_date else None,
        "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
    }
    if internal:
        data.update(email=a.email, phone=a.phone, is_first_time=a.is_first_time)
    return data


def _detail_out(a: Application, user=None) -> dict:
    # Contact data only for the office, the city and administrators (not for the award team).
    data = _application_out(a, internal=user is not None and bool(rules.can_see_contact(user, a)))
    data.update(
        description=a.description,
        benefit=a.benefit,
        location=a.location,
        start_date=a.start_date.isoformat() if a.start_date else None,
        end_date=a.end_date.isoformat() if a.end_date else None,
        is_of_age=a.is_of_age,
        no_other_funding=a.no_other_funding,
        cost_items=[{"description": i.description, "amount": _money(i.amount)} for i in a.cost_items.all()],
        attachments=[
            {"id": f.pk, "kind": f.kind, "name": f.original_name, "size": f.size} for f in a.attachments.all()
        ],
        decisions=[
            {
                "id": d.pk,
                "outcome": d.outcome,
                "level": d.level,
                "amount": _money(d.amount),
                "conditions": d.conditions,
                "reasons": d.reasons,
                "decided_at": d.decided_at.isoformat(),
                "supersedes": d.supersedes_id,
                "correction_reason": d.correction_reason,
            }
            for d in a.decisions.order_by("decided_at", "pk")
        ],
        payouts=[
            {
                "amount": _money(p.amount),
                "paid_on": p.paid_on.isoformat(),
                "reference": p.reference,
                "reason": p.reason,
            }
            for p in a.payouts.all()
        ],
        proofs=[
            {
                "id": p.pk,
                "status": p.status,
                "spent_amount": _money(p.spent_amount),
                "check_note": p.check_note,
            }
            for p in a.proofs.all()
        ],
    )
    if user is not None and rules.can_view_internal_notes(user, a):
        data["notes"] = [
            {"kind": n.kind, "text": n.text, "created_at": n.created_at.isoformat()} for n in a.notes.all()
        ]
    return data


def _page(request, qs, out, *, since: str):
    """One page by cursor, newest first by `since` (the date it falls back to: when it was started), the
    deprecated `page` still answered (core/api_pages.py)."""
    qs = qs.annotate(listed_at=Coalesce(since, "created_at"))
    return api_pages.cursor_page(
        qs, request=request, key="listed_at", serialise=out, descending=True, max_size=MAX_PAGE_SIZE
    )


def _fund(quarter_slug: str):
    quarter = quarter_or_404(quarter_slug)
    fund = selectors.current_fund(quarter)
    if fund is None:
        raise Http404(_("This quarter has no fund yet."))
    return quarter, fund


def _allow(rule, user, target):
    if not rule(user, target):
        raise PermissionDenied


def _token_application(request) -> Application:
    application = services.application_for_token(
        request.headers.get("X-Application-Token", ""), for_write=request.method not in ("GET", "HEAD")
    )
    if application is None:
        raise Http404(_("This link is not valid (any more)."))
    return application


def _staff_application(request, app_id: int, rule=rules.can_view_applications) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("fund", "quarter", "round", "category").exclude(status="draft"),
        pk=app_id,
    )
    _allow(rule, api_user(request), application)
    return application


def _session_out(s: AwardSession) -> dict:
    return {
        "id": s.pk,
        "date": s.date.isoformat(),
        "location": s.location,
        "on_paper": s.on_paper,
        "status": s.status,
        "signed_at": s.signed_at.isoformat() if s.signed_at else None,
    }


def _item(request, item_id: int) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.select_related("session", "session__fund", "application"), pk=item_id
    )
    _allow(rules.can_view_session, api_user(request), item.session)
    return item


def _member(session, user_id):
    from django.contrib.auth import get_user_model

    member = get_user_model().objects.filter(pk=user_id).first()
    if member is None:
        raise DomainError(_("Unknown member."), field="voter")
    return member
