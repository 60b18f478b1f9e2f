"""Award-team sessions: the list, a session's agenda with recusals, votes and results, the minutes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from quartierwerk.core import params
from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404

from .. import forms, paper, pdf, rules, selectors, services
from ..models import AgendaItem, Application, AwardSession
from ..workflows import APPLICATION, SESSION
from .common import _area, _domain_error, _page, _pdf_response


@require_http_methods(["GET", "POST"])
def sessions(request, slug):
    quarter, fund = _area(request, slug, rules.can_view_session)
    if fund is None:
        raise Http404
    can_plan = rules.can_plan_session(request.user, fund)
    form = forms.SessionForm(request.POST or None, fund=fund)
    if request.method == "POST":
        if not can_plan:
            raise PermissionDenied
        if form.is_valid():
            try:
                session = services.plan_session(fund=fund, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                _domain_error(request, exc)
            else:
                messages.success(request, _("The session is planned."))
                return redirect("fund:session", quarter.slug, session.pk)
    page_obj = _page(request, AwardSession.objects.filter(fund__quarter=quarter).select_related("fund"))
    return render(
        request,
        "fund/staff/sessions.html",
        {"quarter": quarter, "fund": fund, "page_obj": page_obj, "form": form, "can_plan": can_plan},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def session_detail(request, slug, session_id):
    """A session: every application on the agenda, documents, assessment, budget; recusals, votes, results."""
    quarter = quarter_or_404(slug)
    if not request.user.is_authenticated:
        raise PermissionDenied
    session = get_object_or_404(
        AwardSession.objects.select_related("fund", "quarter"), pk=session_id, quarter=quarter
    )
    user = request.user
    if not rules.can_view_session(user, session):
        raise PermissionDenied
    if request.method == "POST":
        _session_action(request, session)
        return redirect(
            reverse("fund:session", args=[quarter.slug, session.pk]) + request.POST.get("anchor", "")
        )
    items = selectors.session_items(session)
    members = selectors.voting_members(session.fund, on=session.date) if session.on_paper else []
    present = set(session.attendances.values_list("member_id", flat=True)) if session.on_paper else set()
    rows = []
    for item in items:
        mine = next((v for v in item.votes.all() if v.voter_id == user.pk), None)
        recused = any(r.user_id == user.pk for r in item.recusals.all())
        rows.append(
            {
                "item": item,
                "application": item.application,
                "assessment": item.application.assessments[0] if item.application.assessments else None,
                "my_vote": mine,
                "recused": recused,
                "can_vote": rules.can_vote(user, item) and mine is None,
                "can_recuse": rules.can_recuse(user, item) and not recused and mine is None,
                "can_enter": rules.can_enter_paper_votes(user, item) and item.is_open,
                "can_close": rules.can_close_item(user, item),
                "entry_members": [m for m in members if session.is_written or m.pk in present],
                "is_applicant": rules.is_applicant(user, item),
            }
        )
    return render(
        request,
        "fund/staff/session.html",
        {
            "quarter": quarter,
            "session": session,
            "fund": session.fund,
            "rows": rows,
            "members": members,
            "present": present,
            "quorate": len(present) >= session.fund.quorum,
            "can_record_attendance": SESSION.can(user, session, "record_attendance")
            and not session.is_written,
            "vote_form": forms.VoteForm(),
            "recusal_form": forms.RecusalForm(),
            "can_plan": rules.can_plan_session(user, session),
            "can_close_session": SESSION.can(user, session, "close"),
            "can_sign": SESSION.can(user, session, "sign"),
            "all_closed": all(not r["item"].is_open for r in rows),
            "candidates": _candidates(session) if SESSION.can(user, session, "schedule") else [],
        },
    )


def _candidates(session):
    """Applications that may go onto the agenda, of the session's round (or fund), not yet on this agenda."""
    qs = Application.objects.filter(
        fund=session.fund, status__in=sorted(APPLICATION.sources("schedule"))
    ).exclude(agenda_items__session=session)
    if session.round_id:
        qs = qs.filter(round_id=session.round_id)
    staff_limit = session.fund.staff_decision_limit
    if staff_limit:
        qs = qs.filter(requested_amount__gt=staff_limit)
    return list(qs.select_related("category").order_by("submitted_at", "pk")[:100])


