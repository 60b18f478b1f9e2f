"""Proof of use: the applicant's report, the office's check, and the reminders before and after it is due."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, reminders
from quartierwerk.core.errors import DomainError, InvalidTransition, require
from quartierwerk.core.files import atomic_with_files
from quartierwerk.core.text import clean_for_column, clean_text

from .. import rules
from ..models import Application, ProofOfUse
from ..workflows import APPLICATION, PROOF_CHECK, step
from .applications import add_attachment
from .common import S, _locked, _mail_applicant, _move, to_money


def submit_proof(
    *, application: Application, report: str, public_summary: str, spent_amount, files=(), actor=None
) -> ProofOfUse:
    """The applicant reports what happened, with receipts and photos (files: list of (uploaded, kind))."""
    spent = to_money(spent_amount, field="spent_amount")
    report = clean_for_column(ProofOfUse, "report", report)
    public_summary = clean_for_column(ProofOfUse, "public_summary", public_summary)
    if not report:
        raise DomainError(_("Please describe what happened."), field="report")
    if not public_summary:
        raise DomainError(_("Please write a short report for the public page."), field="public_summary")
    with atomic_with_files():
        application = _locked(application)
        submitted = step(
            application,
            "submit_proof",
            _("A proof of use can be submitted once the application is approved."),
        )
        proof = ProofOfUse.objects.create(
            application=application, report=report, public_summary=public_summary[:1200], spent_amount=spent
        )
        for uploaded, kind in files:
            add_attachment(application=application, uploaded=uploaded, kind=kind, actor=actor, proof=proof)
        _move(application, submitted, actor or application.applicant_name)
        audit.record(actor or application.applicant_name, "fund.proof_submitted", application, spent=spent)
    return proof


def check_proof(
    *, proof: ProofOfUse, outcome: str, actor, note: str = "", repayment_amount=None
) -> ProofOfUse:
    """The office checks a proof of use: accepted, questions (the applicant submits again) or repayment due."""
    with transaction.atomic():
        proof = ProofOfUse.objects.select_for_update().select_related("application").get(pk=proof.pk)
        application = _locked(proof.application)
        require(rules.can_check_proof(actor, application))
        already = _("This proof of use has already been checked.")
        if proof.status != ProofOfUse.Status.SUBMITTED:
            raise InvalidTransition(already)
        step(application, "accept_proof", already)
        note = clean_text(note)
        P = ProofOfUse.Status
        if outcome == P.ACCEPTED:
            application.public_report = proof.public_summary
            application.save(update_fields=["public_report"])
        elif outcome == P.QUESTIONS:
            if not note:
                raise DomainError(_("Please write your questions."), field="note")
        elif outcome == P.REPAYMENT_DUE:
            proof.repayment_amount = to_money(repayment_amount, field="repayment_amount", allow_zero=False)
            if proof.repayment_amount > application.paid_amount:
                raise DomainError(_("More cannot be claimed back than was paid."), field="repayment_amount")
        else:
            raise DomainError(_("Unknown result of the check."), field="outcome")
        to_status = APPLICATION.target(application, PROOF_CHECK[outcome])
        proof.status = outcome
        proof.check_note = note
        proof.checked_by = actor
        proof.checked_at = timezone.now()
        proof.save()
        _move(application, to_status, actor, note=note)
        audit.record(
            actor, "fund.proof_checked", application, outcome=outcome, repayment=proof.repayment_amount
        )
        _mail_applicant(application, "proof_checked", {"proof": proof})
    return proof


def send_reminders(today: datetime.date | None = None) -> int:
    """Remind applicants two weeks before the proof of use is due, and once after it is overdue."""
    today = today or timezone.localdate()
    before = Application.objects.filter(
        status=S.APPROVED,
        reminder_before_sent_at__isnull=True,
        proof_due_date__lte=today + datetime.timedelta(days=14),
        proof_due_date__gte=today,
    ).select_related("fund", "quarter")
    after = Application.objects.filter(
        status=S.APPROVED, reminder_after_sent_at__isnull=True, proof_due_date__lt=today
    ).select_related("fund", "quarter")
    sent = 0
    for due, field, template in [
        (before, "reminder_before_sent_at", "proof_reminder"),
        (after, "reminder_after_sent_at", "proof_overdue"),
    ]:

        def send(application, template=template) -> int:
            _mail_applicant(application, template, {})
            audit.record(None, f"fund.{template}_sent", application)
            return 1

        sent += reminders.send_once(due, mark=field, send=send)
    return sent
