"""Who sees and changes the action plan: the published version is public, drafts belong to the office of the
quarter (city staff read along), and staff of another quarter see and change nothing internal."""

import pytest
from django.urls import reverse

from quartierwerk.planning import rules
from quartierwerk.planning.models import ActionPlan, Goal
from tests.conftest import permission_matrix

from .conftest import make_plan

pytestmark = pytest.mark.django_db

EVERYONE_SEES_PUBLISHED = {
    "anonymous": False,
    "resident": False,
    "actor_representative": False,
    "award_team": False,
    "staff": True,
    "staff_other_quarter": False,
    "city_staff": True,
    "city_staff_other_city": False,
    "admin": True,
}


@permission_matrix(EVERYONE_SEES_PUBLISHED)
def test_who_sees_a_draft(role, allowed, user_with_role, quarter, staff, client, login_as):
    draft = make_plan(quarter, staff, publish=False)
    user = user_with_role(role)
    assert rules.can_view_plan(user, draft) is allowed
    login_as(user)
    assert (client.get(reverse("planning:plan", args=[draft.pk])).status_code == 200) is allowed
    page = client.get(reverse("planning:plan_list", args=[quarter.slug])).content.decode()
    assert (reverse("planning:plan", args=[draft.pk]) in page) is allowed
    response = client.get(reverse("planning:staff_plan", args=[draft.pk]))
    assert response.status_code == (200 if allowed else 302 if role == "anonymous" else 403)
    # Everybody reads the published version.
    published = make_plan(quarter, staff, year=2024)
    assert rules.can_view_plan(user, published)
    assert client.get(reverse("planning:plan", args=[published.pk])).status_code == 200


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": False,
        "city_staff_other_city": False,
        "admin": True,
    }
)
def test_who_changes_publishes_and_revises(role, allowed, user_with_role, quarter, staff, client, login_as):
    draft = make_plan(quarter, staff, publish=False, year=2026)
    published = make_plan(quarter, staff, year=2025)
    user = user_with_role(role)
    assert rules.can_manage(user, quarter) is allowed
    login_as(user)
    refused = 302 if role == "anonymous" else 403
    goal = Goal.objects.get(field_of_action__plan=draft)
    response = client.post(
        reverse("planning:staff_add", args=[draft.pk, "measure"]), {"parent": goal.pk, "title": "Neu"}
    )
    assert response.status_code == (302 if allowed else refused)
    assert goal.measures.filter(title="Neu").exists() is allowed
    response = client.post(reverse("planning:staff_plan_action", args=[published.pk, "revise"]))
    if not allowed:
        assert response.status_code == refused
    # The year after 2025 is taken by the draft: the office is told, nobody else gets that far.
    assert ActionPlan.objects.filter(quarter=quarter).count() == 2
    response = client.post(
        reverse("planning:staff_plans", args=[quarter.slug]), {"year": 2030, "title": "Neuer Plan"}
    )
    assert ActionPlan.objects.filter(quarter=quarter, year=2030).exists() is allowed


def test_the_staff_list_of_another_quarter_is_closed(client, login_as, user_with_role, quarter, staff):
    make_plan(quarter, staff)
    login_as(user_with_role("staff_other_quarter"))
    assert client.get(reverse("planning:staff_plans", args=[quarter.slug])).status_code == 403