def _vote(request, session, item) -> str:
    form = forms.VoteForm(request.POST)
    if not form.is_valid():
        raise DomainError(_("Please choose yes, no or abstain; a reduced amount must be a positive number."))
    services.cast_vote(item=item, voter=request.user, **form.cleaned_data)
    return _("Your vote has been recorded.")


def _attendance(request, session, item) -> str:
    ids = [i for i in map(params.id_or_none, request.POST.getlist("present")) if i is not None]
    paper.record_attendance(session=session, member_ids=ids, actor=request.user)
    return _("Attendance recorded.")


def _paper_vote(request, session, item) -> str:
    form = forms.PaperVoteForm(request.POST)
    if not form.is_valid():
        raise DomainError(_("Please choose a member and a vote."))
    data = form.cleaned_data
    paper.enter_paper_vote(
        item=item,
        member_id=data["voter"],
        choice=data["choice"],
        amount=data["amount"],
        conditions=data["conditions"],
        entered_by=request.user,
    )
    return _("The vote has been recorded.")


def _paper_recusal(request, session, item) -> str:
    voter_id = params.id_or_none(request.POST.get("voter"))
    if voter_id is None:
        raise DomainError(_("Please choose a member."))
    paper.enter_paper_recusal(
        item=item, member_id=voter_id, entered_by=request.user, reason=request.POST.get("reason", "")
    )
    return _("The conflict of interest has been recorded.")


def _recuse(request, session, item) -> str:
    services.declare_recusal(item=item, user=request.user, reason=request.POST.get("reason", ""))
    return _("Your conflict of interest has been recorded; you do not vote on this item.")


def _schedule(request, session, item) -> str:
    if not request.POST.get("application"):
        raise PermissionDenied
    application = get_object_or_404(
        Application.objects.select_related("fund"),
        pk=params.object_id(request.POST["application"], name="application"),
        fund=session.fund,
    )
    services.schedule(application=application, session=session, actor=request.user)
    return _("The application is on the agenda.")


def _close_session(request, session, item) -> str:
    services.close_session(session=session, actor=request.user)
    return _("The session is closed; the minutes can be signed.")


def _sign(request, session, item) -> str:
    services.sign_minutes(session=session, actor=request.user)
    return _("The minutes are signed.")


# The posted `action` → (whether it names an agenda item, what it does); each returns its success message.
SESSION_ACTIONS = {
    "vote": (True, _vote),
    "attendance": (False, _attendance),
    "paper_vote": (True, _paper_vote),
    "paper_recusal": (True, _paper_recusal),
    "recuse": (True, _recuse),
    "schedule": (False, _schedule),
    "close_session": (False, _close_session),
    "sign": (False, _sign),
}


def _session_action(request, session):
    item = None
    item_id = params.optional_id(request.POST.get("item"), name="item")
    if item_id is not None:
        item = get_object_or_404(
            AgendaItem.objects.select_related("session", "application"), pk=item_id, session=session
        )
    needs_item, run = SESSION_ACTIONS.get(request.POST.get("action"), (False, None))
    if run is None or (needs_item and item is None):
        raise PermissionDenied
    try:
        messages.success(request, run(request, session, item))
    except DomainError as exc:
        _domain_error(request, exc)


def minutes(request, slug, session_id):
    quarter = quarter_or_404(slug)
    if not request.user.is_authenticated:
        raise PermissionDenied
    session = get_object_or_404(
        AwardSession.objects.select_related("fund", "quarter"), pk=session_id, quarter=quarter
    )
    if not rules.can_view_session(request.user, session):
        raise PermissionDenied
    return _pdf_response(pdf.minutes_pdf(session), f"protokoll-{session.date:%Y-%m-%d}.pdf")
