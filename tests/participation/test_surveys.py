"""Surveys as a phase: the office writes questions, each person or printed code answers once (the database
says so), the results page counts the answers, and free texts are public only once the office shows them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartierwerk.core import clock
from quartierwerk.core.errors import Conflict, DomainError, NotAllowed
from quartierwerk.participation import rules, selectors
from quartierwerk.participation.models import Phase, SurveyAnswer, SurveyResponse
from quartierwerk.participation.services import surveys
from tests.conftest import permission_matrix, run_concurrently

from .conftest import make_process

pytestmark = pytest.mark.django_db


def _survey_process(quarter, staff):
    """A published process whose running phase is a survey with one question of each kind."""
    process = make_process(quarter, kinds=("information",))
    today = clock.today()
    Phase.objects.filter(process=process).update(
        starts_on=today - timedelta(days=20), ends_on=today - timedelta(days=11)
    )
    phase = Phase.objects.create(
        process=process,
        kind="survey",
        title="Umfrage zum Park",
        starts_on=today - timedelta(days=2),
        ends_on=today + timedelta(days=7),
    )
    phase.process = process
    single = surveys.save_question(
        phase=phase,
        by=staff,
        kind="single",
        text="Wie oft sind Sie im Park?",
        choices=["täglich", "wöchentlich", "selten"],
        required=True,
    )
    multiple = surveys.save_question(
        phase=phase, by=staff, kind="multiple", text="Was fehlt?", choices=["Bänke", "Schatten", "Toiletten"]
    )
    scale = surveys.save_question(
        phase=phase, by=staff, kind="scale", text="Wie zufrieden sind Sie?", scale_max=5
    )
    text = surveys.save_question(phase=phase, by=staff, kind="text", text="Was möchten Sie noch sagen?")
    return process, phase, (single, multiple, scale, text)


@pytest.fixture
def survey(quarter, staff):
    return _survey_process(quarter, staff)


def _post(q):
    single, multiple, scale, text = q
    return {
        f"q_{single.pk}": "1",
        f"q_{multiple.pk}": ["0", "2"],
        f"q_{scale.pk}": "4",
        f"q_{text.pk}": "Mehr Schatten am Spielplatz",
    }


@permission_matrix(
    {
        "anonymous": False,
        "resident": True,
        "actor_representative": True,
        "award_team": True,
        "staff": False,
        "staff_other_quarter": True,
        "city_staff": False,
        "city_staff_other_city": True,
        "admin": False,
    }
)
def test_who_answers_a_survey(role, allowed, survey, user_with_role, client, login_as):
    process, phase, questions = survey
    user = user_with_role(role)
    assert rules.may("may_answer_survey", user, phase) is allowed
    login_as(user)
    url = reverse("participation:survey", args=[process.pk, phase.pk])
    response = client.post(url, _post(questions))
    assert response.status_code == (302 if allowed else 403)
    assert SurveyResponse.objects.count() == (1 if allowed else 0)
    # The process page offers the survey where the rule allows it.
    assert (url in client.get(reverse("participation:process", args=[process.pk])).content.decode()) is (
        allowed or role == "anonymous"
    )


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
def test_who_writes_questions_and_moderates_answers(role, allowed, survey, user_with_role, client, login_as):
    process, phase, _questions = survey
    login_as(user_with_role(role))
    url = reverse("participation:staff_survey", args=[process.pk, phase.pk])
    response = client.post(url, {"action": "add", "kind": "text", "text": "Noch etwas?"})
    assert response.status_code == (302 if allowed else (302 if role == "anonymous" else 403))
    assert phase.questions.filter(text="Noch etwas?").exists() is allowed
    if allowed:
        assert client.get(url).status_code == 200


def test_one_answer_per_person_and_per_code(survey, user_with_role, staff, code_for, client, login_as):
    process, phase, questions = survey
    resident = user_with_role("resident")
    answers = {q.pk: v for q, v in zip(questions, (0, [1], 3, "Gut"), strict=True)}
    surveys.answer_survey(phase=phase, user=resident, answers=answers)
    with pytest.raises(Conflict):
        surveys.answer_survey(phase=phase, user=resident, answers=answers)
    _raw, code = code_for(process, staff)
    surveys.answer_survey(phase=phase, user=AnonymousUser(), code=code, answers=answers)
    with pytest.raises(Conflict):
        surveys.answer_survey(phase=phase, user=AnonymousUser(), code=code, answers=answers)
    assert SurveyResponse.objects.count() == 2
    # The page says so instead of showing the form again.
    login_as(resident)
    page = client.get(reverse("participation:survey", args=[process.pk, phase.pk])).content.decode()
    assert "already" in page or "bereits" in page


def test_answers_are_checked(survey, user_with_role):
    _process, phase, (single, multiple, scale, text) = survey
    resident = user_with_role("resident")
    for bad in ({single.pk: 7}, {single.pk: 0, scale.pk: 9}, {single.pk: 0, multiple.pk: [5]}, {scale.pk: 3}):
        with pytest.raises(DomainError):
            surveys.answer_survey(phase=phase, user=resident, answers=bad)
    assert not SurveyResponse.objects.exists()
    with pytest.raises(DomainError):
        surveys.save_question(
            phase=phase, by=user_with_role("staff"), kind="single", text="Nur eine?", choices=["a"]
        )
    with pytest.raises(NotAllowed):
        surveys.save_question(phase=phase, by=resident, kind="text", text="Frage")


def test_results_count_answers_and_show_free_texts_once_let_through(
    survey, user_with_role, staff, client, login_as
):
    process, phase, questions = survey
    single, multiple, scale, text = questions
    for i in range(3):
        surveys.answer_survey(
            phase=phase,
            user=user_with_role("resident"),
            answers={single.pk: i % 2, multiple.pk: [0, 2], scale.pk: 4, text.pk: f"Text {i}"},
        )
    results = selectors.survey_results(process)[0]
    assert results["respondents"] == 3
    rows = {r["question"].pk: r for r in results["questions"]}
    assert [o["count"] for o in rows[single.pk]["options"]] == [2, 1, 0]
    assert [o["count"] for o in rows[multiple.pk]["options"]] == [3, 0, 3]
    assert [o["count"] for o in rows[scale.pk]["options"]] == [0, 0, 0, 3, 0]
    assert rows[text.pk]["texts"] == []
    page = client.get(reverse("participation:results", args=[process.pk])).content.decode()
    assert "Text 0" not in page and "täglich" in page
    # The office lets one text through and keeps another off.
    login_as(staff)
    url = reverse("participation:staff_survey", args=[process.pk, phase.pk])
    first, second = SurveyAnswer.objects.filter(question=text).order_by("pk")[:2]
    assert "Text 1" in client.get(url).content.decode()
    client.post(url, {"action": "show", "answer": first.pk})
    client.post(url, {"action": "hide", "answer": second.pk})
    client.logout()
    page = client.get(reverse("participation:results", args=[process.pk])).content.decode()
    assert first.text in page and second.text not in page
    # Once answered, a question cannot be removed.
    with pytest.raises(Conflict):
        surveys.delete_question(question=single, by=staff)


def test_results_cost_the_same_for_3_and_30_answers(survey, user_with_role, client):
    process, phase, questions = survey
    single, multiple, scale, text = questions
    url = reverse("participation:results", args=[process.pk])

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def answer(n):
        for _ in range(n):
            response = surveys.answer_survey(
                phase=phase,
                user=user_with_role("resident"),
                answers={single.pk: 0, multiple.pk: [1], scale.pk: 2, text.pk: "Ja"},
            )
            SurveyAnswer.objects.filter(response=response, question=text).update(moderation="shown")

    answer(3)
    few = count()
    answer(27)
    assert count() == few


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_simultaneous_sends_by_one_person_count_once(quarter, user_with_role):
    _process, phase, questions = _survey_process(quarter, user_with_role("staff"))
    resident = user_with_role("resident")
    answers = {questions[0].pk: 0}

    def send(_i):
        try:
            surveys.answer_survey(
                phase=Phase.objects.select_related("process").get(pk=phase.pk), user=resident, answers=answers
            )
            return 1
        except Conflict:
            return 0

    results = run_concurrently(send, [(i,) for i in range(30)])
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    assert sum(r for r, _e in results) == 1 == SurveyResponse.objects.count()
