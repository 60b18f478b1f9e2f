"""Award-team sessions: the agenda, recusals, votes, the count of an item, closing and signing the minutes."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, NotAllowed, require
from quartierwerk.core.text import clean_line, clean_text

from .. import rules
from ..models import ZERO, AgendaItem, Application, AwardSession, Decision, Fund, Recusal, Vote
from ..workflows import APPLICATION, step
from .common import _locked, _move, to_money
from .money import _record_decision, decision_level


def plan_session(
    *,
    fund: Fund,
    date: datetime.date,
    actor,
    location: str = "",
    on_paper: bool = False,
    round=None,
    written_until: datetime.date | None = None,
):
    """Plan a session; with `written_until` it is a written procedure whose written votes the office enters."""
    require(rules.can_plan_session(actor, fund))
    if written_until is not None and written_until < date:
        raise DomainError(_("The written procedure must end after it starts."), field="written_until")
    on_paper = on_paper or written_until is not None
    with transaction.atomic():
        session = AwardSession.objects.create(
            fund=fund,
            quarter_id=fund.quarter_id,
            date=date,
            location=clean_line(location, max_length=200, truncate=True),
            on_paper=on_paper,
            round=round,
            written_until=written_until,
        )
        audit.record(
            actor, "fund.session_planned", session, date=date, on_paper=on_paper, written=written_until
        )
    return session


def schedule(*, application: Application, session: AwardSession, actor) -> AgendaItem:
    """Put a complete application on the agenda of a planned session."""
    require(rules.can_schedule(actor, application))
    with transaction.atomic():
        application = _locked(application)
        session = AwardSession.objects.select_for_update().get(pk=session.pk)
        if session.fund_id != application.fund_id:
            raise DomainError(_("The session belongs to another fund."))
        step(session, "schedule", _("The session has already been held."))
        scheduled = step(
            application, "schedule", _("Only complete or deferred applications can be put on the agenda.")
        )
        if session.items.filter(application=application).exists():
            raise Conflict(_("The application is already on this agenda."))
        item = AgendaItem.objects.create(
            session=session, application=application, position=session.items.count() + 1
        )
        _move(application, scheduled, actor, note=str(session))
    return item


def _locked_item(item: AgendaItem) -> AgendaItem:
    return (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("session", "session__fund", "application", "application__fund")
        .get(pk=item.pk)
    )


def declare_recusal(*, item: AgendaItem, user, reason: str = "", entered_by=None) -> Recusal:
    """A member declares a conflict of interest for one item (or the office enters it for a paper session)."""
    entered_by = entered_by or user
    with transaction.atomic():
        item = _locked_item(item)
        if entered_by == user:
            require(rules.can_recuse(user, item), _("You cannot declare a conflict on this item."))
        else:
            require(rules.can_enter_paper_votes(entered_by, item))
            require(rules.is_voting_member(user, item), _("This person does not sit in the award team."))
        if not item.is_open:
            raise InvalidTransition(_("The item has already been decided."))
        if item.votes.filter(voter=user).exists():
            raise Conflict(_("A member who has voted cannot recuse afterwards; the vote stands."))
        try:
            with transaction.atomic():
                recusal = Recusal.objects.create(
                    item=item,
                    user=user,
                    member=rules.seat_person(user, item.session.fund),
                    reason=clean_line(reason, max_length=300, truncate=True),
                    entered_by=entered_by,
                )
        except IntegrityError:
            raise Conflict(_("The conflict of interest has already been declared."))
        audit.record(
            entered_by, "fund.recusal_declared", item.application, member=user.pk, reason=recusal.reason
        )
    return recusal


def cast_vote(
    *, item: AgendaItem, voter, choice: str, entered_by=None, amount=None, conditions: str = ""
) -> Vote:
    """Record one member's vote on one item; the database keeps it to one vote per member."""
    entered_by = entered_by or voter
    if choice not in Vote.Choice.values:
        raise DomainError(_("Vote yes, no or abstain."), field="choice")
    if amount not in (None, ""):
        amount = to_money(amount, field="amount", allow_zero=False)
    else:
        amount = None
    with transaction.atomic():
        item = _locked_item(item)
        if entered_by == voter:
            if rules.is_applicant(voter, item):
                raise NotAllowed(_("Applicants do not vote on their own application."))
            if rules.has_recused(voter, item):
                raise NotAllowed(_("You declared a conflict of interest and do not vote on this item."))
            require(rules.can_vote(voter, item), _("You may not vote on this item."))
        else:
            require(
                rules.can_enter_paper_votes(entered_by, item),
                _("Only the office enters votes of a paper session."),
            )
            require(
                rules.is_voting_member(voter, item)
                and not rules.is_applicant(voter, item)
                and not rules.has_recused(voter, item),
                _("This person may not vote on this item."),
            )
            if not item.is_open:
                raise InvalidTransition(_("The item has already been decided."))
        vote = record_vote(
            item=item,
            member=rules.seat_person(voter, item.session.fund),
            voter=voter,
            choice=choice,
            amount=amount,
            conditions=conditions,
            is_chair=rules.chairs_award_team(voter, item),
            entered_by=entered_by,
        )
    return vote


