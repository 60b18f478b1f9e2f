"""The fund's JSON API: the private token for applicants, the same permission rules as the web, fixed query cost."""

import datetime
import json

from quartierwerk.fund import services
from tests.conftest import permission_matrix

API = "/api/v1/fund"


def post(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", headers=headers)


def patch(client, url, data, **headers):
    return client.patch(url, json.dumps(data), content_type="application/json", headers=headers)


def test_public_fund_and_projects(client, fund, categories):
    data = client.get(f"{API}/{fund.quarter.slug}/fund").json()
    assert data["budget"] == "10000.00" and data["remaining"] == "10000.00"
    assert [c["name"] for c in data["categories"]] == ["Baumaßnahmen", "Sonstige Projekte"]
    assert data["next_deadline"] == fund.rounds.first().deadline.isoformat()
    assert client.get(f"{API}/{fund.quarter.slug}/projects").json()["results"] == []
    assert client.get(f"{API}/nirgendwo/fund").status_code == 404


def test_applicant_applies_through_the_api_with_the_private_token(client, fund):
    r = post(
        client,
        f"{API}/{fund.quarter.slug}/applications",
        {"applicant_name": "Ute Sommer", "email": "ute@example.org"},
    )
    assert r.status_code == 201
    token = r.json()["token"]
    h = {"X-Application-Token": token}
    r = patch(
        client,
        f"{API}/application",
        {
            "title": "Lesecafé",
            "summary": "Vorlesen im Treff",
            "benefit": "Kinder im Quartier",
            "is_of_age": True,
            "cost_items": [
                {"description": "Bücher", "amount": "300"},
                {"description": "Kaffee", "amount": "abc"},
            ],
        },
        **h,
    )
    assert r.status_code == 400 and "ist kein Geldbetrag" in r.json()["detail"]
    r = patch(client, f"{API}/application", {"cost_items": [{"description": "Bücher", "amount": "-3"}]}, **h)
    assert r.status_code == 400
    r = patch(
        client,
        f"{API}/application",
        {
            "title": "Lesecafé",
            "summary": "Vorlesen im Treff",
            "benefit": "Kinder im Quartier",
            "is_of_age": True,
            "cost_items": [{"description": "Bücher", "amount": "300"}],
            "own_contribution": "50",
            "requested_amount": "300",
        },
        **h,
    )
    assert r.status_code == 400 and "geht nicht auf" in r.json()["detail"]
    assert client.get(f"{API}/application", headers=h).json()["requested_amount"] == "250.00"  # draft kept
    assert client.get(f"{API}/application/check", headers=h).json()["errors"] == []
    assert post(client, f"{API}/application/submit", {"consent": False}, **h).status_code == 400
    r = post(client, f"{API}/application/submit", {"consent": True}, **h)
    assert r.status_code == 200 and r.json()["reference"].startswith("VF-")
    from quartierwerk.core.models import OutboxMail

    confirmation = OutboxMail.objects.get(purpose="fund/mail/submitted")
    assert f"/fund/a/{h['X-Application-Token']}/" in confirmation.body  # the link the mail speaks of
    assert client.get(f"{API}/application", headers={"X-Application-Token": "nope" * 10}).status_code == 404


@permission_matrix(
    {
        "anonymous": 401,
        "resident": 403,
        "actor_representative": 403,
        "award_team": 200,
        "staff": 200,
        "staff_other_quarter": 403,
        "city_staff": 200,
        "city_staff_other_city": 403,
        "admin": 200,
    }
)
def test_who_reads_the_applications(
    role, allowed, client, login_as, user_with_role, seat, fund, make_application
):
    make_application("submitted")
    user = user_with_role(role)
    if role == "award_team":
        seat(user, with_role=False)
    login_as(user)
    r = client.get(f"{API}/{fund.quarter.slug}/applications")
    assert r.status_code == allowed
    if allowed == 200:
        assert len(r.json()["results"]) == 1


@permission_matrix(
    {
        "anonymous": 401,
        "resident": 403,
        "actor_representative": 403,
        "award_team": 403,
        "staff": 200,
        "staff_other_quarter": 403,
        "city_staff": 403,
        "city_staff_other_city": 403,
        "admin": 200,
    }
)
def test_who_requests_changes(role, allowed, client, login_as, user_with_role, seat, fund, make_application):
    application = make_application("submitted")
    user = user_with_role(role)
    if role == "award_team":
        seat(user, with_role=False)
    login_as(user)
    r = post(client, f"{API}/applications/{application.pk}/request-changes", {"message": "Bitte Kostenplan"})
    assert r.status_code == allowed
    application.refresh_from_db()
    assert (application.status == "changes_requested") is (allowed == 200)


def test_staff_decide_and_pay_through_the_api(client, login_as, staff, fund, make_application):
    login_as(staff)
    application = make_application("complete", amounts=("400.00",))
    r = post(client, f"{API}/applications/{application.pk}/decide", {"outcome": "approved", "reasons": "gut"})
    assert r.status_code == 200 and r.json()["amount"] == "400.00"
    r = post(
        client, f"{API}/applications/{application.pk}/payouts", {"amount": "500", "paid_on": "2026-05-01"}
    )
    assert r.status_code == 409
    r = post(
        client, f"{API}/applications/{application.pk}/payouts", {"amount": "400", "paid_on": "2026-05-01"}
    )
    assert r.status_code == 201
    budget = client.get(f"{API}/{fund.quarter.slug}/budget").json()
    assert budget[0]["committed"] == "400.00" and budget[0]["paid"] == "400.00"


def test_award_team_votes_through_the_api(client, login_as, staff, members, fund, make_application):
    session = services.plan_session(fund=fund, date=datetime.date.today(), actor=staff)
    application = make_application("complete", amounts=("900.00",))
    item = services.schedule(application=application, session=session, actor=staff)
    login_as(members[0])
    r = post(client, f"{API}/items/{item.pk}/votes", {"choice": "yes"})
    assert r.status_code == 201
    assert post(client, f"{API}/items/{item.pk}/votes", {"choice": "no"}).status_code == 409
    # A member may not enter votes for others outside a paper session.
    assert (
        post(client, f"{API}/items/{item.pk}/votes", {"choice": "yes", "voter": members[1].pk}).status_code
        == 403
    )
    data = client.get(f"{API}/sessions/{session.pk}").json()
    assert data["items"][0]["votes"][0]["choice"] == "yes"


def test_api_lists_cost_fixed_queries(
    client, login_as, staff, fund, many_applications, django_assert_max_num_queries
):
    login_as(staff)
    with django_assert_max_num_queries(12):
        r = client.get(f"{API}/{fund.quarter.slug}/applications?page_size=100")
    assert len(r.json()["results"]) == 100 and r.json()["next"]
    with django_assert_max_num_queries(12):
        r = client.get(r.json()["next"])
    assert len(r.json()["results"]) == 100
    r = client.get(f"{API}/{fund.quarter.slug}/applications?page_size=100&page=1")
    assert r.json()["count"] == 300
    with django_assert_max_num_queries(6):
        r = client.get(f"{API}/{fund.quarter.slug}/projects?page_size=100")
    assert len(r.json()["results"]) == 100 and r.json()["next"] is None


def test_award_team_sees_no_contact_data(client, login_as, members, fund, make_application):
    application = make_application("submitted")
    login_as(members[0])
    data = client.get(f"{API}/applications/{application.pk}").json()
    assert data["title"] and "email" not in data
    html = client.get(f"/q/{fund.quarter.slug}/staff/fund/applications/{application.pk}/").content.decode()
    assert application.email not in html


def test_a_location_the_register_knows_places_the_project_through_the_api(client, fund):
    from quartierwerk.fund.models import Application
    from tests.core.places.test_search import add

    add(fund.quarter.city, "Stuttgarter Allee", "16", 51.061, 12.071)
    add(fund.quarter.city, "Ferne Straße", "1", 52.5, 13.4)  # outside every quarter
    r = post(
        client,
        f"{API}/{fund.quarter.slug}/applications",
        {"applicant_name": "Ute Sommer", "email": "ute@example.org"},
    )
    h = {"X-Application-Token": r.json()["token"]}
    assert patch(client, f"{API}/application", {"location": "Stuttgarter Allee 16"}, **h).status_code == 200
    application = Application.objects.get()
    assert (application.lat, application.lon) == (51.061, 12.071)
    r = patch(client, f"{API}/application", {"location": "Ferne Str. 1"}, **h)
    assert r.status_code == 400 and "außerhalb aller hier betreuten Quartiere" in r.json()["detail"]
    application.refresh_from_db()
    assert application.location == "Stuttgarter Allee 16" and application.lat == 51.061
    # A description the register does not know keeps the text and drops the old point.
    assert patch(client, f"{API}/application", {"location": "Hinterhof der Kita"}, **h).status_code == 200
    application.refresh_from_db()
    assert (application.location, application.lat) == ("Hinterhof der Kita", None)


def test_the_award_team_lists_its_sessions_page_by_page(client, login_as, staff, members, fund):
    first = services.plan_session(fund=fund, date=datetime.date.today(), actor=staff)
    second = services.plan_session(fund=fund, date=datetime.date.today(), actor=staff)
    login_as(members[0])
    url = f"{API}/{fund.quarter.slug}/sessions"
    page = client.get(url, {"page_size": 1}).json()
    assert [s["id"] for s in page["results"]] == [second.pk]
    rest = client.get(page["next"]).json()
    assert [s["id"] for s in rest["results"]] == [first.pk]
