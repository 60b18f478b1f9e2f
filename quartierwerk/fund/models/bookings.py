"""The money: every movement of committed money, and the payouts. Rows are only ever added."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .applications import Application
from .funds import Category, Fund, money


class LedgerEntry(models.Model):
    """Every movement of committed money: commitments at decision time, corrections and releases."""

    class Kind(models.TextChoices):
        COMMIT = "commit", _("Committed")
        CORRECTION = "correction", _("Amount corrected")
        RELEASE = "release", _("Released")

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="ledger")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    amount = money()
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["fund", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class Payout(models.Model):
    """Money paid out (partial payouts allowed); a correction is a negative row with a reason."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payouts")
    amount = money(verbose_name=_("amount (€)"))
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("booking reference"), max_length=120, blank=True)
    reason = models.TextField(_("reason for the correction"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["application", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) | (Q(amount__lt=0) & ~Q(reason="")),
                name="fund_payout_correction_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.paid_on} {self.amount}"
