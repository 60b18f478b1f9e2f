"""Demo data loads twice without change; the bench generator creates rows and names its endpoints."""

import random

from quartierwerk.core import demo
from quartierwerk.core.benchdata import SCALES, BenchContext
from quartierwerk.reports import benchdata
from quartierwerk.reports.models import Category, Report, ResponsibleBody


def test_demo_is_idempotent_and_invented(db):
    demo.load()
    counts = (Category.objects.count(), ResponsibleBody.objects.count(), Report.objects.count())
    demo.load()
    assert counts == (Category.objects.count(), ResponsibleBody.objects.count(), Report.objects.count())
    assert counts[2] >= 8
    emails = set(ResponsibleBody.objects.values_list("email", flat=True))
    assert all(e.endswith("@demo.quartierwerk.example") for e in emails)
    assert Report.objects.filter(quarter__slug="gruenau").count() == 8


def test_bench_generator_at_tiny_scale(db, quarter, other_quarter):
    ctx = BenchContext(scale="T", rng=random.Random(1), counts=SCALES["T"], quarters=[quarter, other_quarter])
    result = benchdata.generate(ctx)
    assert result["reports"] == 20 == Report.objects.count()
    assert Report.objects.filter(quarter=quarter).count() == 10
    paths = [e.path for e in benchdata.endpoints(ctx)]
    assert "/open311/v2/requests.json" in paths and "/q/{quarter}/reports/" in paths


def test_demo_inbox_has_an_overdue_forwarded_report(db):
    from django.utils import timezone

    demo.load()
    overdue = Report.objects.filter(quarter__slug="gruenau", status="forwarded", due_at__lt=timezone.now())
    assert overdue.count() == 1 and overdue.get().forwardings.count() == 1
