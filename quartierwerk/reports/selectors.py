"""Read queries of reports, shaped so every page costs a fixed number of SQL queries."""

import math
import re
import statistics
from datetime import timedelta

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from quartierwerk.core import geo, mapgrid
from quartierwerk.core.choices import field_label
from quartierwerk.core.links import row_url

from .models import Category, Report, ReportPhoto, ReportUpdate

MAP_LIMIT = 500  # a map shows at most this many reports, the newest first

PERIODS = {"7": 7, "30": 30, "90": 90, "365": 365}
STATUS_GROUPS = {"open": Report.OPEN_STATUSES, "closed": Report.CLOSED_STATUSES}
REFERENCE = re.compile(r"^(?:[Mm]-?)?0*(\d{1,18})$")
INBOX_VIEWS = ("new", "unassigned", "overdue", "mine", "open", "all")


def categories_for(quarter):
    """The active categories offered in a quarter's city."""
    return Category.objects.filter(Q(city__isnull=True) | Q(city_id=quarter.city_id), is_active=True)


def categories_by_group(quarter) -> list:
    """The categories in their order, each group together (a group comes where its first category stands)."""
    categories = list(categories_for(quarter))
    first = {}
    for index, category in enumerate(categories):
        first.setdefault(category.group, index)
    return sorted(categories, key=lambda c: first[c.group])


def public_photos():
    """Photos the public sees: approved ones, and unchecked ones as their blurred copy where the quarter chose so."""
    return Prefetch(
        "photos", queryset=ReportPhoto.objects.filter(ReportPhoto.shown_publicly()), to_attr="public_photos"
    )


CATEGORY_CODE = re.compile(r"[\w-]{1,64}")


def filter_reports(qs, params, *, categories=None):
    """Apply the allow-listed filters (category code, status or group, period in days, text or reference)."""
    category = params.get("category") or ""
    if category:
        # A code is a short slug; anything else (a NUL byte, which PostgreSQL refuses, or junk) matches nothing.
        qs = qs.filter(category__code=category) if CATEGORY_CODE.fullmatch(category) else qs.none()
    status = params.get("status") or ""
    if status in STATUS_GROUPS:
        qs = qs.filter(status__in=STATUS_GROUPS[status])
    elif status in Report.Status.values:
        qs = qs.filter(status=status)
    text = (params.get("q") or "").replace("\x00", "").strip()
    if text:
        ref = REFERENCE.match(text)
        if ref:
            qs = qs.filter(pk=int(ref.group(1)))
        else:
            qs = qs.filter(Q(description__icontains=text) | Q(address__icontains=text))
    period = params.get("period") or ""
    if period in PERIODS:
        qs = qs.filter(created_at__gte=timezone.now() - timedelta(days=PERIODS[period]))
    return qs


def public_reports(quarter, params=None):
    """The reports of a quarter the public sees, newest first, merged duplicates left out."""
    qs = Report.objects.filter(quarter=quarter, is_hidden=False, duplicate_of__isnull=True).select_related(
        "category"
    )
    return filter_reports(qs, params or {})


def public_updates():
    return Prefetch(
        "updates",
        queryset=ReportUpdate.objects.filter(is_public=True).order_by("created_at", "id"),
        to_attr="public_updates",
    )


def inbox(quarter, view: str, user, params=None):
    """The staff inbox: new, unassigned, overdue, mine, all open, or everything."""
    qs = Report.objects.filter(quarter=quarter).select_related("category", "assigned_to", "body")
    now = timezone.now()
    if view == "new":
        qs = qs.filter(status=Report.Status.OPEN, duplicate_of__isnull=True)
    elif view == "unassigned":
        qs = qs.filter(assigned_to__isnull=True, status__in=Report.OPEN_STATUSES)
    elif view == "overdue":
        qs = qs.filter(status__in=Report.OPEN_STATUSES, due_at__lt=now)
    elif view == "mine":
        qs = qs.filter(assigned_to=user, status__in=Report.OPEN_STATUSES)
    elif view == "open":
        qs = qs.filter(status__in=Report.OPEN_STATUSES)
    return filter_reports(qs, params or {})


