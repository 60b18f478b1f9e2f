"""The directory map feed by view (bbox, zoom), and the search triggers after the map-grid migration."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartierwerk.actors import search
from quartierwerk.actors.models import Organisation

BBOX = "12.0,51.0,12.1,51.1"


def _org(quarter, i, lat=51.05, lon=12.05):
    return Organisation.objects.create(
        quarter=quarter,
        name=f"Treffpunkt {i}",
        slug=f"treffpunkt-{i}",
        kind="association",
        lat=lat + i * 0.0003,
        lon=lon,
        public_fields=["location"],
        status=Organisation.Status.VERIFIED,
        is_public=True,
    )


@pytest.mark.django_db
def test_directory_map_clusters_zoomed_out_and_points_zoomed_in(client, quarter):
    for i in range(12):
        _org(quarter, i)
    url = reverse("actors:directory_geojson", args=[quarter.slug])
    clusters = client.get(f"{url}?bbox={BBOX}&zoom=11").json()
    assert clusters["mode"] == "clusters"
    assert sum(f["properties"].get("count", 1) for f in clusters["features"]) == 12
    points = client.get(f"{url}?bbox={BBOX}&zoom=16").json()
    assert points["mode"] == "points" and len(points["features"]) == 12
    outside = client.get(f"{url}?bbox=13.0,52.0,13.1,52.1&zoom=16").json()
    assert outside["features"] == []
    api = client.get(
        f"/api/v1/actors/organisations.geojson?quarter={quarter.slug}&bbox={BBOX}&zoom=11"
    ).json()
    assert api["mode"] == "clusters"


@pytest.mark.django_db
@pytest.mark.parametrize("zoom", [11, 16])
def test_directory_maps_cost_the_same_queries_for_3_and_30_organisations(client, quarter, zoom):
    counts = []
    for start, n in ((0, 3), (3, 27)):
        for i in range(start, start + n):
            _org(quarter, i)
        for cache in caches.all():
            cache.clear()
        for url in (
            reverse("actors:directory_geojson", args=[quarter.slug]) + f"?bbox={BBOX}&zoom={zoom}",
            reverse("actors:city_geojson") + f"?bbox={BBOX}&zoom={zoom}",
            f"/api/v1/actors/organisations.geojson?quarter={quarter.slug}&bbox={BBOX}&zoom={zoom}",
        ):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            counts.append(len(ctx.captured_queries))
    assert counts[:3] == counts[3:], counts
    assert max(counts) <= 4


@pytest.mark.django_db(transaction=True)
def test_after_the_map_grid_migration_search_triggers_exist_and_find_new_entries(quarter):
    from django.db.migrations.executor import MigrationExecutor

    if connection.vendor == "sqlite":
        # Going back and forth rebuilds the table on SQLite, as the first migration run did.
        executor = MigrationExecutor(connection)
        executor.migrate([("actors", "0010_search_schema_sql")])
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'actors_%_fts_%'"
            )
            names = {row[0] for row in cursor.fetchall()}
        assert {
            "actors_organisation_fts_ai",
            "actors_organisation_fts_ad",
            "actors_organisation_fts_au",
            "actors_person_fts_ai",
        } <= names
    org = _org(quarter, 1)
    org.name = "Nähcafé Morgenröte"
    org.save()
    assert list(search.matching(Organisation.objects.all(), "Morgenröte")) == [org]
    assert org.cell_x is not None


@pytest.mark.django_db
def test_the_directory_list_follows_the_map_view_with_only_entries_on_the_map(client, quarter):
    _org(quarter, 1, lat=51.02, lon=12.02)
    _org(quarter, 2, lat=51.08, lon=12.08)
    hidden = _org(quarter, 3, lat=51.021, lon=12.021)
    Organisation.objects.filter(pk=hidden.pk).update(public_fields=["email"])  # its point is not public
    url = reverse("actors:directory", args=[quarter.slug])
    html = client.get(url).content.decode()
    assert all(f"Treffpunkt {i}" in html for i in (1, 2, 3))
    view = "in_view=1&bbox=12.0,51.0,12.05,51.05"
    html = client.get(f"{url}?{view}").content.decode()
    results = html.split('id="directory-results"')[1]
    assert "Treffpunkt 1" in results and "Treffpunkt 2" not in results
    # An entry whose place is not public is never found by a map view.
    assert "Treffpunkt 3" not in results
    feed = reverse("actors:directory_geojson", args=[quarter.slug])
    html = client.get(f"{url}?kind=association&{view}").content.decode()
    assert f'data-feed-url="{feed}?kind=association"' in html
    # Across all quarters too (keyset pages keep the view in their links).
    city = client.get(reverse("actors:city_directory") + f"?{view}").content.decode()
    assert "Treffpunkt 1" in city.split('id="directory-results"')[1]
    assert "Treffpunkt 2" not in city.split('id="directory-results"')[1]
