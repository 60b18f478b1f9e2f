"""The bench rows of the map feeds and the address search: bounded payload and a query count that does not grow
with the data. The full scales M and L run in `make bench`; here the same rows run on the tiny scale T and again
after ten times more reports, organisations and addresses were added to the viewed quarter."""

import random
from importlib import import_module
from importlib.util import find_spec
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartierwerk.core import mapgrid
from quartierwerk.core.benchdata import MAP_FEED_MAX_BYTES, SCALES, BenchContext, Endpoint
from quartierwerk.core.models import Quarter
from quartierwerk.core.places import benchdata as places_bench
from quartierwerk.core.places.models import Address
from quartierwerk.modules import MODULE_NAMES


def _endpoints(ctx) -> list[Endpoint]:
    rows = []
    for name in MODULE_NAMES:
        if find_spec(f"quartierwerk.{name}.benchdata") is not None:
            rows += import_module(f"quartierwerk.{name}.benchdata").endpoints(ctx)
    return rows + places_bench.endpoints(ctx)


def _measure(client, rows, quarter) -> dict[str, tuple[int, int]]:
    out = {}
    for row in rows:
        for cache in caches.all():
            cache.clear()  # the page cache would answer without a query
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(row.path.format(quarter=quarter.slug, **row.params))
        assert response.status_code == 200, (row.name, response.status_code)
        out[row.name] = (len(ctx.captured_queries), len(response.content))
    return out


def _more_rows(quarter, n: int) -> None:
    """`n` more reports and organisations with a point around the quarter's centre, and 10 × n addresses."""
    from quartierwerk.actors.models import Organisation
    from quartierwerk.reports.models import Category, Report

    rng = random.Random(5)
    lat = (quarter.min_lat + quarter.max_lat) / 2
    lon = (quarter.min_lon + quarter.max_lon) / 2
    category = Category.objects.first()
    reports = [
        Report(
            quarter=quarter,
            category=category,
            description=f"Zusätzliche Meldung {i}",
            lat=lat + rng.uniform(-0.0015, 0.0015),
            lon=lon + rng.uniform(-0.002, 0.002),
        )
        for i in range(n)
    ]
    orgs = [
        Organisation(
            quarter=quarter,
            name=f"Nachbarschaftstreff {i}",
            slug=f"nachbarschaftstreff-extra-{i}",
            kind="association",
            lat=lat + rng.uniform(-0.0015, 0.0015),
            lon=lon + rng.uniform(-0.002, 0.002),
            public_fields=["location"],
            status=Organisation.Status.VERIFIED,
            is_public=True,
        )
        for i in range(n)
    ]
    for row in [*reports, *orgs]:
        mapgrid.set_cells(row)
    Report.objects.bulk_create(reports)
    Organisation.objects.bulk_create(orgs)
    ctx = BenchContext(scale="T", rng=rng, counts=dict(SCALES["T"]), quarters=[quarter])
    places_bench.ADDRESSES["T"] = 10 * n
    try:
        places_bench.generate(ctx)
    finally:
        places_bench.ADDRESSES["T"] = 60


@pytest.mark.django_db
def test_map_feed_and_address_search_rows_answer_bounded_at_a_fixed_query_count(client):
    call_command("generate_bench_data", "--scale", "T", stdout=StringIO())
    quarter = Quarter.objects.filter(slug__startswith="bench-").order_by("pk").first()
    assert Address.objects.filter(city_id=quarter.city_id).count() >= 30  # the register is loaded
    ctx = BenchContext(scale="T", rng=random.Random(1), counts=dict(SCALES["T"]), quarters=[quarter])
    rows = [r for r in _endpoints(ctx) if r.max_bytes and r.login is None and r.method == "GET"]
    names = {r.name for r in rows}
    # Every GeoJSON row is bounded, and the address search and the map feed of a view are among the rows.
    assert all(r.max_bytes for r in _endpoints(ctx) if "geojson" in r.path)
    assert {
        "places search (street prefix)",
        "places search (street and number)",
        "places nearest address (pin)",
        "reports map clusters (bbox, zoom 13)",
        "reports map points (bbox, zoom 17)",
        "actors map points (bbox, zoom 17)",
    } <= names
    small = _measure(client, rows, quarter)
    assert small["places search (street prefix)"][1] > 2  # the search found addresses, not an empty list
    _more_rows(quarter, 300)
    big = _measure(client, rows, quarter)
    for name in names:
        assert small[name][0] == big[name][0], (name, small[name], big[name])
        row = next(r for r in rows if r.name == name)
        assert big[name][1] <= row.max_bytes, (name, big[name][1])
    # The points of the view did grow: the rows measure real answers.
    assert big["reports map points (bbox, zoom 17)"][1] > small["reports map points (bbox, zoom 17)"][1]


@pytest.mark.django_db
def test_a_full_points_answer_stays_under_the_map_feed_ceiling(quarter):
    """The worst case of a points answer: MAP_LIMIT reports with the longest title and subtitle."""
    from quartierwerk.reports import selectors
    from quartierwerk.reports.models import Category, Report

    category = Category.objects.create(
        code="streetlight", name="Straßenbeleuchtung " + "Ü" * 80, group="Straße"
    )
    Report.objects.create(
        quarter=quarter, category=category, description="Ä" * 200, lat=51.05, lon=12.05, address="x" * 250
    )
    feed = selectors.map_feed(
        quarter, selectors.public_reports(quarter), mapgrid.MapView(bbox=(12.0, 51.0, 12.1, 51.1), zoom=18)
    )
    import json

    one = len(json.dumps(feed["features"][0]).encode())
    assert one * (selectors.MAP_LIMIT + 1) + 200 <= MAP_FEED_MAX_BYTES, one
    assert 150 * 80 <= places_bench.STREETS_MAX_BYTES  # 150 labels of a long street name
