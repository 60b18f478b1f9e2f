"""Bad parameters on the public reports interfaces are a 400 in the interface's own format, never a 500."""

from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse

HUGE = "9" * 20  # beyond every database integer (PostgreSQL bigint, SQLite INTEGER)

BAD_OPEN311 = [
    "start_date=2026-02-30",
    "end_date=2026-02-30",
    "start_date=2026-02-30T10:00:00Z",
    "start_date=9999-12-31",
    "start_date=9999-12-31T23:59:59Z",
    "end_date=0001-01-01",
    "start_date=0001-01-01T00:00:00Z",
    "start_date=2026-01-01T00:00:00%2B99:00",
    "start_date=2026-01-01T00:00:00-99:00",
    f"page={HUGE}",
    "page=0",
    "page=-3",
    "page=zwei",
    f"page_size={HUGE}0",
    "page_size=0",
]


def open311_errors(response, fmt) -> list[dict]:
    """The error list of an Open311 answer, read from JSON or XML."""
    if fmt == "json":
        assert response["Content-Type"].startswith("application/json")
        return response.json()
    assert response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "errors"
    return [{"code": int(e.findtext("code")), "description": e.findtext("description")} for e in root]


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("resource", ["requests", "servicerequestupdates"])
@pytest.mark.parametrize("query", BAD_OPEN311)
def test_open311_lists_answer_bad_dates_and_pages_with_400(client, db, resource, fmt, query):
    response = client.get(f"/open311/v2/{resource}.{fmt}?{query}")
    assert response.status_code == 400
    errors = open311_errors(response, fmt)
    assert len(errors) == 1 and errors[0]["code"] == 400 and errors[0]["description"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("ids", ["²", "1,²", HUGE, "abc", "-1"])
def test_open311_request_ids_that_are_no_numbers_are_400(client, db, fmt, ids):
    response = client.get(f"/open311/v2/requests.{fmt}?service_request_id={ids}")
    assert response.status_code == 400
    assert open311_errors(response, fmt)[0]["code"] == 400


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_dates_at_the_edges_of_the_range_still_work(client, db, fmt):
    assert client.get(f"/open311/v2/requests.{fmt}?start_date=2999-10-01").status_code == 200
    assert client.get(f"/open311/v2/requests.{fmt}?end_date=1900-03-01").status_code == 200
    assert client.get(f"/open311/v2/servicerequestupdates.{fmt}?start_date=2026-01-01T00:00:00+02:00")


@pytest.mark.parametrize("page", [HUGE, "0", "-1"])
def test_reports_api_refuses_pages_out_of_range(client, quarter, page):
    response = client.get(f"/api/v1/reports/?quarter={quarter.slug}&page={page}")
    assert response.status_code == 400
    assert response.json()["field"] == "page"


def test_reports_api_far_page_is_empty(client, quarter, make_report):
    make_report()
    body = client.get(f"/api/v1/reports/?quarter={quarter.slug}&page=1000000").json()
    assert body["count"] == 1 and body["results"] == [] and body["page"] == 1000000


@pytest.mark.parametrize(("action", "field"), [("update", "update"), ("photo", "photo")])
@pytest.mark.parametrize("value", ["abc", HUGE, "²"])
def test_staff_report_actions_refuse_ids_that_are_no_numbers(
    client, login_as, user_with_role, report, action, field, value
):
    login_as(user_with_role("staff"))
    url = reverse("reports:staff_action", args=[report.quarter.slug, report.pk, action])
    assert client.post(url, {field: value, "public": "1"}).status_code == 400


def test_merge_form_refuses_a_reference_that_is_no_number(client, login_as, user_with_role, report):
    login_as(user_with_role("staff"))
    url = reverse("reports:staff_action", args=[report.quarter.slug, report.pk, "merge"])
    response = client.post(url, {"merge-into": "M-²"})
    assert response.status_code < 500
