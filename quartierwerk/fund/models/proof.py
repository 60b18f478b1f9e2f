"""The proof of use (Verwendungsnachweis) and the office's check of it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .applications import Application
from .funds import money


class ProofOfUse(models.Model):
    """The applicant's proof of use (Verwendungsnachweis) and the office's check of it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        QUESTIONS = "questions", _("Questions from the office")
        REPAYMENT_DUE = "repayment_due", _("Repayment due")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="proofs")
    report = models.TextField(_("what happened"), max_length=8000)
    public_summary = models.TextField(_("short report for the public page"), max_length=1200)
    spent_amount = money(verbose_name=_("money spent from the fund (€)"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(default=timezone.now)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    check_note = models.TextField(_("note of the office"), blank=True)
    repayment_amount = money(verbose_name=_("repayment"), null=True, blank=True)

    class Meta:
        verbose_name = _("proof of use")
        verbose_name_plural = _("proofs of use")
        ordering = ["application", "-submitted_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(spent_amount__gte=0), name="fund_proof_spent")]

    def __str__(self) -> str:
        return f"{self.application_id} {self.status}"
