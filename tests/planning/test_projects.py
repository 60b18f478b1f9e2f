"""Projects: the stages of the transition table, a project from a resident's report with the link on both
sides, the board's buttons and fixed query counts for the board and the lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartierwerk.core.errors import Conflict, InvalidTransition, NotAllowed
from quartierwerk.planning import services
from quartierwerk.planning.models import Goal, Project
from quartierwerk.planning.workflows import PROJECT_FLOW, moves
from tests.conftest import permission_matrix

from .conftest import make_idea_report, make_plan, make_projects

pytestmark = pytest.mark.django_db


def test_a_project_moves_along_the_stages_the_table_allows(quarter, staff):
    project = services.create_project(by=staff, quarter=quarter, title="Gemeinschaftsgarten")
    assert [a for a, _label in moves(staff, project)] == ["plan", "stop"]
    for action, stage in [
        ("plan", "planning"),
        ("apply", "funding_applied"),
        ("fund", "funded"),
        ("start", "running"),
        ("complete", "completed"),
    ]:
        project = services.move(project=project, by=staff, action=action)
        assert project.stage == stage
    assert project.progress == 100
    with pytest.raises(InvalidTransition):
        services.move(project=project, by=staff, action="stop")
    assert PROJECT_FLOW.targets_from("planning") == {"funding_applied", "running", "stopped"}


def test_a_project_links_goals_of_its_own_quarter_only(quarter, other_quarter, staff, user_with_role):
    plan = make_plan(quarter, staff)
    goal = Goal.objects.get(field_of_action__plan=plan)
    project = services.create_project(by=staff, quarter=quarter, title="Garten", goals=[goal])
    assert list(project.goals.all()) == [goal]
    other_staff = user_with_role("staff", other_quarter)
    other_plan = make_plan(other_quarter, other_staff)
    with pytest.raises(Exception):
        services.create_project(
            by=staff, quarter=quarter, title="X", goals=[Goal.objects.get(field_of_action__plan=other_plan)]
        )
    with pytest.raises(NotAllowed):
        services.create_project(by=other_staff, quarter=quarter, title="X")


def test_a_project_from_a_report_links_both_ways(client, login_as, quarter, staff):
    report = make_idea_report(quarter, staff)
    login_as(staff)
    page = client.get(reverse("planning:staff_projects", args=[quarter.slug])).content.decode()
    url = reverse("planning:staff_from_report", args=[quarter.slug, report.pk])
    assert url in page
    response = client.post(url)
    project = Project.objects.get(report=report)
    assert response.url == reverse("planning:staff_project", args=[project.pk])
    report.refresh_from_db()
    assert report.project_reference == project.get_absolute_url()
    assert project.title.startswith("Grünflächen: Ein Gemeinschaftsgarten")
    # Both sides show the link.
    report_page = client.get(reverse("reports:staff_detail", args=[quarter.slug, report.pk])).content.decode()
    assert f'href="{project.get_absolute_url()}"' in report_page
    project_page = client.get(reverse("planning:staff_project", args=[project.pk])).content.decode()
    assert reverse("reports:staff_detail", args=[quarter.slug, report.pk]) in project_page
    with pytest.raises(Conflict):
        services.create_from_report(report=report, by=staff)


def test_the_board_moves_a_card_with_a_button(client, login_as, quarter, staff):
    project = services.create_project(by=staff, quarter=quarter, title="Gemeinschaftsgarten")
    login_as(staff)
    page = client.get(reverse("planning:staff_board", args=[quarter.slug])).content.decode()
    assert 'name="action" value="plan"' in page and 'name="action" value="fund"' not in page
    response = client.post(
        reverse("planning:staff_move", args=[project.pk]), {"action": "plan", "next": "board"}
    )
    assert response.url.endswith(f"#card-{project.pk}")
    project.refresh_from_db()
    assert project.stage == "planning"
    # A move the table does not allow from here changes nothing.
    client.post(reverse("planning:staff_move", args=[project.pk]), {"action": "complete"})
    project.refresh_from_db()
    assert project.stage == "planning"


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_board_and_lists_cost_the_same_for_3_and_30_projects(client, login_as, quarter, other_quarter, staff):
    login_as(staff)
    make_projects(quarter, staff, 3)
    urls = [
        reverse("planning:staff_board", args=[quarter.slug]),
        reverse("planning:staff_projects", args=[quarter.slug]),
        reverse("planning:project_list", args=[quarter.slug]),
        reverse("planning:project_list", args=[quarter.slug]) + "?stage=idea&q=Projekt",
    ]
    small = [_queries(client, url) for url in urls]
    make_projects(quarter, staff, 27, stage="running")
    make_projects(quarter, staff, 3, stage="planning")
    assert [_queries(client, url) for url in urls] == small


def test_the_public_page_shows_progress_and_the_list_filters(client, quarter, staff):
    project = services.create_project(
        by=staff, quarter=quarter, title="Gemeinschaftsgarten", place="Ringstraße"
    )
    services.update_project(
        project=project, by=staff, title="Gemeinschaftsgarten", place="Ringstraße", progress=40
    )
    page = client.get(reverse("planning:project", args=[project.pk])).content.decode()
    assert 'value="40"' in page and "Ringstraße" in page
    listing = client.get(
        reverse("planning:project_list", args=[quarter.slug]) + "?stage=running"
    ).content.decode()
    assert "Gemeinschaftsgarten" not in listing
    listing = client.get(
        reverse("planning:project_list", args=[quarter.slug]) + "?stage=idea"
    ).content.decode()
    assert "Gemeinschaftsgarten" in listing


@permission_matrix(
    {
        "anonymous": (True, False, False),
        "resident": (True, False, False),
        "actor_representative": (True, False, False),
        "award_team": (True, False, False),
        "staff": (True, True, True),
        "staff_other_quarter": (True, False, False),
        "city_staff": (True, True, False),
        "city_staff_other_city": (True, False, False),
        "admin": (True, True, True),
    }
)
def test_who_sees_and_moves_projects(role, allowed, user_with_role, quarter, staff, client, login_as):
    public, board, move = allowed
    project = services.create_project(by=staff, quarter=quarter, title="Gemeinschaftsgarten")
    user = user_with_role(role)
    login_as(user)
    assert (client.get(reverse("planning:project", args=[project.pk])).status_code == 200) is public
    assert (client.get(reverse("planning:staff_board", args=[quarter.slug])).status_code == 200) is board
    assert (client.get(reverse("planning:staff_project", args=[project.pk])).status_code == 200) is board
    client.post(reverse("planning:staff_move", args=[project.pk]), {"action": "plan"})
    project.refresh_from_db()
    assert (project.stage == "planning") is move
    assert PROJECT_FLOW.can(user, project, "stop") is move
