"""The reports in the JSON API (/api/v1/reports/) and as GeoJSON."""

from quartierwerk.reports.models import Report

from .conftest import LAT, LON


def test_list_is_paginated_and_costs_fixed_queries(
    client, quarter, make_reports, django_assert_max_num_queries
):
    make_reports(500)
    with django_assert_max_num_queries(5):
        data = client.get(f"/api/v1/reports/?quarter={quarter.slug}&page=2&page_size=50").json()
    assert data["count"] == 500 and data["page"] == 2 and len(data["results"]) == 50
    assert all(r["contact"] is None for r in data["results"])
    capped = client.get(f"/api/v1/reports/?quarter={quarter.slug}&page_size=5000").json()
    assert capped["page_size"] == 100
    filtered = client.get(f"/api/v1/reports/?quarter={quarter.slug}&status=closed&category=rubbish").json()
    assert filtered["results"] and filtered["count"] is None
    assert all(
        r["status"] in Report.CLOSED_STATUSES and r["category"] == "rubbish" for r in filtered["results"]
    )


def test_geojson(client, quarter, make_reports, django_assert_max_num_queries):
    make_reports(500)
    with django_assert_max_num_queries(4):
        response = client.get(f"/api/v1/reports/geojson?quarter={quarter.slug}")
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert len(data["features"]) == 500
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert abs(lat - LAT) < 0.01 and abs(lon - LON) < 0.01


def test_create_through_api_and_detail(client, quarter, category):
    response = client.post(
        "/api/v1/reports/",
        {
            "quarter": quarter.slug,
            "category": "streetlight",
            "description": "Laterne",
            "lat": LAT,
            "lon": LON,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["reference"].startswith("M-") and "/reports/follow/" in body["follow_url"]
    detail = client.get(f"/api/v1/reports/{body['id']}").json()
    assert detail["status"] == "open" and detail["updates"] == []
    bad = client.post(
        "/api/v1/reports/",
        {"quarter": quarter.slug, "category": "streetlight", "description": "Laterne"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["field"] == "lat"
    wrong_type = client.post(
        "/api/v1/reports/",
        {"quarter": quarter.slug, "category": "streetlight", "description": "x", "lat": "nord"},
        content_type="application/json",
    )
    assert wrong_type.status_code == 422
    unknown = client.post(
        "/api/v1/reports/",
        {"quarter": quarter.slug, "category": "ufo", "description": "x", "no_place": True},
        content_type="application/json",
    )
    assert unknown.status_code == 404


def test_categories(client, quarter, category):
    data = client.get(f"/api/v1/reports/categories?quarter={quarter.slug}").json()
    assert [c["code"] for c in data] == ["streetlight"]
