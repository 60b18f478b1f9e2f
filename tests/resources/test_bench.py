"""The bench generator of the resource pool at scale S, and the pages and API it names answer at the same
number of queries with its hundreds of bookings as with a handful."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartierwerk.core.benchdata import SCALES, BenchContext
from quartierwerk.resources import benchdata
from quartierwerk.resources.models import Booking, Resource

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


def test_bench_generator_at_scale_s_and_its_endpoints(client, quarter, other_quarter):
    ctx = BenchContext(scale="S", rng=random.Random(1), counts=SCALES["S"], quarters=[quarter, other_quarter])
    result = benchdata.generate(ctx)
    assert result["resources"] == SCALES["S"]["resources"] == Resource.objects.count()
    assert result["resource_bookings"] == SCALES["S"]["bookings"] == Booking.objects.count()
    endpoints = benchdata.endpoints(ctx)
    counts = {}
    for endpoint in endpoints:
        params = {"quarter": quarter.slug, **endpoint.params}
        counts[endpoint.name] = _queries(client, endpoint.path.format(**params))
    keep = list(Resource.objects.filter(quarter=quarter).order_by("pk").values_list("pk", flat=True)[:3])
    Booking.objects.exclude(resource_id__in=keep).delete()
    Booking.objects.filter(pk__in=list(Booking.objects.values_list("pk", flat=True)[3:])).delete()
    Resource.objects.exclude(pk__in=keep).delete()
    Resource.objects.update(kind="equipment")  # the filtered search still finds them
    for endpoint in endpoints:
        params = {"quarter": quarter.slug, **endpoint.params}
        assert _queries(client, endpoint.path.format(**params)) == counts[endpoint.name], endpoint.name
