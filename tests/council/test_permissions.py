"""Who may report on a resolution point and confirm suggested papers, asked of the rule and of the page."""

import pytest
from django.urls import reverse

from quartierwerk.council import rules
from quartierwerk.council.models import PaperQuarter, StatusReport
from tests.conftest import permission_matrix

from .conftest import make_decision

pytestmark = pytest.mark.django_db

OFFICE = {"staff": True, "city_staff": True, "admin": True}
OTHERS = {
    "anonymous": False,
    "resident": False,
    "actor_representative": False,
    "award_team": False,
    "staff_other_quarter": False,
    "city_staff_other_city": False,
}


@permission_matrix({**OTHERS, **OFFICE})
def test_who_may_record_a_status_report(role, allowed, user_with_role, quarter, client, login_as):
    paper = make_decision(quarter)
    point = paper.points.get()
    user = user_with_role(role)
    assert rules.can_record_status_report(user, point) is allowed
    login_as(user)
    url = reverse("council:status_report", args=[point.pk])
    response = client.post(url, {"status": "done", "text": "Erledigt.", "date": "2026-01-01"})
    if allowed:
        assert response.status_code == 302
        assert StatusReport.objects.filter(point=point, status="done").exists()
    else:
        assert response.status_code in (302, 403) and not StatusReport.objects.exists()
        assert (
            response.status_code == 403
            or "/login" in response["Location"]
            or "/accounts/" in response["Location"]
        )
    # The public page shows the button only to those who may use it.
    page = client.get(reverse("council:paper", args=[paper.pk])).content.decode()
    assert (url in page) is allowed


def test_staff_of_a_quarter_the_paper_is_only_suggested_to_may_not_report(user_with_role, quarter):
    paper = make_decision(quarter, confirmed=False)
    assert not rules.can_record_status_report(user_with_role("staff"), paper.points.get())


@permission_matrix({**OTHERS, **OFFICE})
def test_who_may_confirm_a_suggested_paper(role, allowed, user_with_role, quarter, client, login_as):
    paper = make_decision(quarter, confirmed=False)
    link = PaperQuarter.objects.get(paper=paper)
    login_as(user_with_role(role))
    page = client.get(reverse("council:quarter", args=[quarter.slug])).content.decode()
    suggestion_url = reverse("council:suggestion", args=[quarter.slug, link.pk])
    assert (suggestion_url in page) is allowed  # unconfirmed suggestions are the office's
    response = client.post(suggestion_url, {"confirm": "1"})
    link.refresh_from_db()
    assert link.confirmed is allowed
    if not allowed:
        assert response.status_code in (302, 403)
