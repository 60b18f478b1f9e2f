"""Endpoints of award-team sessions: planning, the agenda with votes and recusals, the count, closing, signing."""

from django.shortcuts import get_object_or_404
from ninja import Query, Status

from quartierwerk.core.api_auth import AUTH_REQUIRED, api_user
from quartierwerk.core.views import quarter_or_404

from .. import rules, selectors, services
from ..models import AwardSession
from .common import _allow, _application_out, _fund, _item, _member, _money, _page, _session_out, router
from .schemas import PageQuery, RecusalIn, SessionIn, VoteIn


@router.get("/{quarter}/sessions", auth=AUTH_REQUIRED, summary="Award-team sessions, paginated")
def list_sessions(request, quarter: str, query: Query[PageQuery]):
    q = quarter_or_404(quarter)
    fund = selectors.current_fund(q)
    _allow(rules.can_view_session, api_user(request), fund or q)
    return _page(request, AwardSession.objects.filter(quarter=q), _session_out, since="created_at")


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
