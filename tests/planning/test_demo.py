"""The demo: an action plan and projects in every demo quarter, linked from the quarter's page."""

import pytest
from django.urls import reverse

from quartierwerk.core import demo
from quartierwerk.planning.models import ActionPlan, Project

pytestmark = pytest.mark.django_db


def test_every_demo_quarter_has_a_plan_its_revision_and_projects(client):
    loaded = demo.load()
    for slug, quarter in loaded.quarters.items():
        assert ActionPlan.objects.filter(quarter=quarter, status="published").count() == 1, slug
        assert ActionPlan.objects.filter(quarter=quarter, status="draft").count() == 1, slug
        assert Project.objects.filter(quarter=quarter).exists(), slug
        page = client.get(reverse("core:quarter", args=[slug])).content.decode()
        assert reverse("planning:plan_list", args=[slug]) in page
        assert reverse("planning:project_list", args=[slug]) in page
    count = ActionPlan.objects.count()
    demo.load()
    assert ActionPlan.objects.count() == count
    draft = ActionPlan.objects.filter(status="draft").first()
    assert client.get(reverse("planning:plan", args=[draft.revised_from_id])).status_code == 200
