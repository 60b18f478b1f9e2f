"""JSON API of the fund module, mounted under /api/v1/fund/.

Public: the fund and its funded projects. Applicants: their application through the private token
(header `X-Application-Token`), no account needed. Office, city, award team: the same rules as the web.
"""

import datetime
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from quartierwerk.core.api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user
from quartierwerk.core.client import client_address
from quartierwerk.core.errors import DomainError
from quartierwerk.core.limits import TEXT_MAX, Code, Email, Id
from quartierwerk.core.params import page_of
from quartierwerk.core.views import quarter_or_404

from . import checks, limits, rules, selectors, services
from .models import AgendaItem, Application, AwardSession, ProofOfUse

router = Router(tags=["fund"])
MAX_PAGE_SIZE = 100


class PageQuery(Schema):
    page: int = 1
    page_size: int = 25


class InboxQuery(PageQuery):
    status: str = ""
    round: int | None = None


Amount = Annotated[str, Field(max_length=limits.AMOUNT_TEXT_MAX, description="Euro, e.g. 1234.50")]


class CostItemIn(Schema):
    description: str = Field(..., max_length=limits.COST_LINE_DESCRIPTION_MAX)
    amount: Amount


class DraftIn(Schema):
    applicant_kind: Code = "private"
    applicant_name: str = Field(..., max_length=160)
    organisation_name: str = Field("", max_length=200)
    email: Email


class DraftUpdate(Schema):
    applicant_kind: Code | None = None
    applicant_name: str | None = Field(None, max_length=160)
    organisation_name: str | None = Field(None, max_length=200)
    email: Email | None = None
    phone: str | None = Field(None, max_length=60)
    is_of_age: bool | None = None
    title: str | None = Field(None, max_length=200)
    summary: str | None = Field(None, max_length=600)
    description: str | None = Field(None, max_length=8000)
    benefit: str | None = Field(None, max_length=4000)
    location: str | None = Field(None, max_length=200)
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    no_other_funding: bool | None = None
    own_contribution: Amount | None = None
    other_funding: Amount | None = None
    category: Id | None = None
    cost_items: list[CostItemIn] | None = Field(None, max_length=limits.COST_LINES_MAX)
    # Optional: when given, it must equal what the cost plan computes.
    requested_amount: Amount | None = None


class SubmitIn(Schema):
    consent: bool


class MessageIn(Schema):
    message: str = Field(..., max_length=3000)


class NoteIn(Schema):
    text: str = Field(..., max_length=5000)
    kind: Code = "advice"


class ScheduleIn(Schema):
    session: Id


class DecideIn(Schema):
    outcome: Code
    amount: Amount | None = None
    conditions: str = Field("", max_length=TEXT_MAX)
    reasons: str = Field("", max_length=TEXT_MAX)


class CorrectIn(Schema):
    amount: Amount
    reason: str = Field(..., max_length=2000)


class PayoutIn(Schema):
    amount: Amount
    paid_on: datetime.date
    reference: str = Field("", max_length=120)
    reason: str = Field("", max_length=2000)


class ProofIn(Schema):
    report: str = Field(..., max_length=8000)
    public_summary: str = Field(..., max_length=1200)
    spent_amount: Amount


class CheckProofIn(Schema):
    outcome: Code
    note: str = Field("", max_length=TEXT_MAX)
    repayment_amount: Amount | None = None


class SessionIn(Schema):
    date: datetime.date
    location: str = Field("", max_length=200)
    on_paper: bool = False


class VoteIn(Schema):
    choice: Code
    amount: Amount | None = None
    conditions: str = Field("", max_length=2000)
    voter: Id | None = None  # for a paper session: the member the office enters the vote for


