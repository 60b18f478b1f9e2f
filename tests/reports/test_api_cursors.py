"""Reports API and Open311 lists page by cursor: the same queries at any size, every row once while others write."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from quartierwerk.core import mapgrid
from quartierwerk.reports.models import Report

from .conftest import LAT, LON


def _report(quarter, category, created_at, n):
    row = Report(
        quarter=quarter,
        category=category,
        status=Report.Status.OPEN,
        description=f"Meldung {n}",
        lat=LAT,
        lon=LON,
        created_at=created_at,
        updated_at=created_at,
    )
    mapgrid.set_cells(row)
    row.save()
    return row


def _tied_reports(quarter, category, n, moment):
    """`n` reports, in runs of five with the very same creation time: the id decides their order."""
    return [_report(quarter, category, moment - timedelta(minutes=i // 5), i) for i in range(n)]


@pytest.mark.parametrize("rows", [3, 30])
def test_a_page_by_cursor_costs_the_same_queries_for_3_and_30_rows(
    client, quarter, make_reports, rows, django_assert_num_queries
):
    make_reports(rows)
    first = client.get(f"/api/v1/reports/?quarter={quarter.slug}&page_size=1").json()
    assert first["count"] is None and first["page"] is None and first["next"]
    # The quarter, one page of rows; no count however many rows there are.
    with django_assert_num_queries(2):
        second = client.get(first["next"]).json()
    assert len(second["results"]) == 1


def test_walking_next_visits_every_report_once_while_others_are_filed(client, quarter, category):
    moment = timezone.now() - timedelta(hours=1)
    existing = {r.pk for r in _tied_reports(quarter, category, 23, moment)}
    seen, url, n = [], f"/api/v1/reports/?quarter={quarter.slug}&page_size=4", 100
    while url:
        data = client.get(url).json()
        seen += [r["id"] for r in data["results"]]
        # A resident files a report at the same second as the last row shown, and an older one is imported.
        last = Report.objects.get(pk=seen[-1])
        _report(quarter, category, last.created_at, n)
        _report(quarter, category, moment - timedelta(days=30), n + 1)
        n += 2
        url = data["next"]
    assert len(seen) == len(set(seen)), "a report was shown twice"
    assert existing <= set(seen), "a report was skipped"


def test_a_cursor_that_is_not_ours_is_a_clear_400(client, quarter):
    response = client.get(f"/api/v1/reports/?quarter={quarter.slug}&cursor=made-up")
    assert response.status_code == 400
    assert response.json()["field"] == "cursor"


def test_the_deprecated_page_numbers_are_still_answered_with_count_and_next(client, quarter, make_reports):
    make_reports(30)
    data = client.get(f"/api/v1/reports/?quarter={quarter.slug}&page=2&page_size=10").json()
    assert data["count"] == 30 and data["page"] == 2 and len(data["results"]) == 10
    assert "page=3" in data["next"]
    last = client.get(f"/api/v1/reports/?quarter={quarter.slug}&page=3&page_size=10").json()
    assert last["next"] is None


def test_openapi_names_the_cursor_and_marks_page_deprecated(client):
    schema = client.get("/api/v1/openapi.json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/reports/"]["get"]["parameters"]}
    assert "cursor" in params and params["page"].get("deprecated") is True
    page = schema["components"]["schemas"]["ReportPage"]["properties"]
    assert "next" in page and "count" in page


def _links(response) -> str | None:
    match = re.match(r'<([^>]+)>; rel="next"', response.get("Link", ""))
    return match.group(1) if match else None


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_requests_page_by_the_link_header_every_request_once(client, quarter, category, fmt):
    moment = timezone.now() - timedelta(hours=1)
    existing = {r.pk for r in _tied_reports(quarter, category, 17, moment)}
    url, pages, n = f"/open311/v2/requests.{fmt}?page_size=5", 0, 100
    seen = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        if fmt == "json":
            seen += [int(r["service_request_id"]) for r in response.json()]
        else:
            seen += [int(x) for x in re.findall(r"<service_request_id>(\d+)<", response.content.decode())]
        last = Report.objects.get(pk=seen[-1])
        _report(quarter, category, last.created_at, n)
        n += 1
        url, pages = _links(response), pages + 1
    assert pages == 4
    assert len(seen) == len(set(seen)) and existing <= set(seen)


def test_open311_first_page_is_what_it_was_and_page_numbers_still_work(client, quarter, make_reports):
    make_reports(12)
    plain = client.get("/open311/v2/requests.json").json()
    assert len(plain) == 12 and "Link" not in client.get("/open311/v2/requests.json")
    second = client.get("/open311/v2/requests.json?page=2&page_size=5")
    assert [r["service_request_id"] for r in second.json()] == [r["service_request_id"] for r in plain[5:10]]
    third = client.get(_links(second))
    assert [r["service_request_id"] for r in third.json()] == [r["service_request_id"] for r in plain[10:]]
    assert client.get("/open311/v2/requests.json?cursor=nonsense").status_code == 400


@pytest.mark.parametrize("rows", [3, 30])
def test_open311_pages_cost_the_same_queries_for_3_and_30_rows(
    client, quarter, make_reports, rows, django_assert_num_queries
):
    make_reports(rows)
    first = client.get("/open311/v2/requests.json?page_size=1")
    with django_assert_num_queries(1):
        assert len(client.get(_links(first)).json()) == 1
