"""Benchmark data of the reports module: categories, bodies and many reports per quarter, with some history."""

from datetime import timedelta

from django.utils import timezone

from quartierwerk.core import mapgrid
from quartierwerk.core.benchdata import BenchContext, Endpoint
from quartierwerk.core.tokens import link_secret, secret_hash

from .models import ApiClient, Category, Report, ReportUpdate, ResponsibleBody, RoutingRule

BENCH_API_KEY = "o311_bench-key-not-secret"
STATUSES = [s for s, _label in Report.Status.choices]
STATUS_WEIGHTS = [30, 10, 15, 15, 15, 10, 5]
WORDS = (
    "Laterne Müll Spielplatz Kreuzung Gehweg Bank Baum Container Schlagloch Graffiti Hecke Radweg "
    "Haltestelle Brunnen Treppe Geländer Schild Ampel Zaun Wiese"
).split()


def _categories() -> list[Category]:
    from .demo import CATEGORIES

    out = []
    for position, (code, name, group, kind, description, radius) in enumerate(CATEGORIES):
        category, _ = Category.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "group": group,
                "kind": kind,
                "description": description,
                "duplicate_radius_m": radius or 50,
                "position": position,
            },
        )
        out.append(category)
    return out


def prepare(ctx: BenchContext) -> None:
    """What the load benchmark needs on top of any data (also at scale S, the demo): its Open311 key."""
    if ctx.quarters:
        ApiClient.objects.get_or_create(
            key_hash=ApiClient.hash_key(BENCH_API_KEY),
            defaults={
                "quarter": ctx.quarters[0],
                "name": "Bench",
                "prefix": BENCH_API_KEY[5:13],
                "rate_limit_per_minute": 1_000_000,
            },
        )


def generate(ctx: BenchContext) -> dict[str, int]:
    rng = ctx.rng
    categories = _categories()
    cities = {q.city_id for q in ctx.quarters}
    bodies = 0
    for city_id in cities:
        body, created = ResponsibleBody.objects.get_or_create(
            city_id=city_id, name="Bench-Amt", defaults={"email": "amt@bench.quartierwerk.example"}
        )
        bodies += created
        for category in categories:
            RoutingRule.objects.get_or_create(category=category, city_id=city_id, defaults={"body": body})
    prepare(ctx)
    per_quarter = ctx.per_quarter("reports")
    now = timezone.now()
    total = updates_total = 0
    for quarter in ctx.quarters:
        lat0, lat1 = quarter.min_lat or 51.0, quarter.max_lat or 51.01
        lon0, lon1 = quarter.min_lon or 12.0, quarter.max_lon or 12.01
        # Points inside the bounding box shrunk towards the centre, so they lie inside convex outlines.
        clat, clon = (lat0 + lat1) / 2, (lon0 + lon1) / 2
        batch = []
        for _i in range(per_quarter):
            category = rng.choice(categories)
            status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
            created = now - timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
            answered = created + timedelta(hours=rng.randint(1, 200)) if status != "open" else None
            batch.append(
                Report(
                    quarter=quarter,
                    category=category,
                    kind=category.kind,
                    status=status,
                    description=" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 30))),
                    lat=clat + (rng.random() - 0.5) * (lat1 - lat0) * 0.4,
                    lon=clon + (rng.random() - 0.5) * (lon1 - lon0) * 0.4,
                    address=f"{rng.choice(WORDS)}straße {rng.randint(1, 120)}",
                    follow_key=(key := f"{rng.getrandbits(128):032x}"),
                    follow_hash=secret_hash(link_secret(Report.FOLLOW_LINK, key)),
                    created_at=created,
                    updated_at=answered or created,
                    first_answer_at=answered,
                    solved_at=answered + timedelta(days=rng.randint(1, 30))
                    if status in ("solved", "closed") and answered
                    else None,
                    support_count=rng.randint(0, 5),
                )
            )
            mapgrid.set_cells(batch[-1])
            if len(batch) >= ctx.batch_size:
                total += len(Report.objects.bulk_create(batch, batch_size=ctx.batch_size))
                batch = []
        if batch:
            total += len(Report.objects.bulk_create(batch, batch_size=ctx.batch_size))
        # A status note for answered reports of this quarter (one per report), in batches.
        rows = []
        for pk, status, answered in (
            Report.objects.filter(quarter=quarter, first_answer_at__isnull=False)
            .values_list("pk", "status", "first_answer_at")
            .iterator(chunk_size=ctx.batch_size)
        ):
            rows.append(
                ReportUpdate(
                    report_id=pk,
                    kind=ReportUpdate.Kind.STATUS,
                    created_at=answered,
                    old_status="open",
                    new_status=status,
                    text="Danke, wir kümmern uns.",
                    author_label="QM",
                )
            )
            if len(rows) >= ctx.batch_size:
                updates_total += len(ReportUpdate.objects.bulk_create(rows, batch_size=ctx.batch_size))
                rows = []
        if rows:
            updates_total += len(ReportUpdate.objects.bulk_create(rows, batch_size=ctx.batch_size))
    return {
        "report_categories": len(categories),
        "responsible_bodies": bodies,
        "reports": total,
        "report_updates": updates_total,
    }


