"""Decisions on applications; a correction is a new row that supersedes the earlier one."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .applications import Application
from .funds import ZERO, money
from .sessions import AgendaItem


class Decision(models.Model):
    """The decision on an application; a correction is a new row that supersedes the earlier one."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", pgettext_lazy("fund", "Approved")
        APPROVED_WITH_CONDITIONS = "approved_conditions", _("Approved with conditions or a reduced amount")
        REJECTED = "rejected", _("Rejected")
        DEFERRED = "deferred", _("Deferred")

    class Level(models.TextChoices):
        OFFICE = "office", _("Neighbourhood management office")
        AWARD_TEAM = "award_team", _("Award team")
        COUNCIL = "council", _("District council or city")

    APPROVING = (Outcome.APPROVED, Outcome.APPROVED_WITH_CONDITIONS)

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="decisions")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    outcome = models.CharField(pgettext_lazy("fund", "decision"), max_length=20, choices=Outcome.choices)
    level = models.CharField(_("decided by"), max_length=12, choices=Level.choices)
    amount = money(verbose_name=_("approved amount"), default=ZERO)
    conditions = models.TextField(_("conditions"), blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    proof_due_date = models.DateField(_("proof of use due"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["application", "decided_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="fund_decision_amount")]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.amount}"

    @property
    def is_approval(self) -> bool:
        return self.outcome in self.APPROVING
