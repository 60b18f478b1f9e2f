"""A NUL character anywhere in what the API is sent is dropped before any view or query runs, as the web
forms' text cleaning drops it: never a PostgreSQL error (nor a 500), and text is stored without it.

PostgreSQL refuses NUL in text values; these run on SQLite and on PostgreSQL alike.
"""

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, login_as, user_with_role):
    return login_as(user_with_role("staff"))


def test_a_quarter_that_is_only_a_nul_names_no_quarter(staff_client, quarter):
    response = staff_client.get("/api/v1/reports/categories", {"quarter": "\x00"})
    assert response.status_code in (400, 404), response.content


def test_a_nul_inside_the_quarter_is_dropped(staff_client, quarter):
    slug = quarter.slug[:2] + "\x00" + quarter.slug[2:]
    response = staff_client.get("/api/v1/reports/categories", {"quarter": slug})
    assert response.status_code == 200, response.content


def test_report_categories_still_answer_a_plain_quarter(staff_client, quarter):
    assert staff_client.get("/api/v1/reports/categories", {"quarter": quarter.slug}).status_code == 200


@pytest.mark.parametrize(
    ("body", "stored"),
    [
        ({"name": "AG\x00Spielplatz"}, {"name": "AGSpielplatz"}),
        ({"name": "AG", "purpose": "Spiel\x00platz"}, {"name": "AG", "purpose": "Spielplatz"}),
    ],
)
def test_group_creation_stores_text_without_the_nul(staff_client, quarter, body, stored):
    from quartierwerk.actors.models import Group

    payload = json.dumps({"quarter": quarter.slug, **body})
    response = staff_client.post("/api/v1/actors/groups", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    group = Group.objects.get()
    for field, value in stored.items():
        assert getattr(group, field) == value


def test_nested_values_and_keys_lose_their_nul_before_validation(staff_client, quarter):
    payload = json.dumps(
        {"quarter": quarter.slug, "name": "AG", "extra": {"deep": ["ok", "n\x00"]}, "\x00k": 1}
    )
    response = staff_client.post("/api/v1/actors/groups", payload, content_type="application/json")
    assert response.status_code in (201, 422), response.content
    assert b"\\u0000" not in response.content


def test_group_creation_with_a_quarter_that_is_only_a_nul_is_refused(staff_client, quarter):
    from quartierwerk.actors.models import Group

    payload = json.dumps({"quarter": "\x00", "name": "AG"})
    response = staff_client.post("/api/v1/actors/groups", payload, content_type="application/json")
    assert 400 <= response.status_code < 500, response.content
    assert not Group.objects.exists()


def test_group_creation_without_nul_still_works(staff_client, quarter):
    payload = json.dumps({"quarter": quarter.slug, "name": "AG Spielplatz"})
    response = staff_client.post("/api/v1/actors/groups", payload, content_type="application/json")
    assert response.status_code == 201, response.content


def test_a_body_that_is_not_json_is_still_a_plain_400(staff_client, quarter):
    response = staff_client.post("/api/v1/actors/groups", "{nope", content_type="application/json")
    assert response.status_code == 400
    assert "field" not in response.json()


def test_the_parser_drops_nul_everywhere():
    from quartierwerk.core.api_parser import without_nul

    assert without_nul({"a\x00": ["x\x00y", {"k": "\x00"}], "n": 1}) == {"a": ["xy", {"k": ""}], "n": 1}
