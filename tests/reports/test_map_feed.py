"""The reports map feed: one view (bbox, zoom) in, clusters or bounded points out, at a fixed query count."""

import pytest
from django.urls import reverse

from quartierwerk.core import mapgrid
from quartierwerk.reports.models import Report

from .conftest import LAT, LON

# A box around the bulk reports of `make_reports` (they lie within 0.005° of LAT/LON).
BBOX = f"{LON - 0.01},{LAT - 0.01},{LON + 0.01},{LAT + 0.01}"


def _get(client, quarter, query):
    response = client.get(reverse("reports:geojson", args=[quarter.slug]) + "?" + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return response.json()


@pytest.mark.django_db
def test_zoomed_out_the_feed_answers_clusters_that_count_every_report(client, quarter, make_reports):
    make_reports(120)
    data = _get(client, quarter, f"bbox={BBOX}&zoom=12")
    assert data["mode"] == "clusters" and data["truncated"] is False
    assert sum(f["properties"].get("count", 1) for f in data["features"]) == 120
    assert any(f["properties"].get("cluster") for f in data["features"])


@pytest.mark.django_db
def test_zoomed_in_the_feed_answers_the_points_of_the_view_only(client, quarter, make_reports):
    make_reports(40)
    inside = _get(client, quarter, f"bbox={BBOX}&zoom=17")
    assert inside["mode"] == "points" and len(inside["features"]) == 40
    assert all("url" in f["properties"] for f in inside["features"])
    elsewhere = _get(client, quarter, "bbox=13.0,52.0,13.01,52.01&zoom=17")
    assert elsewhere["features"] == []


@pytest.mark.django_db
def test_points_are_capped_with_a_truncated_flag_and_no_bbox_is_bounded_too(
    client, quarter, make_reports, settings, monkeypatch
):
    from quartierwerk.reports import selectors

    monkeypatch.setattr(selectors, "MAP_LIMIT", 25)
    make_reports(30)
    data = _get(client, quarter, f"bbox={BBOX}&zoom=18")
    assert len(data["features"]) == 25 and data["truncated"] is True
    old = _get(client, quarter, "")  # the old address without a view: the newest points, capped
    assert len(old["features"]) == 25 and old["truncated"] is True


@pytest.mark.django_db
def test_a_single_report_in_a_cell_comes_as_its_own_point(client, quarter, category):
    Report.objects.create(quarter=quarter, category=category, description="Lampe aus", lat=LAT, lon=LON)
    data = _get(client, quarter, f"bbox={BBOX}&zoom=10")
    [feature] = data["features"]
    assert "url" in feature["properties"] and not feature["properties"].get("cluster")


@pytest.mark.django_db
@pytest.mark.parametrize("zoom", [12, 17])
def test_feed_and_api_cost_the_same_queries_for_3_and_30_reports(
    client, quarter, make_reports, django_assert_num_queries, zoom
):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (3, 27):
        make_reports(n)
        for cache in caches.all():
            cache.clear()  # the public page cache would answer the second round without a query
        for url in (
            reverse("reports:geojson", args=[quarter.slug]) + f"?bbox={BBOX}&zoom={zoom}",
            f"/api/v1/reports/geojson?quarter={quarter.slug}&bbox={BBOX}&zoom={zoom}",
        ):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            counts.append(len(ctx.captured_queries))
    assert counts[:2] == counts[2:], counts
    assert max(counts) <= 5


@pytest.mark.django_db
def test_saving_a_report_keeps_its_cells_in_step(quarter, category):
    report = Report.objects.create(
        quarter=quarter, category=category, description="Bank kaputt", lat=LAT, lon=LON
    )
    assert (report.cell_x, report.cell_y) == mapgrid.cell_of(LAT, LON)
    report.lat, report.lon = LAT + 0.01, LON + 0.01
    report.save(update_fields=["lat", "lon"])
    report.refresh_from_db()
    assert (report.cell_x, report.cell_y) == mapgrid.cell_of(LAT + 0.01, LON + 0.01)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["a\x00b", "<script>", "x" * 200])
def test_a_category_that_is_no_code_matches_nothing_instead_of_failing(client, quarter, make_reports, value):
    """A NUL byte in a filter made PostgreSQL refuse the query (500); a value that is no code finds nothing."""
    make_reports(3)
    for path in ("/api/v1/reports/geojson", "/api/v1/reports/"):
        response = client.get(path, {"quarter": quarter.slug, "category": value, "q": "a\x00b"})
        assert response.status_code == 200, (path, response.content[:200])
        body = response.json()
        assert body.get("features", body.get("results")) == []


@pytest.mark.django_db
def test_the_list_follows_the_map_view_and_the_feed_keeps_the_list_filters(client, quarter, category):
    def report(text, lat, lon):
        return Report.objects.create(quarter=quarter, category=category, description=text, lat=lat, lon=lon)

    report("Lampe am Markt", 51.02, 12.02)
    report("Lampe am Park", 51.08, 12.08)
    Report.objects.create(quarter=quarter, category=category, description="Ohne Ort")
    url = reverse("reports:list", args=[quarter.slug])
    html = client.get(url).content.decode()
    assert all(t in html for t in ("Lampe am Markt", "Lampe am Park", "Ohne Ort"))
    assert 'name="in_view"' in html and 'data-feed-url="' in html
    # Only what the map shows: the view's box is part of the (shareable) address.
    view = "in_view=1&bbox=12.0,51.0,12.05,51.05"
    html = client.get(f"{url}?{view}").content.decode()
    assert "Lampe am Markt" in html and "Lampe am Park" not in html and "Ohne Ort" not in html
    assert 'data-bounds="12.00000,51.00000,12.05000,51.05000"' in html  # the map opens on that view
    assert f"?{view}&amp;page=" not in html  # one page only; paging would keep the view
    # Without in_view the box is ignored; a malformed box is ignored too.
    assert "Lampe am Park" in client.get(f"{url}?bbox=12.0,51.0,12.05,51.05").content.decode()
    assert "Lampe am Park" in client.get(f"{url}?in_view=1&bbox=x,1,2").content.decode()
    # The map feed gets the list's filters, never the list's view (the map adds its own box and zoom).
    html = client.get(f"{url}?q=Markt&{view}&page=1").content.decode()
    feed = reverse("reports:geojson", args=[quarter.slug])
    assert f'data-feed-url="{feed}?q=Markt"' in html and f'data-geojson-url="{feed}?q=Markt"' in html


@pytest.mark.django_db
def test_the_list_in_view_costs_the_same_queries_for_3_and_30_reports(client, quarter, make_reports):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (3, 27):
        make_reports(n)
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("reports:list", args=[quarter.slug]) + f"?in_view=1&bbox={BBOX}")
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
