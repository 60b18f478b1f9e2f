"""Fixtures of the planning tests: a published plan with one of everything, built through the services."""

import datetime
import uuid

import pytest

from quartierwerk.planning import services


def make_plan(quarter, by, *, year=2025, publish=True, goals=1):
    """A plan with a field of action, `goals` goals each with a measure and an indicator with one value."""
    plan = services.create_plan(by=by, quarter=quarter, year=year, title="Handlungskonzept")
    field = services.add_field_of_action(plan=plan, by=by, title="Wohnumfeld und Grün")
    for n in range(goals):
        goal = services.add_goal(field_of_action=field, by=by, title=f"Grünflächen aufwerten {n}")
        services.add_measure(goal=goal, by=by, title=f"Grüner Bogen {n}", description="Neu gestalten")
        indicator = services.add_indicator(
            goal=goal, by=by, name=f"Grünfläche {n}", unit="m²", baseline="0", target="12000"
        )
        services.record_value(
            indicator=indicator,
            by=by,
            measured_on=datetime.date(year, 6, 30),
            value="4000,5",
            source="Zählung",
        )
    if publish:
        services.update_plan(
            plan=plan,
            by=by,
            title="Handlungskonzept",
            adopted_by="Quartiersrat",
            adopted_on=datetime.date(year, 3, 1),
        )
        services.publish_plan(plan=plan, by=by)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def staff(user_with_role):
    return user_with_role("staff")


@pytest.fixture
def plan(quarter, staff):
    return make_plan(quarter, staff)


def make_idea_report(
    quarter, staff, text="Ein Gemeinschaftsgarten auf der Brache an der Ringstraße wäre schön."
):
    """A resident's report that the office passed on as a project idea."""
    from quartierwerk.reports import services as report_services
    from quartierwerk.reports.models import Category, Report

    category, _ = Category.objects.get_or_create(
        code="green", defaults={"name": "Grünflächen", "group": "Grün"}
    )
    report = Report.objects.create(
        quarter=quarter, category=category, description=text, reporter_email="erika@test.example"
    )
    return report_services.convert_to_idea(report=report, by=staff)


def make_projects(quarter, by, n, stage="idea"):
    from quartierwerk.actors.models import Organisation
    from quartierwerk.planning.models import Project

    lead = Organisation.objects.create(
        quarter=quarter, city=quarter.city, name="Nachbarn e. V.", slug=f"nachbarn-{uuid.uuid4().hex[:8]}"
    )
    return Project.objects.bulk_create(
        [
            Project(quarter=quarter, title=f"Projekt {i}", stage=stage, lead=lead, created_by=by)
            for i in range(n)
        ]
    )
