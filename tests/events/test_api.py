"""The JSON API: lists and details, planning, registration and cancellation, tasks; bad input answered clearly."""

import json

import pytest

from quartierwerk.events import services
from quartierwerk.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def api_staff(client, user_with_role):
    from quartierwerk.core.models import ApiToken

    user = user_with_role("staff")
    _token, key = ApiToken.issue(user, "test")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return user


def event_payload(quarter, **extra):
    return {
        "quarter": quarter.slug if quarter else None,
        "title": "Zukunftswerkstatt <script>x</script>",
        "kind": "workshop",
        "starts_at": "2030-05-04T17:00:00+02:00",
        "ends_at": "2030-05-04T20:00:00+02:00",
        "registration_required": True,
        "capacity": 1,
        "questions": ["Essenswünsche"],
        **extra,
    }


def test_staff_plans_an_event_through_the_api(client, api_staff, quarter):
    response = post(client, "/api/v1/events/", event_payload(quarter))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Zukunftswerkstatt"
    assert body["uid"] == f"event-{body['id']}@127.0.0.1"
    event = Event.objects.get(pk=body["id"])
    assert event.questions.get().text == "Essenswünsche"


@pytest.mark.parametrize(
    "change, status",
    [
        ({"starts_at": "morgen"}, 422),
        ({"capacity": 0}, 422),
        ({"kind": "party"}, 422),
        ({"ends_at": "2030-05-04T16:00:00+02:00"}, 400),
        ({"online_url": "javascript:alert(1)"}, 400),
        ({"quarter": "nirgendwo"}, 404),
    ],
)
def test_bad_event_input_is_refused(client, api_staff, quarter, change, status):
    response = post(client, "/api/v1/events/", {**event_payload(quarter), **change})
    assert response.status_code == status, response.content
    assert "detail" in response.json()
    assert not Event.objects.exists()


def test_residents_may_not_plan_events(client, login_as, user_with_role, quarter):
    login_as(user_with_role("resident"))
    response = post(client, "/api/v1/events/", event_payload(quarter))
    assert response.status_code in (401, 403)
    assert not Event.objects.exists()


def test_register_join_waiting_list_and_cancel_with_the_token(client, make_event):
    event = make_event("Kurs", registration_required=True, capacity=1)
    first = post(
        client, f"/api/v1/events/{event.pk}/registrations", {"name": "Ana", "email": "ana@test.example"}
    )
    assert first.status_code == 201 and first.json() == {"status": "confirmed", "waiting_position": None}
    second = post(
        client, f"/api/v1/events/{event.pk}/registrations", {"name": "Ben", "email": "ben@test.example"}
    )
    assert second.json() == {"status": "waiting", "waiting_position": 1}
    dup = post(
        client, f"/api/v1/events/{event.pk}/registrations", {"name": "Ana", "email": "ANA@test.example"}
    )
    assert dup.status_code == 409 and "bereits angemeldet" in dup.json()["detail"]
    bad = post(client, f"/api/v1/events/{event.pk}/registrations", {"name": "Ana"})
    assert bad.status_code == 422
    token = services.cancel_token(Registration.objects.get(email="ana@test.example"))
    cancel = post(client, "/api/v1/events/registrations/cancel", {"token": token})
    assert cancel.status_code == 200 and cancel.json()["status"] == "cancelled"
    assert Registration.objects.get(email="ben@test.example").status == "confirmed"
    assert post(client, "/api/v1/events/registrations/cancel", {"token": "nonsense"}).status_code == 404
    again = post(client, "/api/v1/events/registrations/cancel", {"token": token})
    assert again.status_code == 400


def test_detail_shows_places_left_but_no_names(client, make_event):
    event = make_event("Kurs", registration_required=True, capacity=3)
    services.register(event=event, name="Heimlich", email="h@test.example")
    body = client.get(f"/api/v1/events/{event.pk}").json()
    assert body["places_left"] == 2
    assert "Heimlich" not in json.dumps(body)


def test_list_filters_and_window(client, make_event):
    make_event("Workshop", kind="workshop", childcare=True)
    make_event("Fest", kind="festival", languages=["de", "ar"])
    assert [r["title"] for r in client.get("/api/v1/events/?kind=workshop").json()["items"]] == ["Workshop"]
    assert [r["title"] for r in client.get("/api/v1/events/?language=ar").json()["items"]] == ["Fest"]
    assert [r["title"] for r in client.get("/api/v1/events/?childcare=true").json()["items"]] == ["Workshop"]
    assert client.get("/api/v1/events/?start=2030-01-01&end=2020-01-01").status_code == 400
    assert client.get("/api/v1/events/?start=kaputt").status_code == 422


def test_cancel_event_through_the_api(client, api_staff, public_event):
    response = post(client, f"/api/v1/events/{public_event.pk}/cancel", {"reason": "Sturmwarnung"})
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled" and response.json()["sequence"] == 1
    assert post(client, f"/api/v1/events/{public_event.pk}/cancel", {"reason": "nochmal"}).status_code == 400


