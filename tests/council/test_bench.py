"""The bench generator of the council module, and its endpoints at a fixed number of queries."""

import random

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartierwerk.core.benchdata import SCALES, BenchContext
from quartierwerk.council import benchdata
from quartierwerk.council.models import Paper

BOUNDS = {
    "oparl papers, first page": 12,
    "oparl papers modified since": 12,
    "oparl consultations": 3,
    "council quarter overview": 8,
    "council city overview": 5,
}


def _queries(client, url) -> int:
    client.get(url)  # caches warmed
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


def _counts(client, ctx, quarter) -> dict[str, int]:
    return {
        e.name: _queries(client, e.path.format(quarter=quarter.slug, **e.params))
        for e in benchdata.endpoints(ctx)
        if "middle" not in e.path
    }


def test_bench_generator_and_its_endpoints_cost_fixed_queries(db, client, quarter, other_quarter):
    counts = {**SCALES["T"], "papers": 6}
    ctx = BenchContext(scale="T", rng=random.Random(1), counts=counts, quarters=[quarter, other_quarter])
    assert benchdata.generate(ctx)["council_papers"] == 6 == Paper.objects.count()
    few = _counts(client, ctx, quarter)
    assert len(few) == 5
    ctx.counts = {**counts, "papers": 60}
    benchdata.generate(ctx)
    assert Paper.objects.count() == 66
    many = _counts(client, ctx, quarter)
    # The same bound with ten times the papers; the count itself may differ by one, as a nested prefetch
    # (a decision's points' status reports) is skipped when a page holds no decision.
    for name, bound in BOUNDS.items():
        assert few[name] <= bound and many[name] <= bound, (name, few, many)
