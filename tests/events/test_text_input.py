"""Event registration: answers and names cleaned once when stored; a lone surrogate is never a 500."""

import json

import pytest

from quartierwerk.events.models import EventQuestion, Registration

pytestmark = pytest.mark.django_db


def test_controls_in_a_registration_are_stored_cleaned_and_a_surrogate_refused(client, make_event):
    event = make_event("Kurs", registration_required=True, capacity=5)
    question = EventQuestion.objects.create(event=event, text="Essen")
    r = client.post(
        f"/api/v1/events/{event.pk}/registrations",
        json.dumps(
            {
                "name": "Ana\x00\nLima",
                "email": "ana@test.example",
                "answers": {str(question.pk): "vegan\u000b"},
            }
        ),
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    registration = Registration.objects.get()
    assert registration.name == "Ana Lima"
    assert registration.answers == {str(question.pk): "vegan"}


def test_a_lone_surrogate_in_an_email_is_refused(client, make_event):
    event = make_event("Kurs", registration_required=True, capacity=5)
    r = client.post(
        f"/api/v1/events/{event.pk}/registrations",
        json.dumps({"name": "Ana", "email": "ana\ud800@test.example"}),
        content_type="application/json",
    )
    assert r.status_code == 422
    assert not Registration.objects.exists()


def test_the_service_drops_a_lone_surrogate(make_event):
    from quartierwerk.events import services

    event = make_event("Kurs", registration_required=True, capacity=5)
    question = EventQuestion.objects.create(event=event, text="Essen")
    registration = services.register(
        event=event, name="Ana\ud800", email="ana@test.example", answers={str(question.pk): "vegan\ud800"}
    )
    assert registration.name == "Ana" and registration.answers == {str(question.pk): "vegan"}


@pytest.mark.parametrize("field", ["name", "answers"])
def test_a_surrogate_through_the_api_is_a_clear_422(client, make_event, field):
    event = make_event("Kurs", registration_required=True, capacity=5)
    question = EventQuestion.objects.create(event=event, text="Essen")
    data = {"name": "Ana", "email": "ana@test.example", "answers": {str(question.pk): "vegan"}}
    data[field] = "Ana\ud800" if field == "name" else {str(question.pk): "vegan\ud800"}
    r = client.post(
        f"/api/v1/events/{event.pk}/registrations", json.dumps(data), content_type="application/json"
    )
    assert r.status_code == 422
    assert not Registration.objects.exists()


def test_unknown_or_too_many_languages_are_a_clear_400_not_a_column_overflow(client, quarter, user_with_role):
    from quartierwerk.core.models import ApiToken
    from quartierwerk.events.models import Event

    _token, key = ApiToken.issue(user_with_role("staff"), "test")
    data = {
        "quarter": quarter.slug,
        "title": "Fest",
        "starts_at": "2030-05-04T17:00:00+02:00",
        "ends_at": "2030-05-04T20:00:00+02:00",
        "languages": [f"sprache-{i}" for i in range(40)],
    }
    r = client.post(
        "/api/v1/events/",
        json.dumps(data),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert r.status_code == 400 and r.json()["field"] == "languages"
    assert not Event.objects.exists()
