"""The bench generator of the fund runs at a tiny scale, keeps the money consistent and names its endpoints."""

import random

from quartierwerk.core.benchdata import SCALES, BenchContext
from quartierwerk.fund import benchdata
from quartierwerk.fund.models import Application, Fund


def test_bench_generator_at_tiny_scale(db, quarter, other_quarter):
    ctx = BenchContext(scale="T", rng=random.Random(1), counts=SCALES["T"], quarters=[quarter, other_quarter])
    result = benchdata.generate(ctx)
    assert result["fund_applications"] == 4 == Application.objects.count()
    assert result["funds"] == 2
    for fund in Fund.objects.all():
        approved = sum(a.approved_amount for a in fund.applications.all())
        assert fund.committed == approved <= fund.budget
    paths = [e.path for e in benchdata.endpoints(ctx)]
    assert "/q/{quarter}/fund/" in paths and "/api/v1/fund/{quarter}/projects?page_size=100" in paths


def test_bench_generator_is_deterministic(db, quarter):
    from django.db import transaction

    def run():
        with transaction.atomic():
            ctx = BenchContext(scale="T", rng=random.Random(7), counts=SCALES["T"], quarters=[quarter])
            benchdata.generate(ctx)
            rows = list(
                Application.objects.order_by("reference").values_list(
                    "reference", "status", "requested_amount"
                )
            )
            transaction.set_rollback(True)
        return rows

    first = run()
    assert first and first == run()
