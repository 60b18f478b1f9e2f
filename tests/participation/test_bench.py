"""The bench generator of participation: ideas with comments on the map at scale S, and the list, map and API
it names answer at the same number of queries as with a handful of ideas."""

import random

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartierwerk.core.benchdata import SCALES, BenchContext
from quartierwerk.participation import benchdata
from quartierwerk.participation.models import Comment, Idea, Process


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


def test_bench_generator_at_scale_s_and_its_endpoints(db, client, quarter, other_quarter):
    ctx = BenchContext(scale="S", rng=random.Random(1), counts=SCALES["S"], quarters=[quarter, other_quarter])
    result = benchdata.generate(ctx)
    assert result["participation_ideas"] == SCALES["S"]["ideas"] == Idea.objects.count()
    assert result["participation_comments"] == 2 * Idea.objects.count() == Comment.objects.count()
    # Every idea lies inside its quarter, so the map shows it.
    assert not Idea.objects.filter(cell_x__isnull=True).exists()
    endpoints = benchdata.endpoints(ctx)
    process = Process.objects.get(quarter=quarter)
    assert process.current_phase().kind == "prioritising"
    counts = {}
    for endpoint in endpoints:
        params = {"quarter": quarter.slug, **endpoint.params}
        counts[endpoint.name] = _queries(client, endpoint.path.format(**params))
    # The same pages with three ideas cost the same.
    Idea.objects.filter(
        pk__in=list(Idea.objects.filter(process=process).values_list("pk", flat=True)[3:])
    ).delete()
    Idea.objects.filter(process=process).update(category="green")  # the filtered list still has rows
    for endpoint in endpoints:
        params = {"quarter": quarter.slug, **endpoint.params}
        assert _queries(client, endpoint.path.format(**params)) == counts[endpoint.name], endpoint.name


def test_bench_generator_is_deterministic(db, quarter):
    from django.db import transaction

    def run():
        with transaction.atomic():
            ctx = BenchContext(scale="T", rng=random.Random(7), counts=SCALES["T"], quarters=[quarter])
            benchdata.generate(ctx)
            rows = list(Idea.objects.order_by("title", "lat").values_list("title", "category", "status"))
            transaction.set_rollback(True)
        return rows

    first = run()
    assert first and first == run()
