"""The action plan's life: parts added to a draft, adoption recorded and published, revised for the next
year with every part copied, and the comparison naming what was added, removed and changed."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition
from quartierwerk.core.models import AuditEntry
from quartierwerk.planning import diff, services
from quartierwerk.planning.models import ActionPlan, Goal, Indicator, IndicatorValue, Measure

from .conftest import make_plan

pytestmark = pytest.mark.django_db


def test_publishing_needs_the_adopting_body_and_the_date(quarter, staff):
    plan = make_plan(quarter, staff, publish=False)
    with pytest.raises(DomainError):
        services.publish_plan(plan=plan, by=staff)
    services.update_plan(
        plan=plan,
        by=staff,
        title="Handlungskonzept",
        adopted_by="Quartiersrat Grünau",
        adopted_on=datetime.date(2025, 3, 1),
        revision_participants="Grünauer Nachbarn e. V.\n\nJugendtreff",
    )
    services.publish_plan(plan=plan, by=staff)
    plan.refresh_from_db()
    assert plan.is_published and plan.participants_list == ["Grünauer Nachbarn e. V.", "Jugendtreff"]
    assert AuditEntry.objects.filter(action="planning.plan_published").count() == 1


def test_the_database_refuses_a_published_plan_without_adoption(quarter):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPlan.objects.create(quarter=quarter, year=2025, title="X", status="published")


def test_a_published_plan_is_not_changed_but_gets_measured_values(plan, staff):
    goal = Goal.objects.get(field_of_action__plan=plan)
    with pytest.raises(InvalidTransition):
        services.add_measure(goal=goal, by=staff, title="Neu")
    indicator = Indicator.objects.get(goal=goal)
    value = services.record_value(
        indicator=indicator, by=staff, measured_on=datetime.date(2025, 12, 31), value="6000", source="Amt"
    )
    assert value.value == Decimal("6000.00")
    with pytest.raises(Conflict):
        services.record_value(
            indicator=indicator, by=staff, measured_on=datetime.date(2025, 12, 31), value="1", source="Amt"
        )


def test_revise_for_next_year_copies_every_part_into_a_draft(plan, staff, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        draft = services.revise_for_next_year(plan=plan, by=staff)
    assert (draft.year, draft.status, draft.revised_from_id) == (2026, "draft", plan.pk)
    assert draft.adopted_by == "" and draft.adopted_on is None
    old_goal = Goal.objects.get(field_of_action__plan=plan)
    new_goal = Goal.objects.get(field_of_action__plan=draft)
    assert new_goal.pk != old_goal.pk and new_goal.lineage == old_goal.lineage
    assert Measure.objects.filter(goal=new_goal).count() == 1
    assert IndicatorValue.objects.filter(indicator__goal=new_goal).get().value == Decimal("4000.50")
    assert diff.compare(plan, draft) == []
    with pytest.raises(Conflict):
        services.revise_for_next_year(plan=plan, by=staff)


def test_the_comparison_shows_added_removed_and_changed_parts(plan, staff):
    draft = services.revise_for_next_year(plan=plan, by=staff)
    goal = Goal.objects.get(field_of_action__plan=draft)
    services.update_item(item=goal, by=staff, title="Grünflächen aufwerten und pflegen", description="")
    services.add_measure(goal=goal, by=staff, title="Pflegepatenschaften")
    services.delete_item(item=Measure.objects.get(goal=goal, title="Grüner Bogen 0"), by=staff)
    indicator = Indicator.objects.get(goal=goal)
    services.update_item(item=indicator, by=staff, title=indicator.name, target="15000")
    changes = diff.compare(plan, draft)
    summary = {(c.kind, c.level, c.title) for c in changes}
    assert summary == {
        ("changed", "goal", "Grünflächen aufwerten und pflegen"),
        ("added", "measure", "Pflegepatenschaften"),
        ("removed", "measure", "Grüner Bogen 0"),
        ("changed", "indicator", "Grünfläche 0"),
    }
    target = next(c for c in changes if c.level == "indicator").fields[0]
    assert (target.old, target.new) == ("12000.00", "15000.00")
    title = next(c for c in changes if c.level == "goal").fields[0]
    assert [s.op for s in title.segments] == ["equal", "delete", "insert"]
    text = diff.as_text(changes)
    assert "+ " in text and "- " in text and "12000.00 → 15000.00" in text


def test_a_part_of_another_plan_cannot_hang_under_a_published_one(plan, quarter, staff):
    with pytest.raises(InvalidTransition):
        services.add_field_of_action(plan=plan, by=staff, title="Neu")


def test_numbers_are_decimals_and_bad_numbers_are_refused(quarter, staff):
    plan = make_plan(quarter, staff, publish=False)
    goal = Goal.objects.get(field_of_action__plan=plan)
    with pytest.raises(DomainError):
        services.add_indicator(goal=goal, by=staff, name="X", unit="m", baseline="viel", target="1")
    with pytest.raises(DomainError):
        services.add_indicator(goal=goal, by=staff, name="X", unit="m", baseline="NaN", target="1")
