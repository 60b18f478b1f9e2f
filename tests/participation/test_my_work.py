""" "My work": a resident sees their ideas with the office's answer and the surveys they answered; the office
sees its processes with ideas to answer and flagged comments; a fixed number of queries for 3 and 30 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartierwerk.participation import services
from quartierwerk.participation.models import Comment

from .conftest import make_idea
from .test_surveys import _survey_process

pytestmark = pytest.mark.django_db
API = "/api/v1/me/work"


def _section(client, key):
    data = client.get(API).json()
    return next((s for s in data["sections"] if s["key"] == key), None)


def test_a_resident_sees_their_ideas_and_answers(process, quarter, staff, user_with_role, client, login_as):
    resident = user_with_role("resident")
    answered = make_idea(process, title="Trinkbrunnen", author=resident)
    services.answer_idea(idea=answered, by=staff, action="take_up", answer="Kommt.")
    make_idea(process, 1, title="Fremde Idee", author=user_with_role("resident"))
    _p, phase, questions = _survey_process(quarter, staff)
    services.surveys.answer_survey(phase=phase, user=resident, answers={questions[0].pk: 1})
    login_as(resident)
    section = _section(client, "participation")
    labels = [i["label"] for i in section["items"]]
    assert "Trinkbrunnen" in labels and "Fremde Idee" not in labels and "Umfrage zum Park" in labels
    for item in section["items"]:
        assert client.get(item["url"]).status_code == 200
    assert _section(client, "participation_office") is None


@pytest.mark.parametrize(
    "role, sees", [("staff", True), ("city_staff", True), ("staff_other_quarter", False)]
)
def test_the_office_sees_processes_with_ideas_to_answer_and_flags(
    role, sees, process, user_with_role, client, login_as
):
    idea = make_idea(process)
    Comment.objects.create(idea=idea, text="frech", flag_count=2)
    login_as(user_with_role(role))
    section = _section(client, "participation_office")
    if not sees:
        assert section is None
        return
    [item] = section["items"]
    assert (
        item["label"] == process.title
        and item["needs_you"]
        and "1" in item["detail"]
        and "2" not in item["label"]
    )
    assert client.get(item["url"]).status_code == 200


@pytest.mark.parametrize("role", ["resident", "staff"])
def test_my_work_costs_the_same_for_3_and_30_ideas(
    role, process, quarter, staff, user_with_role, client, login_as
):
    user = staff if role == "staff" else user_with_role("resident")
    login_as(user)

    def add(n, start):
        for i in range(start, start + n):
            idea = make_idea(process, i, author=None if role == "staff" else user)
            Comment.objects.create(idea=idea, text="x", flag_count=1)

    def queries():
        client.get(API)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(API).status_code == 200
        return len(ctx.captured_queries)

    add(3, 0)
    few = queries()
    add(27, 3)
    assert queries() == few