def record_vote(
    *, item: AgendaItem, member, voter, choice: str, amount, conditions: str, is_chair: bool, entered_by
) -> Vote:
    """Write one checked vote (inside the caller's transaction, item locked); one vote per member and account."""
    if amount is not None and amount > item.application.requested_amount:
        raise DomainError(_("A reduced amount must be below the requested amount."), field="amount")
    if amount is not None and choice != Vote.Choice.YES:
        raise DomainError(_("Only a yes vote can name a reduced amount."), field="amount")
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                item=item,
                voter=voter,
                member=member,
                choice=choice,
                amount=amount,
                conditions=clean_text(conditions, max_length=2000, truncate=True),
                is_chair=is_chair,
                entered_by=entered_by,
            )
    except IntegrityError:
        raise Conflict(_("This vote has already been recorded."))
    audit.record(
        entered_by,
        "fund.vote_cast",
        item.application,
        voter=voter.pk if voter else None,
        member=member.pk if member else None,
        choice=choice,
        amount=amount,
    )
    return vote


@dataclass
class Tally:
    result: str
    yes: int
    no: int
    abstain: int
    reason: str = ""


def tally(
    *,
    yes: int,
    no: int,
    abstain: int,
    quorum: int,
    majority: str,
    tie_rule: str,
    chair_vote: str | None = None,
) -> Tally:
    """The result of a vote under the fund's rules (quorum, simple or two-thirds majority, tie)."""
    R = AgendaItem.Result
    present = yes + no + abstain
    if present < quorum:
        return Tally(R.NO_QUORUM, yes, no, abstain, _("Fewer members voted than the quorum requires."))
    if majority == Fund.Majority.QUALIFIED:
        # Two thirds of the yes and no votes; abstentions do not count.
        if yes + no == 0:
            return Tally(R.REJECTED, yes, no, abstain, _("No yes or no votes."))
        passed = 3 * yes >= 2 * (yes + no)
        return Tally(R.APPROVED if passed else R.REJECTED, yes, no, abstain)
    if yes > no:
        return Tally(R.APPROVED, yes, no, abstain)
    if no > yes:
        return Tally(R.REJECTED, yes, no, abstain)
    # A tie (including no yes and no votes at all).
    if tie_rule == Fund.TieRule.DEFERRED:
        return Tally(R.DEFERRED, yes, no, abstain, _("Tie: deferred."))
    if tie_rule == Fund.TieRule.CHAIR and chair_vote in (Vote.Choice.YES, Vote.Choice.NO):
        result = R.APPROVED if chair_vote == Vote.Choice.YES else R.REJECTED
        return Tally(result, yes, no, abstain, _("Tie: the chair's vote decides."))
    return Tally(R.REJECTED, yes, no, abstain, _("Tie: rejected."))


@dataclass
class Count:
    """What counting an item's votes gives: the result, the amount and the conditions of the yes votes."""

    tally: Tally
    amount: Decimal
    conditions: str
    missing: list  # members who have neither voted nor declared a conflict (written procedure)
    present: int | None = None  # members recorded present (session on paper)


def count_votes(item: AgendaItem, today: datetime.date | None = None) -> Count:
    """The result the item would get if counted now; shown on the confirmation page and used by close_item."""
    from ..selectors import voting_members

    session, fund = item.session, item.session.fund
    votes = list(item.votes.all())
    count = {c: sum(1 for v in votes if v.choice == c) for c in Vote.Choice.values}
    result = tally(
        yes=count["yes"],
        no=count["no"],
        abstain=count["abstain"],
        quorum=fund.quorum,
        majority=fund.majority,
        tie_rule=fund.tie_rule,
        chair_vote=next((v.choice for v in votes if v.is_chair), None),
    )
    done = {v.member_id for v in votes} | {r.member_id for r in item.recusals.all()}
    missing, present = [], None
    if session.is_written:
        missing = [m for m in voting_members(fund, on=session.date) if m.pk not in done]
        if missing:
            result = Tally(
                AgendaItem.Result.NO_QUORUM,
                result.yes,
                result.no,
                result.abstain,
                _("Not every member voted in the written procedure: the award team could not decide."),
            )
    elif session.on_paper:
        # Present: recorded by the office, or evidently so by voting or declaring a conflict on this item.
        present = len(set(session.attendances.values_list("member_id", flat=True)) | (done - {None}))
        if present < fund.quorum:
            result = Tally(
                AgendaItem.Result.NO_QUORUM,
                result.yes,
                result.no,
                result.abstain,
                _(
                    "%(present)d members were present and the quorum is %(quorum)d: the session is not quorate."
                )
                % {"present": present, "quorum": fund.quorum},
            )
    amount = item.application.requested_amount
    reduced = [v.amount for v in votes if v.choice == Vote.Choice.YES and v.amount is not None]
    if reduced:
        # Every yes voter supports at least the lowest amount named.
        amount = min(reduced)
    conditions = "\n".join(v.conditions for v in votes if v.choice == Vote.Choice.YES and v.conditions)
    return Count(result, amount, conditions, missing, present)