class RecusalIn(Schema):
    reason: str = Field("", max_length=300)
    member: Id | None = None


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _fund_out(fund) -> dict:
    next_round = checks.open_round(fund)
    return {
        "quarter": fund.quarter.slug,
        "year": fund.year,
        "name": fund.name,
        "purpose": fund.purpose,
        "rules_text": fund.rules_text,
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


def _page(qs, query: PageQuery, out):
    return page_of(qs, page=query.page, page_size=query.page_size, max_size=MAX_PAGE_SIZE, serialise=out)


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
    application = services.application_for_token(request.headers.get("X-Application-Token", ""))
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


# --- Public -------------------------------------------------------------------------------------


@router.get("/{quarter}/fund", auth=AUTH_OPTIONAL, summary="The quarter's fund this year: rules and budget")
def get_fund(request, quarter: str):
    _quarter, fund = _fund(quarter)
    return _fund_out(fund)


@router.get("/{quarter}/projects", auth=AUTH_OPTIONAL, summary="Funded projects of a quarter, paginated")
def funded_projects(request, quarter: str, query: Query[PageQuery]):
    return _page(selectors.funded_projects(quarter_or_404(quarter)), query, _public_out)


# --- Applicant (private token) ------------------------------------------------------------------


@router.post(
    "/{quarter}/applications", auth=AUTH_OPTIONAL, response={201: dict}, summary="Start an application"
)
def start_application(request, quarter: str, payload: DraftIn):
    _quarter, fund = _fund(quarter)
    if "@" not in payload.email or len(payload.email) > 254:
        raise DomainError(_("Please give a valid e-mail address."), field="email")
    application, token = services.start_application(
        fund=fund, user=api_user(request), client_address=client_address(request), **payload.dict()
    )
    return Status(
        201, {"id": application.pk, "token": token, "url": services.private_link(application, token)}
    )


@router.get("/application", auth=AUTH_OPTIONAL, summary="Your application (header X-Application-Token)")
def my_application(request):
    return _detail_out(_token_application(request))


@router.patch("/application", auth=AUTH_OPTIONAL, summary="Save your draft (header X-Application-Token)")
def update_my_application(request, payload: DraftUpdate):
    application = _token_application(request)
    data = payload.dict(exclude_unset=True)
    items = data.pop("cost_items", None)
    requested = data.pop("requested_amount", None)
    application = services.update_application(
        application=application,
        data=data,
        cost_items=[(i["description"], i["amount"]) for i in items] if items is not None else None,
        actor=application.applicant_name,
    )
    if (
        requested is not None
        and services.to_money(requested, field="requested_amount") != application.requested_amount
    ):
        raise DomainError(
            _(
                "The cost plan does not add up: it gives a requested amount of %(computed)s, not %(given)s. Your draft is saved."
            )
            % {"computed": checks.euro(application.requested_amount), "given": requested},
            field="requested_amount",
        )
    return _detail_out(application)


@router.get("/application/check", auth=AUTH_OPTIONAL, summary="The fund's rules applied to your draft")
def check_my_application(request):
    application = _token_application(request)
    figures = checks.application_problems(application)
    return {
        "total_cost": _money(figures.total_cost),
        "requested": _money(figures.requested),
        "errors": [{"field": p.field, "message": p.message} for p in figures.errors],
        "warnings": [{"field": p.field, "message": p.message} for p in figures.warnings],
    }


@router.post("/application/submit", auth=AUTH_OPTIONAL, summary="Submit your application")
def submit_my_application(request, payload: SubmitIn):
    application = _token_application(request)
    application = services.submit_application(
        application=application, consent=payload.consent, actor=application.applicant_name
    )
    return _detail_out(application)


@router.post(
    "/application/proof", auth=AUTH_OPTIONAL, summary="Submit the proof of use (files: use the web form)"
)
def submit_my_proof(request, payload: ProofIn):
    application = _token_application(request)
    proof = services.submit_proof(application=application, actor=application.applicant_name, **payload.dict())
    return {"id": proof.pk, "status": proof.status}


# --- Office, city and award team ----------------------------------------------------------------


@router.get("/{quarter}/applications", auth=AUTH_REQUIRED, summary="Applications of the fund, paginated")
def list_applications(request, quarter: str, query: Query[InboxQuery]):
    _quarter, fund = _fund(quarter)
    _allow(rules.can_view_applications, api_user(request), fund)
    qs = selectors.inbox(fund, status=query.status, round_id=query.round)
    internal = bool(rules.can_see_contact(api_user(request), fund))
    return _page(qs, query, lambda a: _application_out(a, internal=internal))


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


# --- Sessions and votes -------------------------------------------------------------------------


def _session_out(s: AwardSession) -> dict:
    return {
        "id": s.pk,
        "date": s.date.isoformat(),
        "location": s.location,
        "on_paper": s.on_paper,
        "status": s.status,
        "signed_at": s.signed_at.isoformat() if s.signed_at else None,
    }


@router.get("/{quarter}/sessions", auth=AUTH_REQUIRED, summary="Award-team sessions, paginated")
def list_sessions(request, quarter: str, query: Query[PageQuery]):
    q = quarter_or_404(quarter)
    fund = selectors.current_fund(q)
    _allow(rules.can_view_session, api_user(request), fund or q)
    return _page(AwardSession.objects.filter(quarter=q), query, _session_out)


@router.post("/{quarter}/sessions", auth=AUTH_REQUIRED, response={201: dict}, summary="Plan a session")
def plan_session(request, quarter: str, payload: SessionIn):
    _q, fund = _fund(quarter)
    session = services.plan_session(fund=fund, actor=api_user(request), **payload.dict())
    return Status(201, _session_out(session))


@router.get(
    "/sessions/{session_id}", auth=AUTH_REQUIRED, summary="A session with its agenda, votes and results"
)
def get_session(request, session_id: int):
    session = get_object_or_404(AwardSession.objects.select_related("fund"), pk=session_id)
    user = api_user(request)
    _allow(rules.can_view_session, user, session)
    items = selectors.session_items(session)
    return {
        **_session_out(session),
        "remaining_budget": _money(session.fund.remaining),
        "items": [
            {
                "id": i.pk,
                "application": _application_out(i.application),
                "result": i.result,
                "yes": i.yes,
                "no": i.no,
                "abstain": i.abstain,
                "amount": _money(i.amount),
                "recused": [r.user_id for r in i.recusals.all()],
                "votes": [
                    {
                        "voter": v.voter_id,
                        "choice": v.choice,
                        "amount": _money(v.amount),
                        "conditions": v.conditions,
                    }
                    for v in i.votes.all()
                ],
                "may_vote": bool(rules.can_vote(user, i)),
            }
            for i in items
        ],
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


@router.post(
    "/items/{item_id}/votes", auth=AUTH_REQUIRED, response={201: dict}, summary="Vote (or enter a paper vote)"
)
def vote(request, item_id: int, payload: VoteIn):
    item = _item(request, item_id)
    user = api_user(request)
    voter = _member(item.session, payload.voter) if payload.voter else user
    v = services.cast_vote(
        item=item,
        voter=voter,
        entered_by=user,
        choice=payload.choice,
        amount=payload.amount,
        conditions=payload.conditions,
    )
    return Status(201, {"id": v.pk, "choice": v.choice})


@router.post(
    "/items/{item_id}/recusal",
    auth=AUTH_REQUIRED,
    response={201: dict},
    summary="Declare a conflict of interest",
)
def recuse(request, item_id: int, payload: RecusalIn):
    item = _item(request, item_id)
    user = api_user(request)
    member = _member(item.session, payload.member) if payload.member else user
    r = services.declare_recusal(item=item, user=member, entered_by=user, reason=payload.reason)
    return Status(201, {"id": r.pk})


@router.post("/items/{item_id}/close", auth=AUTH_REQUIRED, summary="Count the votes and record the result")
def close_item(request, item_id: int):
    item = services.close_item(item=_item(request, item_id), actor=api_user(request))
    return {
        "result": item.result,
        "yes": item.yes,
        "no": item.no,
        "abstain": item.abstain,
        "amount": _money(item.amount),
    }


@router.post("/sessions/{session_id}/close", auth=AUTH_REQUIRED, summary="Close the session")
def close_session(request, session_id: int):
    session = get_object_or_404(AwardSession, pk=session_id)
    return _session_out(services.close_session(session=session, actor=api_user(request)))


@router.post("/sessions/{session_id}/sign", auth=AUTH_REQUIRED, summary="The chair signs the minutes")
def sign(request, session_id: int):
    session = get_object_or_404(AwardSession, pk=session_id)
    return _session_out(services.sign_minutes(session=session, actor=api_user(request)))
