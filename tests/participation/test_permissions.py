"""The role × phase matrix: what each role may do in each kind of phase, asked of the rule, the API and the
page; and who runs a process (its office pages)."""

import pytest
from django.urls import reverse

from quartierwerk.participation import rules
from tests.conftest import permission_matrix

from .conftest import KINDS, make_idea, run_phase

pytestmark = pytest.mark.django_db

PARTICIPANT = {
    "information": set(),
    "collecting": {"may_submit_idea", "may_comment", "may_support"},
    "commenting": {"may_comment", "may_support"},
    "prioritising": {"may_dot_vote"},
    "evaluation": set(),
    "results": set(),
}
# The office of the quarter answers in the discussion; it never brings in, supports or votes.
OFFICE = {kind: {"may_comment"} & flags for kind, flags in PARTICIPANT.items()}
NOTHING = {kind: set() for kind in KINDS}
# A printed code, in a browser without an account: only where the phase takes codes.
WITH_CODE = {**NOTHING, "collecting": PARTICIPANT["collecting"], "prioritising": {"may_dot_vote"}}


@permission_matrix(
    {
        "anonymous": NOTHING,
        "resident": PARTICIPANT,
        "actor_representative": PARTICIPANT,
        "award_team": PARTICIPANT,
        "staff": OFFICE,
        "staff_other_quarter": PARTICIPANT,
        "city_staff": NOTHING,
        "city_staff_other_city": PARTICIPANT,
        "admin": OFFICE,
    }
)
def test_what_each_role_may_do_in_each_phase(role, allowed, user_with_role, process, client, login_as):
    user = user_with_role(role)
    idea = make_idea(process)
    login_as(user)
    for kind in KINDS:
        phase = run_phase(process, kind)
        actions = rules.actions(user, phase)
        assert {flag for flag, yes in actions.items() if yes} == allowed[kind], kind
        # The API answers the same: an idea can be brought in, dots placed, only where the rule says so.
        response = client.post(
            f"/api/v1/participation/processes/{process.pk}/ideas",
            {"title": f"Idee {kind}", "text": "Text", "category": "play"},
            content_type="application/json",
        )
        expected = 201 if "may_submit_idea" in allowed[kind] else (401 if role == "anonymous" else 403)
        assert response.status_code == expected, (kind, response.content)
        response = client.put(
            f"/api/v1/participation/ideas/{idea.pk}/dots", {"points": 1}, content_type="application/json"
        )
        expected = 200 if "may_dot_vote" in allowed[kind] else (401 if role == "anonymous" else 403)
        assert response.status_code == expected, (kind, response.content)
        # The page shows the button only where the rule allows it.
        page = client.get(reverse("participation:idea", args=[process.pk, idea.pk])).content.decode()
        support_url = reverse("participation:support", args=[process.pk, idea.pk])
        assert (support_url in page) is ("may_support" in allowed[kind]), kind
        assert ('name="points"' in page) is ("may_dot_vote" in allowed[kind]), kind


def test_a_printed_code_allows_what_the_phase_takes_codes_for(process, staff, code_for):
    _raw, code = code_for(process, staff)
    from django.contrib.auth.models import AnonymousUser

    for kind in KINDS:
        phase = run_phase(process, kind)
        actions = rules.actions(AnonymousUser(), phase, code)
        assert {flag for flag, yes in actions.items() if yes} == WITH_CODE[kind], kind


def test_a_code_of_another_process_allows_nothing(process, quarter, staff, code_for):
    from django.contrib.auth.models import AnonymousUser

    from .conftest import make_process

    other = make_process(quarter)
    _raw, code = code_for(other, staff)
    phase = run_phase(process, "collecting")
    assert not any(rules.actions(AnonymousUser(), phase, code).values())


def test_a_draft_allows_nothing_and_is_hidden_from_the_public(process, user_with_role, client, login_as):
    process.status = "draft"
    process.save()
    phase = run_phase(process, "collecting")
    resident = user_with_role("resident")
    assert not any(rules.actions(resident, phase).values())
    login_as(resident)
    assert client.get(reverse("participation:process", args=[process.pk])).status_code == 404
    assert client.get(f"/api/v1/participation/processes/{process.pk}").status_code == 404
    login_as(user_with_role("staff"))
    assert client.get(reverse("participation:process", args=[process.pk])).status_code == 200


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
def test_who_runs_a_process_answers_moderates_and_prints_codes(
    role, allowed, user_with_role, process, client, login_as
):
    user = user_with_role(role)
    idea = make_idea(process)
    assert rules.can_run_process(user, process) is allowed
    assert rules.can_answer(user, idea) is allowed
    assert rules.can_print_codes(user, process) is allowed
    login_as(user)
    response = client.post(reverse("participation:staff_codes", args=[process.pk]), {"count": 2})
    assert response.status_code == (200 if allowed else (302 if role == "anonymous" else 403))
    response = client.post(
        f"/api/v1/participation/ideas/{idea.pk}/answer",
        {"action": "take_up", "answer": "Kommt in die Planung."},
        content_type="application/json",
    )
    assert response.status_code == (200 if allowed else (401 if role == "anonymous" else 403))
    idea.refresh_from_db()
    assert (idea.status == "taken_up") is allowed


def test_city_staff_read_the_office_pages_of_their_city_but_do_not_run_a_quarters_process(
    user_with_role, process, client, login_as
):
    login_as(user_with_role("city_staff"))
    assert client.get(reverse("participation:staff_process", args=[process.pk])).status_code == 200
    assert client.get(reverse("participation:staff_codes", args=[process.pk])).status_code == 403


def test_city_staff_run_a_citywide_process(user_with_role, quarter):
    from quartierwerk.participation.models import Process

    citywide = Process(city=quarter.city, quarter=None, title="Stadtweit", goal="Ziel")
    assert rules.can_run_process(user_with_role("city_staff"), citywide)
    assert not rules.can_run_process(user_with_role("city_staff_other_city"), citywide)
    assert not rules.can_run_process(user_with_role("staff"), citywide)
