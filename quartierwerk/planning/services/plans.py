"""The office's writes on the action plan: versions, their parts, adoption and publication, yearly revision."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import Conflict, DomainError, require
from quartierwerk.core.text import clean_line, clean_text

from .. import rules
from ..models import ActionPlan, FieldOfAction, Goal, Indicator, IndicatorValue, Measure
from ..workflows import PLAN_FLOW


def _title(value, field="title", max_length=300) -> str:
    title = clean_line(value, max_length=max_length, field=field)
    if not title:
        raise DomainError(_("Please give a title."), field=field)
    return title


def _decimal(value, field) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Please give a number."), field=field) from None
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise DomainError(_("Please give a number."), field=field)
    return number.quantize(Decimal("0.01"))


def _lock(plan: ActionPlan) -> ActionPlan:
    return ActionPlan.objects.select_for_update().select_related("quarter").get(pk=plan.pk)


def _touch(plan: ActionPlan) -> None:
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())


def create_plan(*, by, quarter, year: int, title: str, summary: str = "") -> ActionPlan:
    """A new, empty plan version in draft for a year."""
    require(rules.can_manage(by, quarter), _("You may not plan for this quarter."))
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError(_("Please give a year between 2000 and 2100."), field="year")
    fields = {"title": _title(title, max_length=200), "summary": clean_text(summary, max_length=4000)}
    try:
        with transaction.atomic():
            plan = ActionPlan.objects.create(quarter=quarter, year=year, created_by=by, **fields)
            audit.record(by, "planning.plan_created", plan, year=year)
    except IntegrityError:
        raise Conflict(_("There is already a plan for this year."), field="year") from None
    return plan


def update_plan(
    *,
    plan: ActionPlan,
    by,
    title: str,
    summary: str = "",
    adopted_by: str = "",
    adopted_on: datetime.date | None = None,
    revision_participants: str = "",
) -> ActionPlan:
    """Change the head of a draft: title, summary, adoption and who took part in the revision."""
    with transaction.atomic():
        plan = _lock(plan)
        PLAN_FLOW.check(by, plan, "edit")
        plan.title = _title(title, max_length=200)
        plan.summary = clean_text(summary, max_length=4000)
        plan.adopted_by = clean_line(adopted_by, max_length=200, field="adopted_by")
        plan.adopted_on = adopted_on
        plan.revision_participants = clean_text(revision_participants, max_length=4000)
        plan.updated_at = timezone.now()
        plan.save()
        audit.record(by, "planning.plan_changed", plan, title=plan.title)
    return plan


def _editable(by, plan: ActionPlan) -> ActionPlan:
    plan = _lock(plan)
    PLAN_FLOW.check(by, plan, "edit", message=_("A published plan is changed by revising it for next year."))
    return plan


def _next_position(queryset) -> int:
    last = queryset.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def add_field_of_action(*, plan: ActionPlan, by, title: str, description: str = "") -> FieldOfAction:
    with transaction.atomic():
        plan = _editable(by, plan)
        item = FieldOfAction.objects.create(
            plan=plan,
            title=_title(title),
            description=clean_text(description, max_length=4000),
            position=_next_position(plan.fields_of_action.all()),
        )
        _touch(plan)
        audit.record(by, "planning.plan_changed", plan, added=item.title)
    return item


def add_goal(*, field_of_action: FieldOfAction, by, title: str, description: str = "") -> Goal:
    with transaction.atomic():
        plan = _editable(by, field_of_action.plan)
        item = Goal.objects.create(
            field_of_action=field_of_action,
            title=_title(title),
            description=clean_text(description, max_length=4000),
            position=_next_position(field_of_action.goals.all()),
        )
        _touch(plan)
        audit.record(by, "planning.plan_changed", plan, added=item.title)
    return item


def add_measure(*, goal: Goal, by, title: str, description: str = "") -> Measure:
    with transaction.atomic():
        plan = _editable(by, goal.field_of_action.plan)
        item = Measure.objects.create(
            goal=goal,
            title=_title(title),
            description=clean_text(description, max_length=4000),
            position=_next_position(goal.measures.all()),
        )
        _touch(plan)
        audit.record(by, "planning.plan_changed", plan, added=item.title)
    return item


def add_indicator(*, goal: Goal, by, name: str, unit: str, baseline, target) -> Indicator:
    with transaction.atomic():
        plan = _editable(by, goal.field_of_action.plan)
        unit = clean_line(unit, max_length=60, field="unit")
        if not unit:
            raise DomainError(_("Please give the unit."), field="unit")
        item = Indicator.objects.create(
            goal=goal,
            name=_title(name, field="name"),
            unit=unit,
            baseline=_decimal(baseline, "baseline"),
            target=_decimal(target, "target"),
        )
        _touch(plan)
        audit.record(by, "planning.plan_changed", plan, added=item.name)
    return item


def plan_of(item):
    """The plan version a part belongs to."""
    if isinstance(item, FieldOfAction):
        return item.plan
    if isinstance(item, Goal):
        return item.field_of_action.plan
    if isinstance(item, Measure | Indicator):
        return item.goal.field_of_action.plan
    raise TypeError(item)


def update_item(*, item, by, title: str, description: str = "", unit=None, baseline=None, target=None):
    """Change a field of action, goal, measure (title, description) or an indicator (and its figures)."""
    with transaction.atomic():
        plan = _editable(by, plan_of(item))
        if isinstance(item, Indicator):
            item.name = _title(title, field="name")
            if unit is not None:
                item.unit = clean_line(unit, max_length=60, field="unit") or item.unit
            if baseline is not None:
                item.baseline = _decimal(baseline, "baseline")
            if target is not None:
                item.target = _decimal(target, "target")
        else:
            item.title = _title(title)
            item.description = clean_text(description, max_length=4000)
        item.save()
        _touch(plan)
        audit.record(by, "planning.plan_changed", plan, changed=str(item))
    return item


def delete_item(*, item, by) -> None:
    """Remove a part of a draft (with everything below it)."""
    with transaction.atomic():
        plan = _editable(by, plan_of(item))
        name = str(item)
        item.delete()
        _touch(plan)
        audit.record(by, "planning.plan_changed", plan, removed=name)


def record_value(
    *, indicator: Indicator, by, measured_on: datetime.date, value, source: str
) -> IndicatorValue:
    """Add a measured value of an indicator (also to a published plan: the figures keep coming)."""
    plan = plan_of(indicator)
    PLAN_FLOW.check(by, plan, "record_value")
    source = clean_line(source, max_length=300, field="source")
    if not source:
        raise DomainError(_("Please say where the value comes from."), field="source")
    if not isinstance(measured_on, datetime.date):
        raise DomainError(_("Please give the date of the measurement."), field="measured_on")
    try:
        with transaction.atomic():
            item = IndicatorValue.objects.create(
                indicator=indicator, measured_on=measured_on, value=_decimal(value, "value"), source=source
            )
            audit.record(by, "planning.value_recorded", plan, indicator=indicator.name, value=str(item.value))
    except IntegrityError:
        raise Conflict(_("There is already a value for this day."), field="measured_on") from None
    return item


def publish_plan(*, plan: ActionPlan, by) -> ActionPlan:
    """Publish a draft adopted by a named body on a date; it becomes the quarter's public plan for its year."""
    with transaction.atomic():
        plan = _lock(plan)
        PLAN_FLOW.check(by, plan, "publish")
        if not plan.adopted_by or not plan.adopted_on:
            raise DomainError(_("Record which body adopted the plan, and when, before publishing."))
        if not Goal.objects.filter(field_of_action__plan=plan).exists():
            raise DomainError(_("Add at least one goal before publishing."))
        plan.status = PLAN_FLOW.target(plan, "publish")
        plan.published_at = timezone.now()
        plan.updated_at = plan.published_at
        plan.save(update_fields=["status", "published_at", "updated_at"])
        audit.record(by, "planning.plan_published", plan, adopted_by=plan.adopted_by)
    return plan


