"""Decisions and money: who decides, the decision with its commitment of money, corrections and payouts.

Money moves only here, under a row lock on the fund (and its kind of project), and the database's check
constraints refuse any overcommitment even if this code were wrong.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, NotAllowed, require
from quartierwerk.core.text import clean_line, clean_text

from .. import checks, rules
from ..models import ZERO, Application, Category, Decision, Fund, LedgerEntry, Payout
from ..workflows import APPLICATION, AWARD_TEAM_DECISION, OFFICE_DECISION, step
from .common import S, _locked, _mail_applicant, _move, to_money


def decision_level(fund: Fund, amount: Decimal) -> str:
    """Who decides an application of this amount."""
    if fund.council_decision_limit is not None and amount > fund.council_decision_limit:
        return Decision.Level.COUNCIL
    if fund.staff_decision_limit and amount <= fund.staff_decision_limit:
        return Decision.Level.OFFICE
    return Decision.Level.AWARD_TEAM


def _move_money(application: Application, delta: Decimal, *, kind: str, reason: str, actor) -> None:
    """Commit (or release) money against the fund and the project's kind, under row locks."""
    if delta == 0:
        return
    fund = Fund.objects.select_for_update().get(pk=application.fund_id)
    category = None
    if application.category_id:
        category = Category.objects.select_for_update().get(pk=application.category_id)
    if delta > 0:
        if fund.committed + delta > fund.budget:
            raise Conflict(
                _("The budget is not enough: %(amount)s requested, %(remaining)s left. Nothing was decided.")
                % {"amount": checks.euro(delta), "remaining": checks.euro(fund.remaining)}
            )
        if (
            category is not None
            and category.budget is not None
            and category.committed + delta > category.budget
        ):
            raise Conflict(
                _(
                    "The budget for %(kind)s is not enough: %(amount)s requested, %(remaining)s left. Nothing was decided."
                )
                % {
                    "kind": category.name,
                    "amount": checks.euro(delta),
                    "remaining": checks.euro(category.remaining),
                }
            )
    try:
        with transaction.atomic():
            Fund.objects.filter(pk=fund.pk).update(committed=F("committed") + delta)
            if category is not None:
                Category.objects.filter(pk=category.pk).update(committed=F("committed") + delta)
    except IntegrityError:
        raise Conflict(_("The budget is not enough. Nothing was decided."))
    LedgerEntry.objects.create(
        fund=fund,
        category=category,
        application=application,
        kind=kind,
        amount=delta,
        reason=reason,
        actor=actor,
    )
    audit.record(actor, "fund.budget_moved", fund, application=application.pk, amount=delta, kind=kind)


def _record_decision(
    *, application, outcome, amount, conditions, reasons, actor, level, item=None, proof_due_date=None
) -> Decision:
    application = _locked(application)
    fund = application.fund
    if outcome in Decision.APPROVING:
        if amount <= 0:
            raise DomainError(_("An approval needs an amount."), field="amount")
        if amount > application.requested_amount:
            raise DomainError(_("The approved amount cannot be more than was requested."), field="amount")
        _move_money(application, amount, kind=LedgerEntry.Kind.COMMIT, reason=str(outcome), actor=actor)
        if proof_due_date is None:
            end = application.end_date or timezone.localdate()
            proof_due_date = end + datetime.timedelta(days=fund.proof_due_days)
    else:
        amount = ZERO
        proof_due_date = None
    decision = Decision.objects.create(
        application=application,
        item=item,
        outcome=outcome,
        level=level,
        amount=amount,
        conditions=conditions,
        reasons=reasons,
        proof_due_date=proof_due_date,
        decided_by=actor,
    )
    application.approved_amount = amount
    application.proof_due_date = proof_due_date
    application.decided_at = decision.decided_at
    application.save(update_fields=["approved_amount", "proof_due_date", "decided_at"])
    # The office decides from its inbox; the award team's count decides an item of a session's agenda.
    action = (AWARD_TEAM_DECISION if item is not None else OFFICE_DECISION)[outcome]
    to_status = step(application, action, _("The application is not awaiting a decision."))
    _move(application, to_status, actor, note=reasons)
    audit.record(
        actor, "fund.decided", application, outcome=outcome, amount=amount, level=level, decision=decision.pk
    )
    if outcome != Decision.Outcome.DEFERRED:
        from .. import pdf

        letter = pdf.decision_letter_pdf(decision)
        _mail_applicant(
            application,
            "decision",
            {"decision": decision},
            attachments=[(f"{application.reference}-bescheid.pdf", letter, "application/pdf")],
        )
    return decision


