"""The plan's pages: the public plan with its parts, the comparison page, the office's editing page; each
costs the same number of queries for a small and a larger plan."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartierwerk.planning import services
from quartierwerk.planning.models import Goal

from .conftest import make_plan

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_plan_pages_cost_the_same_for_3_and_30_goals(client, login_as, quarter, staff):
    small = make_plan(quarter, staff, goals=3, year=2024)
    large = make_plan(quarter, staff, goals=30, year=2025)
    login_as(staff)
    for name in ("planning:plan", "planning:staff_plan"):
        client.get(reverse(name, args=[small.pk]))  # the first page of a session loads the caches
        assert _count(client, reverse(name, args=[small.pk])) == _count(
            client, reverse(name, args=[large.pk])
        )


def test_the_public_list_shows_the_current_plan_with_goals_measures_and_values(client, plan):
    page = client.get(reverse("planning:plan_list", args=[plan.quarter.slug])).content.decode()
    for text in (
        "Wohnumfeld und Grün",
        "Grünflächen aufwerten 0",
        "Grüner Bogen 0",
        "4000,50",
        "Quartiersrat",
    ):
        assert text in page


def test_the_office_revises_changes_and_sees_the_comparison(client, login_as, plan, staff):
    login_as(staff)
    response = client.post(reverse("planning:staff_plan_action", args=[plan.pk, "revise"]))
    draft = plan.revisions.get()
    assert response.url == reverse("planning:staff_plan", args=[draft.pk])
    goal = Goal.objects.get(field_of_action__plan=draft)
    response = client.post(
        reverse("planning:staff_item", args=[draft.pk, "goal", goal.pk]),
        {"title": "Grünflächen aufwerten und pflegen", "description": ""},
    )
    assert response.status_code == 302
    client.post(
        reverse("planning:staff_add", args=[draft.pk, "measure"]), {"parent": goal.pk, "title": "Beete"}
    )
    page = client.get(reverse("planning:plan_diff", args=[draft.pk])).content.decode()
    assert "<ins>und pflegen</ins>" in page and "Beete" in page
    # The public does not see the draft's comparison, nor the draft.
    client.logout()
    assert client.get(reverse("planning:plan_diff", args=[draft.pk])).status_code == 404
    services.update_plan(
        plan=draft, by=staff, title=draft.title, adopted_by="Quartiersrat", adopted_on=plan.adopted_on
    )
    services.publish_plan(plan=draft, by=staff)
    page = client.get(reverse("planning:plan_diff", args=[draft.pk])).content.decode()
    assert "<ins>und pflegen</ins>" in page


def test_the_quarter_page_and_dashboard_link_the_plan(client, login_as, plan, staff):
    page = client.get(reverse("core:quarter", args=[plan.quarter.slug])).content.decode()
    assert reverse("planning:plan_list", args=[plan.quarter.slug]) in page
    login_as(staff)
    page = client.get(reverse("core:dashboard", args=[plan.quarter.slug])).content.decode()
    assert reverse("planning:staff_plans", args=[plan.quarter.slug]) in page
