"""Benchmark data of the participation module: one process per quarter in its prioritising phase, with many
ideas on the map, comments and support."""

from datetime import timedelta

from django.utils import timezone

from quartierwerk.core import clock, mapgrid
from quartierwerk.core.benchdata import BenchContext, Endpoint

from .models import Comment, Idea, Phase, Process

WORDS = (
    "Bank Baum Spielplatz Beet Brunnen Weg Treffpunkt Markt Fahrrad Licht Wiese Sport Café Bühne Schatten "
    "Garten Musik Kinder Nachbarschaft Platz"
).split()
CATEGORIES = [c for c, _label in Idea.Category.choices]
STATUSES = [s for s, _label in Idea.Status.choices]


def _process(quarter) -> Process:
    process = Process.objects.filter(quarter=quarter, title="Bench-Beteiligung").first()
    if process is not None:
        return process
    process = Process.objects.create(
        city_id=quarter.city_id,
        quarter=quarter,
        title="Bench-Beteiligung",
        goal="Ideen für den Stadtteil",
        status=Process.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    today = clock.today()
    Phase.objects.create(
        process=process,
        kind="collecting",
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=8),
    )
    Phase.objects.create(
        process=process,
        kind="prioritising",
        starts_on=today - timedelta(days=7),
        ends_on=today + timedelta(days=21),
    )
    return process


def generate(ctx: BenchContext) -> dict[str, int]:
    rng = ctx.rng
    per_quarter = ctx.per_quarter("ideas")
    now = timezone.now()
    ideas_total = comments_total = 0
    for quarter in ctx.quarters:
        process = _process(quarter)
        lat0, lat1 = quarter.min_lat or 51.0, quarter.max_lat or 51.01
        lon0, lon1 = quarter.min_lon or 12.0, quarter.max_lon or 12.01
        clat, clon = (lat0 + lat1) / 2, (lon0 + lon1) / 2
        batch = []
        for _i in range(per_quarter):
            created = now - timedelta(minutes=rng.randint(0, 60 * 24 * 60))
            idea = Idea(
                process=process,
                quarter=quarter,
                title=" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))),
                text=" ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 40))),
                category=rng.choice(CATEGORIES),
                status=rng.choice(STATUSES),
                lat=clat + (rng.random() - 0.5) * (lat1 - lat0) * 0.4,
                lon=clon + (rng.random() - 0.5) * (lon1 - lon0) * 0.4,
                language="de",
                support_count=rng.randint(0, 40),
                dot_count=rng.randint(0, 60),
                comment_count=2,
                created_at=created,
                updated_at=created,
            )
            if idea.status == "not_feasible":
                idea.answer = "Das ist auf dieser Fläche leider nicht möglich."
            mapgrid.set_cells(idea)
            batch.append(idea)
            if len(batch) >= ctx.batch_size:
                ideas_total += len(Idea.objects.bulk_create(batch, batch_size=ctx.batch_size))
                batch = []
        if batch:
            ideas_total += len(Idea.objects.bulk_create(batch, batch_size=ctx.batch_size))
        rows = []
        for pk in (
            Idea.objects.filter(process=process)
            .values_list("pk", flat=True)
            .iterator(chunk_size=ctx.batch_size)
        ):
            for _n in range(2):
                rows.append(
                    Comment(idea_id=pk, text=" ".join(rng.choice(WORDS) for _ in range(12)), created_at=now)
                )
            if len(rows) >= ctx.batch_size:
                comments_total += len(Comment.objects.bulk_create(rows, batch_size=ctx.batch_size))
                rows = []
        if rows:
            comments_total += len(Comment.objects.bulk_create(rows, batch_size=ctx.batch_size))
    return {"participation_ideas": ideas_total, "participation_comments": comments_total}


def endpoints(ctx: BenchContext) -> list[Endpoint]:
    quarter = ctx.quarters[0] if ctx.quarters else None
    process = Process.objects.filter(quarter=quarter, title="Bench-Beteiligung").first() if quarter else None
    if process is None:
        return []
    lat = (quarter.min_lat + quarter.max_lat) / 2 if quarter.min_lat is not None else 51.0
    lon = (quarter.min_lon + quarter.max_lon) / 2 if quarter.min_lon is not None else 12.0
    params = {
        "process": process.pk,
        "bbox": f"{lon - 0.02:.5f},{lat - 0.015:.5f},{lon + 0.02:.5f},{lat + 0.015:.5f}",
        "small_bbox": f"{lon - 0.002:.5f},{lat - 0.0015:.5f},{lon + 0.002:.5f},{lat + 0.0015:.5f}",
    }
    return [
        Endpoint("participation processes", "/q/{quarter}/participation/"),
        Endpoint("participation ideas list", "/participation/{process}/ideas/", params=params),
        Endpoint(
            "participation ideas by support",
            "/participation/{process}/ideas/?sort=support&category=green",
            params=params,
        ),
        Endpoint(
            "participation ideas map (bbox, zoom 13)",
            "/participation/{process}/ideas/map.geojson?bbox={bbox}&zoom=13",
            params=params,
        ),
        Endpoint(
            "participation ideas map (bbox, zoom 17)",
            "/participation/{process}/ideas/map.geojson?bbox={small_bbox}&zoom=17",
            params=params,
        ),
        Endpoint("participation results", "/participation/{process}/results/", params=params),
        Endpoint(
            "participation api ideas",
            "/api/v1/participation/processes/{process}/ideas?page_size=50",
            params=params,
        ),
        Endpoint(
            "participation api geojson",
            "/api/v1/participation/processes/{process}/geojson?bbox={bbox}&zoom=13",
            params=params,
        ),
    ]
