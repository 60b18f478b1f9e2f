"""Planning: the quarter's action plan, one version per year (fields of action → goals → measures, indicators)."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActionPlan(models.Model):
    """One yearly version of a quarter's action plan (Handlungskonzept); the published one is public."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.PROTECT, related_name="action_plans", verbose_name=_("quarter")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=4000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    revised_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revised from"),
    )
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    revision_participants = models.TextField(
        _("who took part in the revision"),
        max_length=4000,
        blank=True,
        help_text=_("The outside actors the revision was discussed with, one per line."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["quarter", "year"], name="plan_one_version_per_year"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="plan_year_range"),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(adopted_on__isnull=False) & ~Q(adopted_by="")),
                name="plan_published_is_adopted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("planning:plan", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def participants_list(self) -> list[str]:
        return [line.strip() for line in self.revision_participants.splitlines() if line.strip()]


def _lineage():
    return uuid.uuid4()


class PlanItem(models.Model):
    """Common fields of the parts of a plan; `lineage` stays the same across yearly versions (for the diff)."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    lineage = models.UUIDField(default=_lineage, editable=False)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class FieldOfAction(PlanItem):
    """A field of action (Handlungsfeld) of one plan version."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="fields_of_action")

    class Meta(PlanItem.Meta):
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        indexes = [models.Index(fields=["plan", "position"], name="plan_field_plan_idx")]


class Goal(PlanItem):
    """A goal within a field of action."""

    field_of_action = models.ForeignKey(FieldOfAction, on_delete=models.CASCADE, related_name="goals")

    class Meta(PlanItem.Meta):
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        indexes = [models.Index(fields=["field_of_action", "position"], name="plan_goal_field_idx")]