def decide(
    *,
    application: Application,
    outcome: str,
    actor,
    amount=None,
    conditions: str = "",
    reasons: str = "",
    proof_due_date=None,
) -> Decision:
    """The office records a decision: its own (up to its limit) or the one after a recommendation."""
    require(rules.can_decide(actor, application))
    if outcome not in Decision.Outcome.values:
        raise DomainError(_("Unknown decision."), field="outcome")
    amount = to_money(amount, field="amount") if amount not in (None, "") else None
    with transaction.atomic():
        application = _locked(application)
        fund = application.fund
        # On a session's agenda the award team decides: the office learns why it may not.
        if application.status not in APPLICATION.sources("approve") | {S.SCHEDULED}:
            raise InvalidTransition(_("The application is not awaiting a decision."))
        level = decision_level(fund, application.requested_amount)
        if application.status == S.RECOMMENDED:
            level = Decision.Level.COUNCIL if level == Decision.Level.COUNCIL else Decision.Level.OFFICE
        elif level != Decision.Level.OFFICE:
            raise NotAllowed(
                _("Above %(limit)s the award team decides; put the application on a session's agenda.")
                % {"limit": checks.euro(fund.staff_decision_limit)}
            )
        elif application.status == S.SCHEDULED:
            raise InvalidTransition(_("The application is on a session's agenda."))
        if outcome in Decision.APPROVING and amount is None:
            amount = application.requested_amount
        if (
            outcome == Decision.Outcome.APPROVED
            and amount is not None
            and amount < application.requested_amount
        ):
            outcome = Decision.Outcome.APPROVED_WITH_CONDITIONS
        return _record_decision(
            application=application,
            outcome=outcome,
            amount=amount or ZERO,
            conditions=clean_text(conditions),
            reasons=clean_text(reasons),
            actor=actor,
            level=level,
            proof_due_date=proof_due_date,
        )


def correct_amount(*, application: Application, amount, reason: str, actor) -> Decision:
    """Change an approved amount: a new decision row supersedes the old one; the budget moves by the difference."""
    require(rules.can_correct_amount(actor, application))
    amount = to_money(amount, field="amount")
    reason = clean_text(reason)
    if not reason:
        raise DomainError(_("A correction needs a reason."), field="reason")
    with transaction.atomic():
        application = _locked(application)
        step(application, "correct", _("Only an approved amount can be corrected."))
        current = (
            application.decisions.filter(superseded_by__isnull=True).order_by("-decided_at", "-pk").first()
        )
        if amount < application.paid_amount:
            raise DomainError(_("The amount cannot be less than what has been paid already."), field="amount")
        if amount > application.requested_amount:
            raise DomainError(_("The approved amount cannot be more than was requested."), field="amount")
        delta = amount - application.approved_amount
        _move_money(
            application,
            delta,
            kind=LedgerEntry.Kind.CORRECTION if amount else LedgerEntry.Kind.RELEASE,
            reason=reason,
            actor=actor,
        )
        decision = Decision.objects.create(
            application=application,
            outcome=Decision.Outcome.APPROVED_WITH_CONDITIONS if amount else Decision.Outcome.REJECTED,
            level=current.level if current else Decision.Level.OFFICE,
            amount=amount,
            conditions=current.conditions if current else "",
            reasons=current.reasons if current else "",
            proof_due_date=application.proof_due_date,
            decided_by=actor,
            supersedes=current,
            correction_reason=reason,
        )
        before = application.approved_amount
        application.approved_amount = amount
        application.save(update_fields=["approved_amount"])
        audit.record(actor, "fund.amount_corrected", application, amount=[before, amount], reason=reason)
    return decision


def record_payout(
    *, application: Application, amount, paid_on, actor, reference: str = "", reason: str = ""
) -> Payout:
    """Record money paid out (partial payouts allowed); a negative amount corrects an earlier payout."""
    require(rules.can_record_payout(actor, application))
    negative = isinstance(amount, str) and amount.strip().startswith("-")
    if negative:
        amount = -to_money(amount.strip()[1:], field="amount", allow_zero=False)
    elif isinstance(amount, Decimal | int | float) and amount < 0:
        amount = -to_money(-Decimal(str(amount)), field="amount", allow_zero=False)
    else:
        amount = to_money(amount, field="amount", allow_zero=False)
    reason = clean_text(reason)
    if amount < 0 and not reason:
        raise DomainError(_("A correction needs a reason."), field="reason")
    with transaction.atomic():
        application = _locked(application)
        step(application, "payout", _("Payouts are recorded for approved applications only."))
        if application.paid_amount + amount > application.approved_amount:
            raise Conflict(
                _("This payout would exceed the approved amount: %(paid)s of %(approved)s paid.")
                % {
                    "paid": checks.euro(application.paid_amount),
                    "approved": checks.euro(application.approved_amount),
                }
            )
        if application.paid_amount + amount < 0:
            raise DomainError(_("More would be corrected than was paid."), field="amount")
        fund = Fund.objects.select_for_update().get(pk=application.fund_id)
        payout = Payout.objects.create(
            application=application,
            amount=amount,
            paid_on=paid_on,
            reference=clean_line(reference, max_length=120, truncate=True),
            reason=reason,
            recorded_by=actor,
        )
        Application.objects.filter(pk=application.pk).update(paid_amount=F("paid_amount") + amount)
        Fund.objects.filter(pk=fund.pk).update(paid=F("paid") + amount)
        audit.record(
            actor, "fund.payout_recorded", application, amount=amount, paid_on=paid_on, reason=reason
        )
    application.refresh_from_db()
    return payout
