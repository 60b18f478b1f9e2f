"""Benchmark data of the council module: papers of the city (10,000 at scale M) with a decision's points,
consultations and files, so the OParl lists and the overviews are measured at volume."""

import datetime
from datetime import timedelta

from quartierwerk.core import clock
from quartierwerk.core.benchdata import BenchContext, Endpoint

from .models import Consultation, File, Organization, Paper, PaperQuarter, ResolutionPoint
from .services import body_for

WORDS = "Antrag Quartier Spielplatz Radweg Schule Haushalt Grünfläche Beteiligung Stadtteil Verkehr Wohnen".split()
KINDS = [k for k, _label in Paper.Kind.choices]
STATUSES = [s for s, _label in ResolutionPoint.Status.choices]


def generate(ctx: BenchContext) -> dict[str, int]:
    rng = ctx.rng
    if not ctx.quarters:
        return {}
    total = ctx.counts.get("papers") or ctx.counts.get("ideas", 6)  # the tiny scale T names no papers
    per_quarter = max(1, total // len(ctx.quarters))
    today = clock.today()
    papers = points = 0
    for quarter in ctx.quarters:
        body = body_for(quarter.city)
        office, _c = Organization.objects.get_or_create(body=body, kind="office", name="Bench-Amt")
        council, _c = Organization.objects.get_or_create(body=body, kind="council", name="Bench-Rat")
        start = Paper.objects.filter(body=body).count()
        batch = [
            Paper(
                body=body,
                kind=rng.choice(KINDS),
                name=" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))),
                reference=f"B-{start + n:06d}",
                date=today - timedelta(days=rng.randint(0, 2000)),
                lead_office=office,
            )
            for n in range(per_quarter)
        ]
        for paper in batch:
            if paper.kind != "statement":
                continue
            paper.statement_option = "agreement"
        made = Paper.objects.bulk_create(batch, batch_size=ctx.batch_size)
        papers += len(made)
        PaperQuarter.objects.bulk_create(
            [PaperQuarter(paper=p, quarter=quarter, confirmed=True) for p in made], batch_size=ctx.batch_size
        )
        Consultation.objects.bulk_create(
            [Consultation(paper=p, organization=council, role="Beschlussfassung", date=p.date) for p in made],
            batch_size=ctx.batch_size,
        )
        File.objects.bulk_create(
            [
                File(
                    body=body,
                    paper=p,
                    is_main=True,
                    name=p.name,
                    access_url=f"https://example.org/{p.reference}.pdf",
                )
                for p in made
            ],
            batch_size=ctx.batch_size,
        )
        rows = [
            ResolutionPoint(
                paper=p,
                number=n,
                text=" ".join(rng.choice(WORDS) for _ in range(12)),
                responsible_office=office,
                deadline=today + datetime.timedelta(days=rng.randint(-200, 400)),
                status=rng.choice(STATUSES),
            )
            for p in made
            if p.kind == "decision"
            for n in (1, 2, 3)
        ]
        points += len(ResolutionPoint.objects.bulk_create(rows, batch_size=ctx.batch_size))
    return {"council_papers": papers, "council_points": points}


def endpoints(ctx: BenchContext) -> list[Endpoint]:
    quarter = ctx.quarters[0] if ctx.quarters else None
    body = getattr(quarter.city, "council_body", None) if quarter else None
    if body is None:
        return []
    from .oparl import PAGE_SIZE

    middle = max(1, Paper.objects.filter(body=body).count() // PAGE_SIZE // 2)
    params = {"body": body.pk, "city": quarter.city.slug, "middle": middle}
    return [
        Endpoint("oparl papers, first page", "/oparl/v1/body/{body}/paper", params=params),
        Endpoint("oparl papers, a middle page", "/oparl/v1/body/{body}/paper?page={middle}", params=params),
        Endpoint(
            "oparl papers modified since",
            "/oparl/v1/body/{body}/paper?modified_since=2020-01-01T00:00:00",
            params=params,
        ),
        Endpoint("oparl consultations", "/oparl/v1/body/{body}/consultation", params=params),
        Endpoint("council quarter overview", "/q/{quarter}/council/"),
        Endpoint("council city overview", "/city/{city}/council/", params=params),
    ]