class Measure(PlanItem):
    """A measure that serves a goal."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measures")

    class Meta(PlanItem.Meta):
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        indexes = [models.Index(fields=["goal", "position"], name="plan_measure_goal_idx")]


class Indicator(models.Model):
    """How a goal is measured: unit, value at the start and the target."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    lineage = models.UUIDField(default=_lineage, editable=False)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["id"]
        indexes = [models.Index(fields=["goal"], name="plan_indicator_goal_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def latest_value(self):
        """The newest measured value (reads prefetched values when there are)."""
        values = list(self.values.all())
        return values[-1] if values else None


class IndicatorValue(models.Model):
    """One measured value of an indicator, with the date and where it comes from."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("measured value")
        verbose_name_plural = _("measured values")
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "measured_on"], name="plan_one_value_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.value} ({self.measured_on})"


class Project(models.Model):
    """A project of the quarter, from the first idea to its completion, linked to the plan's goals."""

    class Stage(models.TextChoices):
        IDEA = "idea", _("Idea")
        PLANNING = "planning", _("Planning")
        FUNDING_APPLIED = "funding_applied", _("Funding applied for")
        FUNDED = "funded", _("Funded")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.PROTECT, related_name="projects", verbose_name=_("quarter")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    place = models.CharField(_("place"), max_length=250, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress in per cent"), default=0)
    results = models.TextField(_("results"), max_length=4000, blank=True)
    lead = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_projects",
        verbose_name=_("lead"),
    )
    partners = models.ManyToManyField(
        "actors.Organisation", blank=True, related_name="partner_projects", verbose_name=_("partners")
    )
    goals = models.ManyToManyField(Goal, blank=True, related_name="projects", verbose_name=_("goals"))
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="projects", verbose_name=_("measures")
    )
    report = models.OneToOneField(
        "reports.Report",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from the report"),
    )
    # The budget summed over the funding sources, kept under the project's row lock (services/funding.py).
    budget_planned = models.DecimalField(_("planned"), max_digits=12, decimal_places=2, default=Decimal("0"))
    budget_applied = models.DecimalField(
        _("applied for"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    budget_granted = models.DecimalField(_("granted"), max_digits=12, decimal_places=2, default=Decimal("0"))
    budget_called = models.DecimalField(_("called"), max_digits=12, decimal_places=2, default=Decimal("0"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["quarter", "stage", "-updated_at"], name="plan_project_stage_idx"),
            models.Index(fields=["quarter", "-updated_at"], name="plan_project_quarter_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="plan_project_progress_range"),
            models.CheckConstraint(
                condition=Q(
                    budget_planned__gte=0, budget_applied__gte=0, budget_granted__gte=0, budget_called__gte=0
                ),
                name="plan_project_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("planning:project", args=[self.pk])


class Milestone(models.Model):
    """A step on a project's timeline."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["project", "due_on"], name="plan_milestone_project_idx")]

    def __str__(self) -> str:
        return self.title


class FundingSource(models.Model):
    """Where a project's money comes from, and how far that money has come.

    For a neighbourhood fund application the amounts are read from the application (never typed again);
    for the other kinds the office enters them. The database refuses negative amounts, more granted than
    applied for, more called than granted, and a period that ends before it starts.
    """

    class Kind(models.TextChoices):
        FUND = "fund", _("Neighbourhood fund application")
        PROGRAMME = "programme", _("Funding programme")
        SPONSOR = "sponsor", _("Sponsor")
        OWN = "own", _("Own means")

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        APPLIED = "applied", _("Applied for")
        GRANTED = "granted", _("Granted")
        CALLED = "called", _("Called")
        ACCOUNTED = "accounted", _("Accounted for")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding_sources")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("funder or programme"), max_length=200)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PLANNED)
    fund_application = models.OneToOneField(
        "fund.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fund application"),
    )
    amount_applied = models.DecimalField(_("amount applied for"), max_digits=12, decimal_places=2, null=True)
    amount_granted = models.DecimalField(_("amount granted"), max_digits=12, decimal_places=2, null=True)
    amount_called = models.DecimalField(_("amount called"), max_digits=12, decimal_places=2, null=True)
    own_share = models.DecimalField(_("own share"), max_digits=12, decimal_places=2, default=Decimal("0"))
    period_start = models.DateField(_("funding period from"), null=True, blank=True)
    period_end = models.DateField(_("funding period until"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["id"]
        indexes = [models.Index(fields=["project", "kind"], name="plan_source_project_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(amount_applied__isnull=True) | Q(amount_applied__gte=0))
                & (Q(amount_granted__isnull=True) | Q(amount_granted__gte=0))
                & (Q(amount_called__isnull=True) | Q(amount_called__gte=0))
                & Q(own_share__gte=0),
                name="plan_source_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount_granted__isnull=True)
                | Q(amount_applied__isnull=True)
                | Q(amount_granted__lte=models.F("amount_applied")),
                name="plan_source_granted_within_applied",
            ),
            models.CheckConstraint(
                condition=Q(amount_called__isnull=True)
                | Q(amount_granted__isnull=True)
                | Q(amount_called__lte=models.F("amount_granted")),
                name="plan_source_called_within_granted",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="plan_source_period_in_order",
            ),
            # A fund source carries no amounts of its own: they live in the fund.
            models.CheckConstraint(
                condition=(
                    Q(kind="fund", fund_application__isnull=False)
                    & Q(amount_applied__isnull=True, amount_granted__isnull=True, amount_called__isnull=True)
                )
                | (~Q(kind="fund") & Q(fund_application__isnull=True)),
                name="plan_source_fund_amounts_from_the_fund",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    # Permission rules ask for the quarter of what they judge: a source belongs to its project's quarter.
    @property
    def quarter_id(self) -> int:
        return self.project.quarter_id

    @property
    def quarter(self):
        return self.project.quarter

    # The amounts as they count: from the fund application for a fund source, else as entered.
    @property
    def applied(self) -> Decimal:
        if self.fund_application_id:
            return self.fund_application.requested_amount
        return self.amount_applied or Decimal("0")

    @property
    def granted(self) -> Decimal:
        if self.fund_application_id:
            return self.fund_application.approved_amount
        return self.amount_granted or Decimal("0")

    @property
    def called(self) -> Decimal:
        if self.fund_application_id:
            return self.fund_application.paid_amount
        return self.amount_called or Decimal("0")