def nearby(quarter, category, lat: float, lon: float, *, limit: int = 5, exclude=None) -> list[Report]:
    """Open reports of the same category within the category's radius (≈ FixMyStreet's duplicate hint)."""
    radius = max(10, category.duplicate_radius_m)
    dlat = radius / 111_320
    dlon = radius / (111_320 * max(0.01, math.cos(math.radians(lat))))
    qs = Report.objects.filter(
        quarter=quarter,
        category=category,
        status__in=Report.OPEN_STATUSES,
        is_hidden=False,
        duplicate_of__isnull=True,
        lat__range=(lat - dlat, lat + dlat),
        lon__range=(lon - dlon, lon + dlon),
    ).select_related("category")
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    found = []
    for report in qs.order_by("-created_at")[:50]:
        distance = distance_m(lat, lon, report.lat, report.lon)
        if distance <= radius:
            report.distance_m = round(distance)
            found.append(report)
    found.sort(key=lambda r: r.distance_m)
    return found[:limit]


def distance_m(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def panel_counts(quarter, user) -> dict:
    """The dashboard's figures in one aggregate query."""
    now = timezone.now()
    open_q = Q(status__in=Report.OPEN_STATUSES)
    return Report.objects.filter(quarter=quarter).aggregate(
        new=Count("pk", filter=Q(status=Report.Status.OPEN, duplicate_of__isnull=True)),
        unassigned=Count("pk", filter=open_q & Q(assigned_to__isnull=True)),
        overdue=Count("pk", filter=open_q & Q(due_at__lt=now)),
        mine=Count("pk", filter=open_q & Q(assigned_to_id=getattr(user, "pk", None))),
    )


def _median_hours(pairs) -> float | None:
    values = [(end - start).total_seconds() / 3600 for start, end in pairs if start and end and end >= start]
    return round(statistics.median(values), 1) if values else None


def figures(quarter, *, since=None) -> dict:
    """Reports by category and status, median hours to first answer and to solution."""
    qs = Report.objects.filter(quarter=quarter, duplicate_of__isnull=True)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    by_category = list(
        qs.values("category__name")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=Q(status__in=Report.OPEN_STATUSES)),
            solved=Count("pk", filter=Q(status=Report.Status.SOLVED) | Q(solved_at__isnull=False)),
        )
        .order_by("-total", "category__name")
    )
    by_status = dict(qs.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    answer_pairs = qs.filter(first_answer_at__isnull=False).values_list("created_at", "first_answer_at")
    solve_pairs = qs.filter(solved_at__isnull=False).values_list("created_at", "solved_at")
    return {
        "by_category": by_category,
        "by_status": [(Report.Status(s).label, by_status.get(s, 0)) for s in Report.Status.values],
        "total": sum(by_status.values()),
        "median_first_answer_hours": _median_hours(answer_pairs),
        "median_solution_hours": _median_hours(solve_pairs),
    }


# Map points ------------------------------------------------------------------------------------------


def report_feature(report: Report) -> dict:
    """The map point of one report."""
    return _feature(
        report.quarter.slug,
        report.pk,
        report.description,
        report.status,
        report.lat,
        report.lon,
        report.category.code,
        report.category.name,
    )


# The columns a map point needs, read as plain values (a map loads up to MAP_LIMIT of them at once).
MAP_COLUMNS = ("id", "description", "status", "lat", "lon", "category__code", "category__name")


def map_features(quarter, qs) -> list[dict]:
    """The map points of the first MAP_LIMIT reports of `qs` (all of `quarter`), in one query."""
    rows = qs.filter(lat__isnull=False).values_list(*MAP_COLUMNS)[:MAP_LIMIT]
    return [_feature(quarter.slug, *row) for row in rows]


def map_feed(quarter, qs, view: mapgrid.MapView) -> dict:
    """The map of `qs` (all of `quarter`) for one view: clusters or the newest MAP_LIMIT points, bounded."""
    return mapgrid.bounded_feed(
        qs,
        view,
        columns=MAP_COLUMNS,
        feature=lambda *row: _feature(quarter.slug, *row),
        point_limit=MAP_LIMIT,
    )


def _feature(quarter_slug, pk, description, status, lat, lon, category_code, category_name) -> dict:
    status_label = field_label(Report._meta.get_field("status"), status)
    return geo.feature(
        geo.point(lat, lon) if lat is not None else None,
        {
            "title": f"{Report.reference_of(pk)} · {category_name}",
            "subtitle": f"{status_label} · {Report.title_of(description)}",
            "status": status,
            "category": category_code,
            "url": row_url("reports:detail", quarter_slug, pk),
        },
        feature_id=pk,
    )
