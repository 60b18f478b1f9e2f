"""The bench generator of news at scale T, and its pages at the same number of queries as with a few posts."""

import random

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartierwerk.core.benchdata import SCALES, BenchContext
from quartierwerk.news import benchdata
from quartierwerk.news.models import Delivery, NewsPost, Subscriber


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


def test_bench_generator_and_its_endpoints(db, client, quarter, other_quarter):
    ctx = BenchContext(scale="T", rng=random.Random(1), counts=SCALES["T"], quarters=[quarter, other_quarter])
    result = benchdata.generate(ctx)
    assert result["news_posts"] == NewsPost.objects.count() >= 2
    assert (
        result["news_subscribers"]
        == Subscriber.objects.count()
        == result["news_deliveries"]
        == Delivery.objects.count()
    )
    urls = [e.path.format(quarter=quarter.slug) for e in benchdata.endpoints(ctx)]
    before = {url: _queries(client, url) for url in urls}
    NewsPost.objects.filter(pk__in=list(NewsPost.objects.values_list("pk", flat=True)[1:])).delete()
    after = {url: _queries(client, url) for url in urls}
    # One post costs no more than the many (an empty page may skip its list query).
    assert all(after[url] <= before[url] for url in urls), (before, after)