def revise_for_next_year(*, plan: ActionPlan, by) -> ActionPlan:
    """Copy a published plan into a draft for the following year; every part keeps its lineage for the diff."""
    PLAN_FLOW.check(by, plan, "revise")
    try:
        with transaction.atomic():
            draft = ActionPlan.objects.create(
                quarter=plan.quarter,
                year=plan.year + 1,
                title=plan.title,
                summary=plan.summary,
                revised_from=plan,
                created_by=by,
            )
            _copy_parts(plan, draft)
            audit.record(by, "planning.plan_revised", draft, year=draft.year, revised_from=plan.pk)
    except IntegrityError:
        raise Conflict(_("There is already a plan for the next year.")) from None
    return draft


def _copy_parts(plan: ActionPlan, draft: ActionPlan) -> None:
    """Copy the tree with a fixed number of queries (one read and one bulk insert per level)."""
    fields = list(plan.fields_of_action.all())
    new_fields = FieldOfAction.objects.bulk_create([FieldOfAction(plan=draft, **_item(f)) for f in fields])
    field_map = {old.pk: new for old, new in zip(fields, new_fields, strict=True)}
    goals = list(Goal.objects.filter(field_of_action__plan=plan).order_by("id"))
    new_goals = Goal.objects.bulk_create(
        [Goal(field_of_action=field_map[g.field_of_action_id], **_item(g)) for g in goals]
    )
    goal_map = {old.pk: new for old, new in zip(goals, new_goals, strict=True)}
    Measure.objects.bulk_create(
        [
            Measure(goal=goal_map[m.goal_id], **_item(m))
            for m in Measure.objects.filter(goal__field_of_action__plan=plan).order_by("id")
        ]
    )
    indicators = list(Indicator.objects.filter(goal__field_of_action__plan=plan).order_by("id"))
    new_indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                goal=goal_map[i.goal_id],
                name=i.name,
                unit=i.unit,
                baseline=i.baseline,
                target=i.target,
                lineage=i.lineage,
            )
            for i in indicators
        ]
    )
    indicator_map = {old.pk: new for old, new in zip(indicators, new_indicators, strict=True)}
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=indicator_map[v.indicator_id],
                measured_on=v.measured_on,
                value=v.value,
                source=v.source,
            )
            for v in IndicatorValue.objects.filter(indicator__goal__field_of_action__plan=plan)
        ]
    )


def _item(item) -> dict:
    return {
        "title": item.title,
        "description": item.description,
        "position": item.position,
        "lineage": item.lineage,
    }
