"""A NUL character anywhere in what the API is sent is a 400 naming the parameter, never a query (nor a 500).

PostgreSQL refuses NUL in text values; these run on SQLite and on PostgreSQL alike.
"""

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, login_as, user_with_role):
    return login_as(user_with_role("staff"))


@pytest.mark.parametrize("slug", ["\x00", "gruen\x00au"])
def test_report_categories_refuse_a_nul_in_the_quarter(staff_client, quarter, slug):
    response = staff_client.get("/api/v1/reports/categories", {"quarter": slug})
    assert response.status_code == 400
    assert response.json()["field"] == "quarter"
    assert "NUL" in response.json()["detail"]


def test_report_categories_still_answer_a_plain_quarter(staff_client, quarter):
    assert staff_client.get("/api/v1/reports/categories", {"quarter": quarter.slug}).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "AG\x00Spielplatz"}, "name"),
        ({"name": "AG", "purpose": "\x00"}, "purpose"),
        ({"name": "AG", "extra": {"deep": ["ok", "n\x00"]}}, "extra.deep.1"),
        ({"name": "AG", "\x00key": 1}, "key"),
    ],
)
def test_group_creation_refuses_a_nul_in_the_body(staff_client, quarter, body, field):
    from quartierwerk.actors.models import Group

    payload = json.dumps({"quarter": quarter.slug, **body})
    response = staff_client.post("/api/v1/actors/groups", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert not Group.objects.exists()


def test_group_creation_refuses_a_nul_in_the_quarter(staff_client, quarter):
    payload = json.dumps({"quarter": "\x00", "name": "AG"})
    response = staff_client.post("/api/v1/actors/groups", payload, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == "quarter"


def test_group_creation_without_nul_still_works(staff_client, quarter):
    payload = json.dumps({"quarter": quarter.slug, "name": "AG Spielplatz"})
    response = staff_client.post("/api/v1/actors/groups", payload, content_type="application/json")
    assert response.status_code == 201, response.content


def test_a_body_that_is_not_json_is_still_a_plain_400(staff_client, quarter):
    response = staff_client.post("/api/v1/actors/groups", "{nope", content_type="application/json")
    assert response.status_code == 400
    assert "field" not in response.json()


def test_the_refusal_is_said_in_german_first(staff_client, quarter):
    response = staff_client.get("/api/v1/reports/categories", {"quarter": "\x00"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.json()["detail"] == "Der Wert darf kein NUL-Zeichen enthalten."
