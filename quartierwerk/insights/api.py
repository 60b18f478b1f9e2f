"""JSON API of insights, mounted under /api/v1/insights/: the same figures, rules and services as the pages.

A quarter's figures in full for its office, city staff and administrators; for everyone else only the
figures the office has marked public, with counts below 3 held back ("fewer than 3").
"""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from quartierwerk.core.api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user
from quartierwerk.core.models import City
from quartierwerk.core.views import quarter_or_404

from . import rules, selectors, services
from .figures import as_json, figures
from .models import AnnualReport, ContactLogEntry, PublicFigure, PublishedReport

router = Router(tags=["insights"])
SLUG = r"^[-a-zA-Z0-9_]+$"


class YearQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)


class OverviewQuery(YearQuery):
    q: list[str] = Field(default_factory=list, description="quarters to compare (slugs); all when empty")


class ContactIn(Schema):
    channel: str = Field("visit", pattern=r"^[a-z]+$", max_length=20)
    topic: str = Field(pattern=r"^[a-z]+$", max_length=30)
    language: str = Field("de", pattern=r"^[a-z]{2,5}$", max_length=5)
    referred_to: str = Field("none", pattern=r"^[a-z]+$", max_length=30)


def _year(year: int | None) -> int:
    from quartierwerk.core import clock

    return year or clock.today().year


@router.get("/quarters/{slug}/figures", auth=AUTH_OPTIONAL, summary="Every module's figures of a quarter")
def quarter_figures(request, slug: str, filters: Query[YearQuery]):
    quarter = quarter_or_404(slug)
    user = api_user(request)
    year = _year(filters.year)
    everything = user.is_authenticated and rules.can_view_internal(user, quarter)
    found = figures([quarter.pk], year)
    if not everything:
        allowed = set(PublicFigure.objects.filter(quarter=quarter).values_list("key", flat=True))
        found = [f for f in found if f.public and f.key in allowed]
    return {
        "quarter": quarter.slug,
        "year": year,
        "public": not everything,
        "figures": as_json(found, [quarter.pk], public=not everything),
    }


@router.get("/cities/{slug}/overview", auth=AUTH_OPTIONAL, summary="Every quarter of a city side by side")
def city_overview(request, slug: str, filters: Query[OverviewQuery]):
    city = get_object_or_404(City, slug=slug)
    user = api_user(request)
    year = _year(filters.year)
    everything = user.is_authenticated and rules.can_view_city_dashboard(user, city)
    quarters = selectors.city_quarters(city)
    if filters.q:
        quarters = [q for q in quarters if q.slug in filters.q] or quarters
    overview = selectors.city_overview(quarters, year, everything=everything)
    from .figures import display

    return {
        "city": city.slug,
        "year": year,
        "public": not everything,
        "quarters": [{"id": q.pk, "slug": q.slug, "name": q.name} for q in quarters],
        "figures": [
            {
                "key": row["figure"].key,
                "label": row["figure"].label,
                "unit": row["figure"].unit,
                "values": {
                    str(c["quarter_id"]): (
                        {
                            "value": c["value"]
                            if everything or row["figure"].unit != "count" or (c["value"] or 0) >= 3
                            else None,
                            "display": display(c["value"], row["figure"].unit, public=not everything),
                        }
                        if c["visible"]
                        else None
                    )
                    for c in row["cells"]
                },
            }
            for row in overview["rows"]
        ],
    }


def _version_out(version: PublishedReport, request) -> dict:
    report = version.report
    return {
        "id": version.pk,
        "quarter": report.quarter.slug,
        "year": report.year,
        "kind": report.kind,
        "version": version.version,
        "published_at": version.published_at.isoformat(),
        "sha256": version.sha256,
        "pdf": request.build_absolute_uri(f"/annual-reports/{version.pk}/report.pdf"),
        "texts": version.texts,
        "figures": json.loads(version.figures_json),
    }


@router.get("/quarters/{slug}/reports", auth=AUTH_OPTIONAL, summary="Published annual reports of a quarter")
def quarter_reports(request, slug: str):
    quarter = quarter_or_404(slug)
    user = api_user(request)
    versions = PublishedReport.objects.filter(report__quarter=quarter).select_related(
        "report", "report__quarter"
    )
    if not (user.is_authenticated and rules.can_view_internal(user, quarter)):
        versions = versions.filter(report__kind=AnnualReport.Kind.PUBLIC)
    return [_version_out(v, request) for v in versions.order_by("-report__year", "-version")]


@router.get(
    "/versions/{version_id}", auth=AUTH_OPTIONAL, summary="One published version, citable by its hash"
)
def get_version(request, version_id: int):
    version = get_object_or_404(
        PublishedReport.objects.select_related("report", "report__quarter"), pk=version_id
    )
    user = api_user(request)
    if version.report.kind != AnnualReport.Kind.PUBLIC and not (
        user.is_authenticated and rules.can_view_internal(user, version.report.quarter)
    ):
        raise Http404
    return _version_out(version, request)


@router.post(
    "/quarters/{slug}/contacts", auth=AUTH_REQUIRED, response={201: dict}, summary="Count one contact"
)
def log_contact(request, slug: str, body: ContactIn):
    quarter = quarter_or_404(slug)
    user = api_user(request)
    if not rules.can_keep_records(user, quarter):
        raise PermissionDenied
    for name, enum in (
        ("channel", ContactLogEntry.Channel),
        ("topic", ContactLogEntry.Topic),
        ("referred_to", ContactLogEntry.Referral),
    ):
        if getattr(body, name) not in enum.values:
            from quartierwerk.core.errors import DomainError

            raise DomainError(f"{name}: {getattr(body, name)}", field=name)
    entry = services.log_contact(by=user, quarter=quarter, **body.dict())
    return 201, {"id": entry.pk, "day": entry.day.isoformat()}