def test_tasks_api(client, login_as, session_event, chair_user, members, user_with_role):
    task = services.add_action_item(
        by=chair_user, event=session_event, title="Plakat", assignee_person=members[0]
    )
    login_as(chair_user)
    body = client.get("/api/v1/events/tasks/mine").json()
    assert [i["title"] for i in body["items"]] == ["Plakat"] and body["items"][0]["group"] == "AG Grün"
    ok = post(client, f"/api/v1/events/tasks/{task.pk}/status", {"status": "in_progress"})
    assert ok.status_code == 200 and ok.json()["status"] == "in_progress"
    assert post(client, f"/api/v1/events/tasks/{task.pk}/status", {"status": "kaputt"}).status_code == 422
    login_as(user_with_role("resident"))
    assert post(client, f"/api/v1/events/tasks/{task.pk}/status", {"status": "done"}).status_code == 403


def test_chair_runs_a_session_through_the_api(
    client, login_as, session_event, chair_user, members, user_with_role
):
    login_as(chair_user)
    base = f"/api/v1/events/{session_event.pk}"
    assert post(client, f"{base}/agenda", {"title": "Hof"}).status_code == 201
    item = session_event.agenda_items.get()
    att = post(client, f"{base}/attendance", {"statuses": {str(p.pk): "present" for p in members}})
    assert att.status_code == 200 and att.json()["present"] == 4 and att.json()["quorum_reached"]
    bad = post(client, f"{base}/attendance", {"statuses": {str(members[0].pk): "vielleicht"}})
    assert bad.status_code == 422
    written = client.put(
        f"{base}/minutes",
        json.dumps({"notes": "N", "items": {str(item.pk): {"decision": "Ja", "votes_yes": 4}}}),
        content_type="application/json",
    )
    assert written.status_code == 200 and written.json()["items"][0]["decision"] == "Ja"
    task = post(
        client, f"{base}/tasks", {"title": "Erde", "person_id": members[1].pk, "agenda_item_id": item.pk}
    )
    assert task.status_code == 201 and task.json()["group"] == "AG Grün"
    released = post(client, f"{base}/minutes/release", {})
    assert released.status_code == 200 and released.json()["status"] == "released"
    assert post(client, f"{base}/minutes/release", {}).status_code == 400
    login_as(user_with_role("resident"))
    assert post(client, f"{base}/agenda", {"title": "Fremd"}).status_code == 403


@pytest.mark.parametrize(
    "role, status", [("city_staff", 201), ("admin", 201), ("staff", 403), ("resident", 403)]
)
def test_city_wide_events(client, login_as, user_with_role, city, role, status):
    login_as(user_with_role(role))
    payload = {
        **event_payload(None),
        "quarter": None,
        "city": city.slug,
        "title": "Stadtteilgespräch Gesamtstadt",
    }
    response = post(client, "/api/v1/events/", payload)
    assert response.status_code == status, response.content
    if status == 201:
        event = Event.objects.get()
        assert event.quarter is None and event.city == city
        assert event.get_absolute_url() == f"/events/{event.pk}/"
        assert client.get(event.get_absolute_url()).status_code == 200
        assert (
            "Stadtteilgespräch Gesamtstadt"
            in client.get("/events/?view=month&month=2030-05").content.decode()
        )


def test_openapi_schema_lists_the_events_endpoints(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/events/",
        "/api/v1/events/{event_id}",
        "/api/v1/events/{event_id}/minutes",
        "/api/v1/events/{event_id}/registrations",
        "/api/v1/events/tasks/mine",
    ):
        assert path in paths, path


def test_change_and_postpone_through_the_api(client, api_staff, make_event):
    event = make_event("Kurs", registration_required=True, capacity=1)
    services.register(event=event, name="A", email="a@test.example")
    services.register(event=event, name="B", email="b@test.example")
    patch = client.patch(
        f"/api/v1/events/{event.pk}",
        json.dumps({"capacity": 2, "title": "Kurs (neu)"}),
        content_type="application/json",
    )
    assert patch.status_code == 200, patch.content
    assert patch.json()["title"] == "Kurs (neu)" and patch.json()["places_left"] == 0
    assert Registration.objects.get(email="b@test.example").status == "confirmed"
    bad = client.patch(
        f"/api/v1/events/{event.pk}",
        json.dumps({"ends_at": "2000-01-01T00:00:00+01:00"}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    moved = post(client, f"/api/v1/events/{event.pk}/postpone", {"reason": "Raum belegt"})
    assert moved.status_code == 200 and moved.json()["status"] == "postponed"
    assert moved.json()["sequence"] == 2


def test_residents_may_not_change_events(client, login_as, user_with_role, public_event):
    login_as(user_with_role("resident"))
    response = client.patch(
        f"/api/v1/events/{public_event.pk}",
        json.dumps({"title": "Gekapert"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    public_event.refresh_from_db()
    assert public_event.title == "Öffentliche Werkstatt"


def test_minutes_of_a_session_without_minutes_are_404_not_500(client, public_event):
    assert client.get(f"/api/v1/events/{public_event.pk}/minutes").status_code == 404
