"""Endpoints of the office, the city and the award team on applications: triage, agenda, decisions, money,
proof of use, budget and figures; the same rules as the web."""

from django.shortcuts import get_object_or_404
from ninja import Query, Status

from quartierwerk.core.api_auth import AUTH_REQUIRED, api_user
from quartierwerk.core.api_pages import CursorPageOut
from quartierwerk.core.views import quarter_or_404

from .. import rules, selectors, services
from ..models import AwardSession, ProofOfUse
from .common import _allow, _application_out, _detail_out, _fund, _money, _page, _staff_application, router
from .schemas import CheckProofIn, CorrectIn, DecideIn, InboxQuery, MessageIn, NoteIn, PayoutIn, ScheduleIn


@router.get(
    "/{quarter}/applications",
    response=CursorPageOut,
    auth=AUTH_REQUIRED,
    summary="Applications of the fund, paginated",
)
def list_applications(request, quarter: str, query: Query[InboxQuery]):
    _quarter, fund = _fund(quarter)
    _allow(rules.can_view_applications, api_user(request), fund)
    qs = selectors.inbox(fund, status=query.status, round_id=query.round)
    internal = bool(rules.can_see_contact(api_user(request), fund))
    return _page(request, qs, lambda a: _application_out(a, internal=internal), since="submitted_at")


@router.get("/applications/{app_id}", auth=AUTH_REQUIRED, summary="One application with everything about it")
def get_application(request, app_id: int):
    return _detail_out(_staff_application(request, app_id), api_user(request))


@router.post("/applications/{app_id}/complete", auth=AUTH_REQUIRED, summary="Mark complete")
def complete(request, app_id: int):
    application = services.mark_complete(
        application=_staff_application(request, app_id), actor=api_user(request)
    )
    return _application_out(application, internal=True)


@router.post(
    "/applications/{app_id}/request-changes", auth=AUTH_REQUIRED, summary="Reopen the draft with a message"
)
def request_changes(request, app_id: int, payload: MessageIn):
    application = services.request_changes(
        application=_staff_application(request, app_id), message=payload.message, actor=api_user(request)
    )
    return _application_out(application, internal=True)


@router.post(
    "/applications/{app_id}/notes",
    auth=AUTH_REQUIRED,
    response={201: dict},
    summary="Add an advice note or assessment",
)
def add_note(request, app_id: int, payload: NoteIn):
    note = services.add_note(
        application=_staff_application(request, app_id),
        text=payload.text,
        kind=payload.kind,
        actor=api_user(request),
    )
    return Status(201, {"id": note.pk})


@router.post("/applications/{app_id}/schedule", auth=AUTH_REQUIRED, summary="Put on a session's agenda")
def schedule(request, app_id: int, payload: ScheduleIn):
    application = _staff_application(request, app_id)
    session = get_object_or_404(AwardSession, pk=payload.session, fund=application.fund)
    item = services.schedule(application=application, session=session, actor=api_user(request))
    return {"item": item.pk}


@router.post(
    "/applications/{app_id}/decide", auth=AUTH_REQUIRED, summary="Record a decision (commits the money)"
)
def decide(request, app_id: int, payload: DecideIn):
    decision = services.decide(
        application=_staff_application(request, app_id), actor=api_user(request), **payload.dict()
    )
    return {
        "id": decision.pk,
        "outcome": decision.outcome,
        "amount": _money(decision.amount),
        "level": decision.level,
    }


@router.post(
    "/applications/{app_id}/correct",
    auth=AUTH_REQUIRED,
    summary="Correct the approved amount (with a reason)",
)
def correct(request, app_id: int, payload: CorrectIn):
    decision = services.correct_amount(
        application=_staff_application(request, app_id), actor=api_user(request), **payload.dict()
    )
    return {"id": decision.pk, "amount": _money(decision.amount), "supersedes": decision.supersedes_id}


@router.post(
    "/applications/{app_id}/payouts", auth=AUTH_REQUIRED, response={201: dict}, summary="Record a payout"
)
def payout(request, app_id: int, payload: PayoutIn):
    p = services.record_payout(
        application=_staff_application(request, app_id), actor=api_user(request), **payload.dict()
    )
    return Status(201, {"id": p.pk, "amount": _money(p.amount)})


@router.post("/proofs/{proof_id}/check", auth=AUTH_REQUIRED, summary="Check a proof of use")
def check_proof(request, proof_id: int, payload: CheckProofIn):
    proof = get_object_or_404(ProofOfUse.objects.select_related("application"), pk=proof_id)
    _allow(rules.can_check_proof, api_user(request), proof.application)
    proof = services.check_proof(proof=proof, actor=api_user(request), **payload.dict())
    return {"id": proof.pk, "status": proof.status}


@router.get(
    "/{quarter}/budget",
    auth=AUTH_REQUIRED,
    summary="Planned, committed, paid and remaining per year and kind",
)
def budget(request, quarter: str):
    q = quarter_or_404(quarter)
    _allow(rules.can_view_budget, api_user(request), q)
    return [
        {
            "year": row["fund"].year,
            "budget": _money(row["fund"].budget),
            "requested_open": _money(row["fund"].requested_open),
            "committed": _money(row["fund"].committed),
            "paid": _money(row["fund"].paid),
            "remaining": _money(row["fund"].remaining),
            "kinds": [
                {
                    "name": c.name,
                    "budget": _money(c.budget),
                    "committed": _money(c.committed),
                    "paid": _money(c.paid),
                }
                for c in row["categories"]
            ],
        }
        for row in selectors.budget_overview(q)
    ]


@router.get("/{quarter}/figures", auth=AUTH_REQUIRED, summary="Figures per year")
def figures(request, quarter: str):
    q = quarter_or_404(quarter)
    _allow(rules.can_export, api_user(request), q)
    return [
        {
            "year": row["year"],
            "applications": row["applications"],
            "approval_rate": row["approval_rate"],
            "first_time_share": row["first_time_share"],
            "requested": _money(row["requested"]),
            "approved": _money(row["approved_sum"]),
            "paid": _money(row["paid"]),
            "by_kind": [
                {"kind": k["category__name"], "amount": _money(k["amount"]), "count": k["count"]}
                for k in row["kinds"]
            ],
        }
        for row in selectors.figures_per_year(q)
    ]
