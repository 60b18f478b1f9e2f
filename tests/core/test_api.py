from quartierwerk.core.models import ApiToken, AuditEntry
from tests.conftest import create_user


def test_quarters_list_and_detail_with_geojson_boundary(
    client, quarter, other_quarter, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        data = client.get("/api/v1/quarters").json()
    assert {q["slug"] for q in data} == {quarter.slug, other_quarter.slug}
    detail = client.get(f"/api/v1/quarters/{quarter.slug}").json()
    assert detail["boundary"]["type"] == "Feature"
    assert detail["boundary"]["geometry"]["type"] == "Polygon"
    assert client.get("/api/v1/quarters/nirgendwo").status_code == 404


def test_openapi_schema_and_docs_are_served_without_third_party_assets(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/quarters" in schema["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in docs and "https://" not in docs.split("<body")[0]


def test_token_authentication_and_revocation(client, db):
    user = create_user("anna@test.example")
    token, key = ApiToken.issue(user, "Skript")
    assert client.get("/api/v1/me").status_code == 401
    ok = client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})
    assert ok.status_code == 200 and ok.json()["email"] == "anna@test.example"
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer qw_falsch"}).status_code == 401
    token.revoked_at = token.created_at
    token.save()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_wrong_token_on_public_endpoint_is_refused_not_downgraded(client, quarter):
    assert client.get("/api/v1/quarters", headers={"Authorization": "Bearer qw_falsch"}).status_code == 401


def test_session_authentication(client, db):
    user = create_user("anna@test.example")
    client.force_login(user)
    assert client.get("/api/v1/me").json()["email"] == "anna@test.example"


def test_capabilities_follow_the_rules(client, quarter, user_with_role, login_as):
    login_as(user_with_role("staff"))
    assert client.get(f"/api/v1/quarters/{quarter.slug}/capabilities").json()["view_dashboard"] is True
    login_as(user_with_role("resident"))
    assert client.get(f"/api/v1/quarters/{quarter.slug}/capabilities").json()["view_dashboard"] is False


def test_token_page_issues_and_revokes(client, db):
    user = create_user("anna@test.example")
    client.force_login(user)
    response = client.post("/account/tokens/", {"name": "Skript"})
    key = response.context["key"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    token = ApiToken.objects.get(user=user)
    assert token.key_hash != key and key not in str(token.__dict__)
    client.post(f"/account/tokens/{token.pk}/revoke/")
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    assert AuditEntry.objects.filter(
        actor=user, action="core.api_token_revoked", target_id=str(token.pk)
    ).exists()
    # Revoking twice is refused, not recorded twice.
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert AuditEntry.objects.filter(action="core.api_token_revoked").count() == 1
