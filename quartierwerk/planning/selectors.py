"""Read queries of planning, each shaped so that a page costs a fixed number of SQL queries."""

from django.db.models import Prefetch

from . import rules
from .models import ActionPlan, FieldOfAction, FundingSource, Goal, Indicator, IndicatorValue


def plan(pk: int) -> ActionPlan | None:
    return ActionPlan.objects.select_related("quarter__city", "revised_from").filter(pk=pk).first()


def plan_tree(plan: ActionPlan) -> list[FieldOfAction]:
    """Fields of action with goals, measures, indicators and their values: five queries."""
    indicators = Indicator.objects.prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("measured_on", "id"))
    )
    goals = Goal.objects.prefetch_related("measures", Prefetch("indicators", queryset=indicators))
    return list(plan.fields_of_action.prefetch_related(Prefetch("goals", queryset=goals)))


def plans_for(quarter, user):
    """The quarter's plan versions this person may see: published ones, and drafts for the office."""
    qs = ActionPlan.objects.filter(quarter=quarter).select_related("quarter")
    if not rules.can_view_office(user, quarter):
        qs = qs.filter(status=ActionPlan.Status.PUBLISHED)
    return qs


def current_plan(quarter) -> ActionPlan | None:
    """The newest published version: the quarter's public action plan."""
    return (
        ActionPlan.objects.filter(quarter=quarter, status=ActionPlan.Status.PUBLISHED)
        .select_related("quarter__city")
        .first()
    )


def project(pk: int):
    from .models import Project

    return (
        Project.objects.select_related("quarter__city", "lead", "report")
        .prefetch_related(
            "partners",
            "goals",
            "measures",
            "milestones",
            Prefetch("funding_sources", queryset=FundingSource.objects.select_related("fund_application")),
        )
        .filter(pk=pk)
        .first()
    )


def projects_for(quarter, *, stage: str = "", query: str = "", lead: int | None = None):
    """The quarter's projects, newest change first, filtered by stage, words of the title and lead."""
    from .models import Project

    qs = Project.objects.filter(quarter=quarter).select_related("lead", "quarter")
    if stage:
        qs = qs.filter(stage=stage)
    if query:
        qs = qs.filter(title__icontains=query)
    if lead:
        qs = qs.filter(lead_id=lead)
    return qs


def board(quarter, per_stage: int = 50) -> list[tuple]:
    """(stage value, label, newest cards, count) for every stage: one query per stage and one for the counts."""
    from django.db.models import Count

    from .models import Project

    counts = dict(
        Project.objects.filter(quarter=quarter).values_list("stage").annotate(n=Count("pk")).order_by()
    )
    base = (
        Project.objects.filter(quarter=quarter)
        .select_related("lead", "quarter")
        .order_by("-updated_at", "-id")
    )
    return [
        (value, label, list(base.filter(stage=value)[:per_stage]), counts.get(value, 0))
        for value, label in Project.Stage.choices
    ]


def budget_by_kind(project) -> list[dict]:
    """The project's sources summed per kind (fund, programme, sponsor, own means)."""
    from .models import FundingSource

    rows: dict[str, dict] = {}
    for source in project.funding_sources.all():
        row = rows.setdefault(
            source.kind,
            {"code": source.kind, "kind": source.get_kind_display(), "applied": 0, "granted": 0, "called": 0},
        )
        row["applied"] += source.applied
        row["granted"] += source.granted
        row["called"] += source.called
    return [rows[k] for k in FundingSource.Kind.values if k in rows]
