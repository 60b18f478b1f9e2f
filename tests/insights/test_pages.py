"""The office counts contacts and books time in a few clicks, writes and publishes its annual report; city
staff see every quarter side by side at a fixed query count; everyone else only what the office made public."""

import hashlib
import json

import pytest
from django.urls import reverse

from quartierwerk.core import clock
from quartierwerk.insights.models import (
    AnnualReport,
    ContactLogEntry,
    FieldOfAction,
    PublicFigure,
    PublishedReport,
    TimeEntry,
)
from tests.conftest import make_quarter

from .conftest import make_contacts, make_reports

pytestmark = pytest.mark.django_db


def test_a_contact_is_counted_with_one_click(client, login_as, quarter, user_with_role):
    login_as(user_with_role("staff"))
    url = reverse("insights:contact_log", args=[quarter.slug])
    page = client.get(url)
    assert page.status_code == 200 and 'name="topic" value="housing"' in page.content.decode()
    answer = client.post(
        url, {"channel": "phone", "language": "uk", "referred_to": "jobcentre", "topic": "work"}
    )
    assert answer.status_code == 302
    entry = ContactLogEntry.objects.get(quarter=quarter)
    assert (entry.channel, entry.language, entry.referred_to, entry.topic) == (
        "phone",
        "uk",
        "jobcentre",
        "work",
    )


def test_the_team_books_time_on_a_field_of_action(client, login_as, quarter, user_with_role):
    login_as(user_with_role("staff"))
    url = reverse("insights:time", args=[quarter.slug])
    assert client.post(url, {"title": "Wohnen"}).status_code == 302
    field = FieldOfAction.objects.get(quarter=quarter)
    answer = client.post(url, {"field": field.pk, "hours": "2,5", "day": clock.today().isoformat()})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert TimeEntry.objects.get(quarter=quarter).hours == 2.5
    assert (
        client.post(url, {"field": field.pk, "hours": "0", "day": clock.today().isoformat()}).status_code
        == 400
    )


def test_the_office_writes_regenerates_and_publishes(
    client, login_as, quarter, user_with_role, django_capture_on_commit_callbacks
):
    make_reports(quarter, 4)
    make_contacts(quarter, 2)
    login_as(user_with_role("staff"))
    year = clock.today().year
    url = reverse("insights:staff_report", args=[quarter.slug, year, "public"])
    client.post(
        url, {"save": "1", "introduction": "Ein gutes Jahr.", "highlights": "Das Fest.", "outlook": ""}
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"generate": "1"}).status_code == 302
    report = AnnualReport.objects.get(quarter=quarter, year=year, kind="public")
    assert report.status == "done" and report.introduction == "Ein gutes Jahr."
    # Regenerating keeps the office's texts.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"generate": "1"})
    report.refresh_from_db()
    assert report.introduction == "Ein gutes Jahr."
    page = client.get(url).content.decode()
    assert "Ein gutes Jahr." in page and "100 %" in page
    assert client.post(url, {"publish": "1"}).status_code == 302
    version = PublishedReport.objects.get(report=report)
    assert bytes(version.pdf).startswith(b"%PDF")
    assert version.sha256 == hashlib.sha256(bytes(version.pdf) + version.figures_json.encode()).hexdigest()
    contacts = next(r for r in json.loads(version.figures_json) if r["key"] == "insights.contacts")
    assert contacts["values"][str(quarter.pk)] == {"value": None, "display": "weniger als 3"}
    # Everyone reads the published version, its PDF and JSON; a new publication is a new version.
    client.logout()
    assert client.get(reverse("insights:reports", args=[quarter.slug])).status_code == 200
    assert "Ein gutes Jahr." in client.get(reverse("insights:version", args=[version.pk])).content.decode()
    assert client.get(reverse("insights:version_pdf", args=[version.pk]))["Content-Type"] == "application/pdf"
    answer = client.get(reverse("insights:version_json", args=[version.pk]))
    assert answer.content.decode() == version.figures_json and answer["X-Content-SHA256"] == version.sha256


def test_the_internal_report_stays_internal(
    client, login_as, quarter, user_with_role, django_capture_on_commit_callbacks
):
    staff = user_with_role("staff")
    login_as(staff)
    year = clock.today().year
    url = reverse("insights:staff_report", args=[quarter.slug, year, "internal"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"generate": "1"})
    client.post(url, {"publish": "1"})
    version = PublishedReport.objects.get(report__kind="internal")
    client.logout()
    assert client.get(reverse("insights:version", args=[version.pk])).status_code == 404
    assert client.get(reverse("insights:version_pdf", args=[version.pk])).status_code == 404


def _overview_queries(client, city, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        answer = client.get(reverse("insights:city", args=[city.slug]))
    assert answer.status_code == 200
    return answer


def test_the_city_overview_costs_the_same_for_3_and_30_quarters(
    client, login_as, city, quarter, user_with_role, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login_as(user_with_role("city_staff"))
    for i in range(2):
        make_reports(make_quarter(city, slug=f"a{i}", name=f"A {i}"), 2)
    client.get(reverse("insights:city", args=[city.slug]), {"year": 2000})  # sign-in and session warmed up
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("insights:city", args=[city.slug]))
    for i in range(27):
        q = make_quarter(city, slug=f"b{i}", name=f"B {i}")
        make_reports(q, 1)
        make_contacts(q, 1)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("insights:city", args=[city.slug]))
    assert page.status_code == 200 and "B 26" in page.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_visitors_see_only_what_the_office_made_public(client, city, quarter, user_with_role, login_as):
    make_reports(quarter, 5)
    make_contacts(quarter, 2)
    page = client.get(reverse("insights:city", args=[city.slug])).content.decode()
    assert "Reports received" not in page and "Meldungen eingegangen" not in page
    PublicFigure.objects.create(quarter=quarter, key="reports.received")
    PublicFigure.objects.create(quarter=quarter, key="insights.contacts")
    page = client.get(reverse("insights:city", args=[city.slug], query={"fresh": 1})).content.decode()
    assert "Meldungen eingegangen" in page and "weniger als 3" in page


def test_city_staff_compare_two_quarters_and_export(client, login_as, city, quarter, user_with_role):
    login_as(user_with_role("city_staff"))
    other = make_quarter(city, slug="lausen", name="Lausen")
    make_quarter(city, slug="dritte", name="Dritte")
    make_reports(quarter, 3)
    url = reverse("insights:city", args=[city.slug])
    page = client.get(url, {"q": [quarter.slug, other.slug]}).content.decode()
    assert ">Lausen</a>" in page and ">Dritte</a>" not in page
    csv = client.get(
        reverse("insights:city_export", args=[city.slug, "csv"]), {"q": [quarter.slug, other.slug]}
    )
    assert csv.status_code == 200 and "Lausen" in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("insights:city_export", args=[city.slug, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
