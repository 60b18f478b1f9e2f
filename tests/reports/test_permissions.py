"""Who may see contact data, triage, forward, edit and hide: every role, in the rules and through the pages."""

import pytest
from django.urls import reverse

from quartierwerk.reports import rules
from tests.conftest import permission_matrix


def _report(make_report, role, user_with_role):
    return make_report()


@permission_matrix(
    {
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
)
def test_who_sees_contact_data(role, allowed, user_with_role, report, client, login_as):
    user = user_with_role(role)
    assert rules.can_see_contact(user, report) is allowed
    login_as(user)
    api = client.get(f"/api/v1/reports/{report.pk}").json()
    assert (api["contact"] is not None) is allowed
    assert ("erika@test.example" in str(api)) is allowed
    staff_page = client.get(reverse("reports:staff_detail", args=[report.quarter.slug, report.pk]))
    assert (staff_page.status_code == 200) is allowed
    if allowed:
        assert "erika@test.example" in staff_page.content.decode()
    assert "erika@test.example" not in client.get(report.get_absolute_url()).content.decode()


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
def test_who_may_triage(role, allowed, user_with_role, report, client, login_as):
    user = user_with_role(role)
    assert rules.can_triage(user, report) is allowed
    login_as(user)
    url = reverse("reports:staff_action", args=[report.quarter.slug, report.pk, "kind"])
    response = client.post(url, {"kind-kind": "question"})
    report.refresh_from_db()
    assert (report.kind == "question") is allowed
    assert response.status_code in ((302,) if allowed else (302, 403))


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
def test_who_may_forward(role, allowed, user_with_role, report, body, client, login_as):
    user = user_with_role(role)
    assert rules.can_forward(user, report) is allowed
    login_as(user)
    client.post(
        reverse("reports:staff_action", args=[report.quarter.slug, report.pk, "forward"]),
        {"forward-body": body.pk},
    )
    report.refresh_from_db()
    assert (report.status == "forwarded") is allowed


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
def test_who_may_edit_and_hide(role, allowed, user_with_role, report, client, login_as):
    user = user_with_role(role)
    assert rules.can_edit(user, report) is allowed
    assert rules.can_hide(user, report) is allowed
    login_as(user)
    client.post(
        reverse("reports:staff_action", args=[report.quarter.slug, report.pk, "moderate"]),
        {"moderate-description": "bereinigt", "moderate-hidden": "on"},
    )
    report.refresh_from_db()
    assert (report.description == "bereinigt" and report.is_hidden) is allowed


@permission_matrix(
    {
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
)
def test_who_may_answer_and_see_the_inbox(role, allowed, user_with_role, report, client, login_as):
    user = user_with_role(role)
    assert rules.can_answer(user, report) is allowed
    login_as(user)
    inbox = client.get(reverse("reports:inbox", args=[report.quarter.slug]))
    assert (inbox.status_code == 200) is allowed
    client.post(
        reverse("reports:staff_action", args=[report.quarter.slug, report.pk, "status"]),
        {"status-status": "acknowledged"},
    )
    report.refresh_from_db()
    assert (report.status == "acknowledged") is allowed


@permission_matrix(
    {
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
)
def test_who_sees_hidden_reports(role, allowed, user_with_role, make_report, client, login_as):
    report = make_report(is_hidden=True)
    user = user_with_role(role)
    assert rules.can_view_report(user, report) is allowed
    login_as(user)
    assert (client.get(report.get_absolute_url()).status_code == 200) is allowed
    assert (client.get(f"/api/v1/reports/{report.pk}").status_code == 200) is allowed


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
def test_who_manages_open311_keys(role, allowed, user_with_role, quarter, client, login_as):
    user = user_with_role(role)
    assert rules.can_manage_api_clients(user, quarter) is allowed
    login_as(user)
    response = client.get(reverse("reports:api_clients", args=[quarter.slug]))
    assert (response.status_code == 200) is allowed


def test_staff_of_another_quarter_cannot_reach_a_report_through_their_own_quarter(
    user_with_role, report, other_quarter, client, login_as
):
    login_as(user_with_role("staff_other_quarter"))
    url = reverse("reports:staff_detail", args=[other_quarter.slug, report.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["resident", "staff_other_quarter"])
def test_api_status_change_refused_for_others(role, user_with_role, report, client, login_as):
    from quartierwerk.core.models import ApiToken

    _t, key = ApiToken.issue(user_with_role(role), "t")
    response = client.post(
        f"/api/v1/reports/{report.pk}/status",
        {"status": "solved"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "open"
