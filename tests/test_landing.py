""" "My work": each role sees what needs it first, only its own, for a fixed number of queries; page and API."""

import datetime
from decimal import Decimal
from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quartierwerk.actors.models import Group, GroupMembership, Organisation, Person, Representation
from quartierwerk.core.models import Membership
from quartierwerk.events.models import ActionItem, Event, Minutes, Registration
from quartierwerk.fund.models import AgendaItem, Application, AwardSession, Fund, Round
from quartierwerk.reports.models import Category, Report, ReportUpdate

WORK = "/staff/"
API = "/api/v1/me/work"
SERIAL = count(1)


def at(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def make_fund(quarter) -> Fund:
    group = Group.objects.create(
        quarter=quarter, name=f"Vergabeteam {quarter.name}", slug=f"vt-{quarter.slug}", kind="award_team"
    )
    fund = Fund.objects.create(
        quarter=quarter,
        year=timezone.localdate().year,
        budget=Decimal("10000.00"),
        max_per_application=Decimal("5000.00"),
        staff_decision_limit=Decimal("500.00"),
        quorum=3,
        award_team=group,
        purpose="Nachbarschaftsprojekte",
    )
    Round.objects.create(fund=fund, name="Frist", deadline=timezone.localdate() + datetime.timedelta(days=20))
    return fund


def seat(user, fund, role="member") -> Person:
    person = Person.objects.create(quarter=fund.quarter, user=user, first_name="Sitz", last_name=str(user.pk))
    GroupMembership.objects.create(
        group=fund.award_team, person=person, role=role, start_date=datetime.date(2024, 1, 1)
    )
    Membership.objects.get_or_create(user=user, role="award_team", quarter=fund.quarter)
    return person


def application(fund, *, title, status=Application.Status.SUBMITTED, user=None) -> Application:
    n = next(SERIAL)
    return Application.objects.create(
        fund=fund,
        quarter=fund.quarter,
        token_hash=f"hash-{n}",
        applicant_name="Antragstellerin",
        email=f"antrag{n}@example.org",
        title=title,
        status=status,
        user=user,
    )


def add_work(quarter, fund, people: dict, n: int, tag: str) -> None:
    """`n` of every kind of work for the people of one quarter; every title carries `tag`."""
    category = Category.objects.get_or_create(code="streetlight", defaults={"name": "Straßenbeleuchtung"})[0]
    group = Group.objects.get_or_create(
        quarter=quarter,
        slug=f"ag-{quarter.slug}",
        defaults={"name": f"AG {quarter.name}", "kind": "working_group"},
    )[0]
    resident = people["resident"]
    person = Person.objects.get_or_create(
        quarter=quarter, user=resident, defaults={"first_name": "Anna", "last_name": "Krüger"}
    )[0]
    GroupMembership.objects.get_or_create(
        group=group, person=person, defaults={"role": "member", "start_date": datetime.date(2024, 1, 1)}
    )
    org = Organisation.objects.create(
        quarter=quarter, city=quarter.city, name=f"Verein {tag}", slug=f"v-{tag}-{n}"
    )
    for i in range(n):
        report = Report.objects.create(
            quarter=quarter, category=category, description=f"Lampe {tag} {i}", reporter=resident
        )
        ReportUpdate.objects.create(report=report, kind=ReportUpdate.Kind.CREATED, created_at=at(-2))
        if i == 0:
            ReportUpdate.objects.create(report=report, kind=ReportUpdate.Kind.ANSWER, text="Wir kümmern uns.")
        event = Event.objects.create(
            quarter=quarter,
            city=quarter.city,
            title=f"Fest {tag} {i}",
            starts_at=at(3 + i),
            ends_at=at(3 + i),
        )
        Registration.objects.create(
            event=event, user=resident, name="Anna", email=f"anna{i}@example.org", status="confirmed"
        )
        Event.objects.create(
            quarter=quarter,
            city=quarter.city,
            group=group,
            title=f"Sitzung {tag} {i}",
            starts_at=at(5 + i),
            ends_at=at(5 + i),
        )
        past = Event.objects.create(
            quarter=quarter,
            city=quarter.city,
            group=group,
            title=f"Alt {tag} {i}",
            starts_at=at(-9),
            ends_at=at(-9),
        )
        Minutes.objects.create(event=past)
        ActionItem.objects.create(
            quarter=quarter,
            group=group,
            title=f"Aufgabe {tag} {i}",
            assignee_person=person,
            due_date=timezone.localdate() + datetime.timedelta(days=i),
        )
        application(fund, title=f"Antrag {tag} {i}", status=Application.Status.DRAFT, user=resident)
        application(fund, title=f"Eingang {tag} {i}")
        scheduled = application(fund, title=f"Tagesordnung {tag} {i}", status=Application.Status.SCHEDULED)
        session = AwardSession.objects.create(
            fund=fund, quarter=quarter, date=timezone.localdate() + datetime.timedelta(days=10 + i)
        )
        AgendaItem.objects.create(session=session, application=scheduled)
        Representation.objects.create(
            organisation=Organisation.objects.create(
                quarter=quarter, city=quarter.city, name=f"Initiative {tag} {i}", slug=f"i-{tag}-{i}-{n}"
            ),
            user=people["actor_representative"],
            status="approved" if i else "pending",
        )
    Representation.objects.create(
        organisation=org, user=people["actor_representative"], status="pending", is_claim=True
    )


@pytest.fixture
def world(quarter, other_quarter, user_with_role):
    """Grünau with its people and their work, and the other quarter with work of its own."""
    people = {
        role: user_with_role(role)
        for role in (
            "resident",
            "actor_representative",
            "award_team",
            "staff",
            "staff_other_quarter",
            "city_staff",
            "city_staff_other_city",
            "admin",
        )
    }
    fund = make_fund(quarter)
    seat(people["award_team"], fund, "chair")
    other_fund = make_fund(other_quarter)
    strangers = {
        "resident": user_with_role("resident", other_quarter),
        "actor_representative": user_with_role("actor_representative", other_quarter),
    }
    add_work(quarter, fund, people, 3, "gruenau")
    add_work(other_quarter, other_fund, strangers, 1, "stadtwald")
    return {
        "people": people,
        "fund": fund,
        "other_fund": other_fund,
        "quarter": quarter,
        "other": other_quarter,
    }


def _work(client, login_as, user) -> dict:
    login_as(user)
    response = client.get(API)
    assert response.status_code == 200
    return response.json()


def _section(data, key) -> dict | None:
    return next((s for s in data["sections"] if s["key"] == key), None)


def _labels(data) -> str:
    return " | ".join(i["label"] for s in data["sections"] for i in s["items"])


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(WORK)
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:login"))
    assert client.get(API).status_code == 401


def test_resident_sees_own_reports_applications_registrations_and_tasks_answer_first(client, login_as, world):
    data = _work(client, login_as, world["people"]["resident"])
    keys = [s["key"] for s in data["sections"]]
    assert {"reports", "applications", "registrations", "sessions", "tasks"} <= set(keys)
    assert "office" not in keys and data["office"] == []
    # What waits for the resident comes first: the answered report, the drafts before a deadline.
    assert data["sections"][0]["needs_you"] > 0
    reports = _section(data, "reports")
    assert reports["items"][0]["needs_you"] and "Neue Antwort" in reports["items"][0]["detail"]
    assert reports["items"][0]["url"].startswith("/reports/follow/")
    drafts = _section(data, "applications")["items"]
    assert all(i["needs_you"] and "Nächste Frist" in i["detail"] for i in drafts)
    assert drafts[0]["url"].startswith("/fund/a/mine-")
    registrations = _section(data, "registrations")["items"]
    assert [i["label"] for i in registrations] == ["Fest gruenau 0", "Fest gruenau 1", "Fest gruenau 2"]
    assert "Stadtwald" not in _labels(data) and "stadtwald" not in _labels(data)
    # Every item leads somewhere the resident may go.
    for section in data["sections"]:
        for item in section["items"]:
            assert client.get(item["url"]).status_code == 200, item


def test_award_team_member_sees_next_sessions_and_votes_to_cast(client, login_as, world):
    data = _work(client, login_as, world["people"]["award_team"])
    sessions = _section(data, "sessions")
    assert sessions["more_url"] == reverse("fund:sessions", args=[world["quarter"].slug])
    assert len(sessions["items"]) == 3 and all(i["needs_you"] for i in sessions["items"])
    assert "1 Antrag wartet auf Ihre Stimme." in sessions["items"][0]["detail"]
    assert client.get(sessions["items"][0]["url"]).status_code == 200
    assert _section(data, "applications")["items"] == []
    assert data["office"] == []


def test_written_procedure_shows_its_deadline(client, login_as, world):
    fund = world["fund"]
    until = timezone.localdate() + datetime.timedelta(days=4)
    session = AwardSession.objects.create(
        fund=fund, quarter=fund.quarter, date=timezone.localdate(), written_until=until
    )
    AgendaItem.objects.create(session=session, application=application(fund, title="Umlauf"))
    data = _work(client, login_as, world["people"]["award_team"])
    first = _section(data, "sessions")["items"][0]
    assert first["label"].startswith("Umlaufverfahren") and first["when"] == until.isoformat()


def test_representative_sees_own_organisations(client, login_as, world):
    data = _work(client, login_as, world["people"]["actor_representative"])
    orgs = _section(data, "organisations")["items"]
    assert {i["label"] for i in orgs} >= {"Initiative gruenau 0", "Initiative gruenau 1"}
    assert "stadtwald" not in _labels(data)


@pytest.mark.parametrize(
    "role, quarters",
    [
        ("staff", {"gruenau"}),
        ("staff_other_quarter", {"stadtwald"}),
        ("city_staff", {"gruenau"}),
        ("city_staff_other_city", {"stadtwald"}),
        ("admin", {"gruenau", "stadtwald"}),
    ],
)
def test_office_sees_the_open_work_of_its_own_quarters_only(role, quarters, client, login_as, world):
    data = _work(client, login_as, world["people"][role])
    assert {entry["quarter"] for entry in data["office"]} == quarters
    for entry in data["office"]:
        rows = {row["label"]: row["count"] for row in entry["rows"]}
        expected = 3 if entry["quarter"] == "gruenau" else 1
        assert rows["Neue Meldungen"] == expected
        assert rows["Zu veröffentlichende Protokolle"] == expected
        if role != "city_staff" and role != "city_staff_other_city":
            assert rows["Zu prüfende Anträge"] == expected
    # Nobody in the office is shown anyone's personal items.
    assert all(not s["items"] for s in data["sections"] if s["key"] in ("reports", "applications"))


def test_resident_without_anything_reads_plain_words(client, login_as, user_with_role):
    login_as(user_with_role("resident"))
    page = client.get(WORK).content.decode()
    assert "Im Moment wartet nichts auf Sie." in page
    assert "Keine Meldung von Ihnen ist offen." in page
    assert "Sie sind für keine kommende Veranstaltung angemeldet." in page
    assert "API-Token" not in page and "/account/tokens/" not in page


def test_english_page(client, login_as, world):
    login_as(world["people"]["award_team"])
    client.cookies["django_language"] = "en"
    page = client.get(WORK).content.decode()
    assert "My sessions" in page and "awaits your vote" in page


@pytest.mark.parametrize(
    "role", ["resident", "actor_representative", "award_team", "staff", "city_staff", "admin"]
)
def test_my_work_costs_the_same_queries_for_3_and_30_rows(role, client, login_as, world):
    user = world["people"][role]
    login_as(user)
    client.get(WORK)  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(WORK).status_code == 200
    with CaptureQueriesContext(connection) as few_api:
        assert client.get(API).status_code == 200
    add_work(world["quarter"], world["fund"], world["people"], 27, "mehr")
    with CaptureQueriesContext(connection) as many:
        assert client.get(WORK).status_code == 200
    with CaptureQueriesContext(connection) as many_api:
        assert client.get(API).status_code == 200
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    assert len(many_api) == len(few_api)
    assert len(few) <= 25


def test_the_json_endpoint_is_in_the_openapi_schema_and_needs_a_log_in(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/me/work"]["get"]
    assert operation["security"] and "200" in operation["responses"]
    assert "MyWorkOut" in schema["components"]["schemas"]