def _to_next_agenda(item: AgendaItem, actor, reason: str) -> AwardSession | None:
    """A session that could not decide: the application goes onto the next planned session's agenda."""
    application = _locked(item.application)
    following = (
        AwardSession.objects.select_for_update()
        .filter(fund_id=item.session.fund_id, status=AwardSession.Status.PLANNED, date__gte=item.session.date)
        .exclude(pk=item.session_id)
        .order_by("date", "pk")
        .first()
    )
    _move(application, APPLICATION.target(application, "return"), actor, note=reason)
    if following is not None:
        AgendaItem.objects.create(
            session=following, application=application, position=following.items.count() + 1
        )
        _move(application, APPLICATION.target(application, "schedule"), actor, note=str(following))
    return following


def close_item(*, item: AgendaItem, actor, today: datetime.date | None = None) -> AgendaItem:
    """Count the votes of an item and record the result; the award team's approval commits the money."""
    today = today or timezone.localdate()
    with transaction.atomic():
        item = _locked_item(item)
        require(rules.can_close_item(actor, item), _("Only the chair or the office counts the votes."))
        fund = item.session.fund
        counted = count_votes(item)
        if counted.missing and today <= item.session.written_until:
            raise InvalidTransition(
                _("The written procedure runs until %(date)s and not every member has voted yet.")
                % {"date": formats.date_format(item.session.written_until, "SHORT_DATE_FORMAT")}
            )
        result, amount, conditions = counted.tally, counted.amount, counted.conditions
        application = item.application
        item.result = result.result
        item.yes, item.no, item.abstain = result.yes, result.no, result.abstain
        item.amount = amount if result.result == AgendaItem.Result.APPROVED else None
        item.conditions = conditions
        item.closed_at = timezone.now()
        item.save()
        audit.record(
            actor,
            "fund.item_closed",
            application,
            result=result.result,
            yes=result.yes,
            no=result.no,
            abstain=result.abstain,
            amount=item.amount,
        )
        R = AgendaItem.Result
        level = decision_level(fund, application.requested_amount)
        recommends = (
            fund.award_team_power == Fund.AwardTeamPower.RECOMMENDS or level == Decision.Level.COUNCIL
        )
        if result.result == R.NO_QUORUM:
            next_agenda = _("The application goes onto the next agenda.")
            _to_next_agenda(item, actor, f"{result.reason} {next_agenda}")
        elif recommends:
            locked = _locked(application)
            _move(
                locked,
                APPLICATION.target(locked, "recommend"),
                actor,
                note=_("Recommendation: %(r)s") % {"r": item.get_result_display()},
            )
        else:
            outcome = {
                R.APPROVED: Decision.Outcome.APPROVED_WITH_CONDITIONS
                if (conditions or amount < application.requested_amount)
                else Decision.Outcome.APPROVED,
                R.REJECTED: Decision.Outcome.REJECTED,
                R.DEFERRED: Decision.Outcome.DEFERRED,
            }[result.result]
            try:
                with transaction.atomic():
                    _record_decision(
                        application=application,
                        outcome=outcome,
                        amount=amount if outcome in Decision.APPROVING else ZERO,
                        conditions=conditions,
                        reasons=result.reason,
                        actor=actor,
                        level=Decision.Level.AWARD_TEAM,
                        item=item,
                    )
            except Conflict as exc:
                # The vote stands; the money does not fit any more. The office decides (e.g. a reduced amount).
                locked = _locked(application)
                _move(locked, APPLICATION.target(locked, "recommend"), actor, note=str(exc))
    return item


def close_session(*, session: AwardSession, actor) -> AwardSession:
    require(rules.can_close_session(actor, session))
    with transaction.atomic():
        session = AwardSession.objects.select_for_update().get(pk=session.pk)
        closed = step(session, "close", _("The session has already been closed."))
        if session.items.filter(result=AgendaItem.Result.OPEN).exists():
            raise InvalidTransition(_("Every item must have a result before the session closes."))
        session.status = closed
        session.save(update_fields=["status"])
        audit.record(actor, "fund.session_closed", session)
    return session


def sign_minutes(*, session: AwardSession, actor) -> AwardSession:
    """The chair signs the minutes that were generated from the votes and decisions."""
    require(rules.can_sign_minutes(actor, session), _("Only the chair signs the minutes."))
    with transaction.atomic():
        session = AwardSession.objects.select_for_update().get(pk=session.pk)
        session.status = step(
            session, "sign", _("Minutes can be signed once the session is closed, and only once.")
        )
        session.signed_by = actor
        session.signed_at = timezone.now()
        session.save(update_fields=["status", "signed_by", "signed_at"])
        audit.record(actor, "fund.minutes_signed", session)
    return session