def endpoints(ctx: BenchContext) -> list[Endpoint]:
    quarter = ctx.quarters[0] if ctx.quarters else None
    report_id = (
        Report.objects.filter(quarter=quarter).values_list("pk", flat=True).first() if quarter else None
    )
    lat = ((quarter.min_lat + quarter.max_lat) / 2) if quarter and quarter.min_lat is not None else 51.0
    lon = ((quarter.min_lon + quarter.max_lon) / 2) if quarter and quarter.min_lon is not None else 12.0
    view = {
        "bbox": f"{lon - 0.02:.5f},{lat - 0.015:.5f},{lon + 0.02:.5f},{lat + 0.015:.5f}",
        "small_bbox": f"{lon - 0.002:.5f},{lat - 0.0015:.5f},{lon + 0.002:.5f},{lat + 0.0015:.5f}",
    }
    result = [
        Endpoint("reports list", "/q/{quarter}/reports/"),
        Endpoint("reports list filtered", "/q/{quarter}/reports/?status=open&period=90"),
        Endpoint("reports map geojson", "/q/{quarter}/reports/map.geojson"),
        Endpoint("reports new form", "/q/{quarter}/reports/new/streetlight/"),
        Endpoint("reports inbox", "/q/{quarter}/staff/reports/", login="staff"),
        Endpoint("reports api list", "/api/v1/reports/?quarter={quarter}"),
        Endpoint("reports api geojson", "/api/v1/reports/geojson?quarter={quarter}"),
        Endpoint(
            "reports map clusters (bbox, zoom 13)",
            "/q/{quarter}/reports/map.geojson?bbox={bbox}&zoom=13",
            params=view,
        ),
        Endpoint(
            "reports map points (bbox, zoom 17)",
            "/q/{quarter}/reports/map.geojson?bbox={small_bbox}&zoom=17",
            params=view,
        ),
        Endpoint(
            "reports api geojson clusters (bbox, zoom 13)",
            "/api/v1/reports/geojson?quarter={quarter}&bbox={bbox}&zoom=13",
            params=view,
        ),
        Endpoint("open311 services", "/open311/v2/services.json"),
        Endpoint("open311 requests", "/open311/v2/requests.json?page_size=100"),
        Endpoint("open311 requests xml", "/open311/v2/requests.xml?page_size=100"),
        Endpoint(
            "open311 post request",
            "/open311/v2/requests.json",
            method="POST",
            body={
                "api_key": BENCH_API_KEY,
                "service_code": "rubbish",
                "lat": f"{lat:.6f}",
                "long": f"{lon:.6f}",
                "description": "Müll am Containerplatz",
            },
        ),
    ]
    result += _cursor_endpoints(quarter)
    if report_id:
        result.append(
            Endpoint("report detail", "/q/{quarter}/reports/{report}/", params={"report": report_id})
        )
        result.append(
            Endpoint("open311 request", "/open311/v2/requests/{report}.json", params={"report": report_id})
        )
    return result


def _cursor_endpoints(quarter) -> list[Endpoint]:
    """Rows for a page deep in a list: the next page after a cursor (the API lists page by cursor)."""
    from quartierwerk.core import keyset

    rows = []
    if quarter is not None:
        last = (
            Report.objects.filter(quarter=quarter, is_hidden=False, duplicate_of__isnull=True)
            .order_by("-created_at", "-pk")
            .values_list("created_at", "pk")[9:10]
        )
        if last:
            rows.append(
                Endpoint(
                    "reports api list, next page by cursor",
                    "/api/v1/reports/?quarter={quarter}&page_size=10&cursor={cursor}",
                    params={"cursor": keyset.encode_cursor("created_at", *last[0])},
                )
            )
    last = (
        Report.objects.filter(is_hidden=False)
        .order_by("-created_at", "-pk")
        .values_list("created_at", "pk")[9:10]
    )
    if last:
        rows.append(
            Endpoint(
                "open311 requests, next page by cursor",
                "/open311/v2/requests.json?page_size=10&cursor={cursor}",
                params={"cursor": keyset.encode_cursor("created_at", *last[0])},
            )
        )
    return rows
