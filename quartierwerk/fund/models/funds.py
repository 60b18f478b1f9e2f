"""A quarter's fund for one year with every rule it applies, its kinds of project and submission rounds."""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from quartierwerk.core import multilingual

ZERO = Decimal("0.00")


def money(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class Fund(models.Model):
    """One quarter's fund for one year, with every rule it applies."""

    class Majority(models.TextChoices):
        SIMPLE = "simple", _("Simple majority (more yes than no)")
        QUALIFIED = "qualified", _("Two-thirds majority of yes and no votes")

    class TieRule(models.TextChoices):
        REJECTED = "rejected", _("A tie means rejected")
        DEFERRED = "deferred", _("A tie means deferred to the next session")
        CHAIR = "chair", _("The chair's vote decides a tie")

    class AwardTeamPower(models.TextChoices):
        DECIDES = "decides", _("The award team decides")
        RECOMMENDS = "recommends", _("The award team recommends, the office records the decision")

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.PROTECT, related_name="funds", verbose_name=_("quarter")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200, default="Verfügungsfonds")
    purpose = models.TextField(_("purpose"), blank=True)
    rules_text = models.TextField(_("notes of the office on applying"), blank=True)
    # The adopted funding guideline (Förderrichtlinie) is the binding document; the page summarises the
    # configured rules beside a link to it.
    guideline_url = models.URLField(_("adopted funding guideline (link)"), blank=True)
    budget = money(verbose_name=_("annual budget"))
    # Kept in step by the services under a row lock; the database refuses any overcommitment.
    committed = money(verbose_name=_("committed"), default=ZERO, editable=False)
    paid = money(verbose_name=_("paid"), default=ZERO, editable=False)
    max_per_application = money(verbose_name=_("maximum per application"), null=True, blank=True)
    max_share_percent = models.PositiveSmallIntegerField(
        _("maximum share of the total cost (%)"), default=100
    )
    min_own_share_percent = models.PositiveSmallIntegerField(_("minimum own contribution (%)"), default=0)
    subsidiary_only = models.BooleanField(
        _("subsidiary only"), default=False, help_text=_("Only when no other source of funding is available.")
    )
    min_applicant_age = models.PositiveSmallIntegerField(_("minimum age of private applicants"), default=18)
    allow_private = models.BooleanField(_("private persons may apply"), default=True)
    allow_associations = models.BooleanField(_("associations and initiatives may apply"), default=True)
    allow_institutions = models.BooleanField(_("institutions may apply"), default=True)
    requires_cost_plan = models.BooleanField(_("a cost plan with line items is required"), default=True)
    requires_photo_or_map = models.BooleanField(_("a photo or map of the place is required"), default=False)
    consent_text = models.TextField(
        _("consent text"),
        default="Ich willige ein, dass meine Angaben zur Bearbeitung dieses Antrags gespeichert und an das "
        "Vergabeteam und die Stadtverwaltung weitergegeben werden. Nach Abschluss der Förderung werden sie "
        "nach den gesetzlichen Aufbewahrungsfristen gelöscht.",
    )
    continuous_submission = models.BooleanField(_("continuous submission (no deadlines)"), default=False)
    staff_decision_limit = money(
        verbose_name=_("the office decides up to"), default=ZERO, help_text=_("0: the office never decides.")
    )
    council_decision_limit = money(
        verbose_name=_("a council decides above"), null=True, blank=True, help_text=_("Empty: never.")
    )
    award_team_power = models.CharField(
        _("the award team"), max_length=12, choices=AwardTeamPower.choices, default=AwardTeamPower.DECIDES
    )
    award_team = models.ForeignKey(
        "actors.Group",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("award team"),
        limit_choices_to={"kind": "award_team"},
    )
    quorum = models.PositiveSmallIntegerField(_("quorum (members voting)"), default=3)
    majority = models.CharField(
        _("majority"), max_length=12, choices=Majority.choices, default=Majority.SIMPLE
    )
    tie_rule = models.CharField(_("tie"), max_length=12, choices=TieRule.choices, default=TieRule.REJECTED)
    proof_due_days = models.PositiveSmallIntegerField(
        _("proof of use due (days after the project ends)"), default=60
    )
    is_open = models.BooleanField(_("open for applications"), default=True)
    translations = multilingual.translations_field()

    # The texts of the rules page the office may enter in more languages (core/multilingual.py).
    TRANSLATED_FIELDS = ("purpose", "rules_text")

    # The rules the office sets on the settings page (form and service read this one list).
    SETTINGS_FIELDS = (
        "name",
        "purpose",
        "rules_text",
        "guideline_url",
        "budget",
        "max_per_application",
        "max_share_percent",
        "min_own_share_percent",
        "subsidiary_only",
        "min_applicant_age",
        "allow_private",
        "allow_associations",
        "allow_institutions",
        "requires_photo_or_map",
        "consent_text",
        "continuous_submission",
        "staff_decision_limit",
        "council_decision_limit",
        "award_team_power",
        "award_team",
        "quorum",
        "majority",
        "tie_rule",
        "proof_due_days",
        "is_open",
    )

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["quarter", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["quarter", "year"], name="fund_one_per_quarter_year"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="fund_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(committed__gte=0) & Q(committed__lte=F("budget")), name="fund_never_overcommitted"
            ),
            models.CheckConstraint(
                condition=Q(paid__gte=0) & Q(paid__lte=F("committed")), name="fund_paid_within_committed"
            ),
            models.CheckConstraint(condition=Q(max_share_percent__lte=100), name="fund_share_percent"),
            models.CheckConstraint(condition=Q(min_own_share_percent__lte=100), name="fund_own_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year} – {self.quarter}"

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed


class Category(models.Model):
    """A kind of project with its own limits and, optionally, its own budget (e.g. building measures)."""

    fund = models.ForeignKey(
        Fund, on_delete=models.CASCADE, related_name="categories", verbose_name=_("fund")
    )
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    budget = money(
        verbose_name=_("own budget"), null=True, blank=True, help_text=_("Empty: shares the fund.")
    )
    committed = money(verbose_name=_("committed"), default=ZERO, editable=False)
    max_amount = money(verbose_name=_("maximum per application"), null=True, blank=True)
    max_share_percent = models.PositiveSmallIntegerField(
        _("maximum share of the total cost (%)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("kind of project")
        verbose_name_plural = _("kinds of project")
        ordering = ["fund", "position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(committed__gte=0) & (Q(budget__isnull=True) | Q(committed__lte=F("budget"))),
                name="fund_category_never_overcommitted",
            ),
            models.CheckConstraint(
                condition=Q(max_share_percent__isnull=True) | Q(max_share_percent__lte=100),
                name="fund_category_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.committed


class Round(models.Model):
    """A submission round with its deadline (and the planned award session)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("fund"))
    name = models.CharField(_("name"), max_length=120)
    deadline = models.DateField(_("submission deadline"))

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["fund", "deadline"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "deadline"], name="fund_round_unique_deadline")
        ]

    def __str__(self) -> str:
        return self.name
