"""JSON API of the reports module, mounted under /api/v1/reports/ (GeoJSON for maps included)."""

from typing import Annotated

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from quartierwerk.core import multilingual
from quartierwerk.core.api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user
from quartierwerk.core.api_pages import CursorPageOut, CursorQuery, cursor_page
from quartierwerk.core.errors import DomainError
from quartierwerk.core.limits import LINE_MAX, LIST_MAX, Code, Email, Latitude, Longitude, Number
from quartierwerk.core.mapgrid import MapView
from quartierwerk.core.schemas import MapViewQuery
from quartierwerk.core.views import quarter_or_404

from . import rules, selectors, services
from .models import Report, ReportPhoto

router = Router(tags=["reports"])
MAX_PAGE_SIZE = 100


class CategoryOut(Schema):
    code: str
    name: str
    description: str
    group: str
    kind: str


class UpdateOut(Schema):
    kind: str
    created_at: str
    text: str
    new_status: str


class ReportOut(Schema):
    id: int
    reference: str
    quarter: str
    category: str
    category_name: str
    # The language the category name is in (the caller's where the office entered it, German otherwise).
    category_name_language: str
    kind: str
    status: str
    status_label: str
    description: str
    # The language the resident wrote the description in.
    written_in: str
    lat: float | None
    lon: float | None
    address: str
    attributes: dict
    support_count: int
    created_at: str
    updated_at: str
    public_name: str
    forwarded_to: str | None
    url: str
    contact: dict | None = None


class ReportDetailOut(ReportOut):
    updates: list[UpdateOut]
    photos: list[str]


class ReportPage(CursorPageOut):
    """One page of reports, newest first, and the `next` link (core/api_pages.py)."""

    results: list[ReportOut]


AttributeAnswer = Annotated[str, Field(max_length=LINE_MAX)]
AttributeAnswers = Annotated[list[AttributeAnswer], Field(max_length=LIST_MAX)]


class ReportIn(Schema):
    quarter: Code
    category: Code
    description: str = Field(..., max_length=4000)
    lat: Latitude | None = None
    lon: Longitude | None = None
    address: str = Field("", max_length=250)
    no_place: bool = False
    attributes: dict[Code, AttributeAnswer | AttributeAnswers | Number | bool] = Field(
        default_factory=dict, max_length=LIST_MAX
    )
    name: str = Field("", max_length=160)
    email: Email = ""
    show_name: bool = False
    # The language the description is written in; the language of the request when left out.
    written_in: str = Field("", max_length=12)


class CreatedOut(Schema):
    id: int
    reference: str
    follow_url: str


class StatusIn(Schema):
    status: str
    note: str = ""


class Filters(Schema):
    quarter: str
    category: str = ""
    status: str = ""
    period: str = ""


class ListFilters(Filters, CursorQuery):
    """The filters of the list and its paging by `cursor` (`page` deprecated)."""


def _out(report: Report, user) -> dict:
    data = {
        "id": report.pk,
        "reference": report.reference,
        "quarter": report.quarter.slug,
        "category": report.category.code,
        "category_name": str(category_name := multilingual.pick(report.category, "name")),
        "category_name_language": category_name.lang,
        "kind": report.kind,
        "status": report.status,
        "status_label": str(report.get_status_display()),
        "description": report.description,
        "written_in": multilingual.source_language(report),
        "lat": report.lat,
        "lon": report.lon,
        "address": report.address,
        "attributes": report.attributes or {},
        "support_count": report.support_count,
        "created_at": report.created_at.isoformat(),
        "updated_at": report.updated_at.isoformat(),
        "public_name": report.public_name,
        "forwarded_to": report.body.name if report.body_id else None,
        "url": report.get_absolute_url(),
        "contact": None,
    }
    if rules.can_see_contact(user, report):
        data["contact"] = {
            "name": report.reporter_name,
            "email": report.reporter_email,
            "phone": report.reporter_phone,
        }
    return data


@router.get("/categories", response=list[CategoryOut], auth=AUTH_OPTIONAL, summary="Categories of a quarter")
def categories(request, quarter: str):
    return list(selectors.categories_for(quarter_or_404(quarter)))


@router.get(
    "/",
    response=ReportPage,
    auth=AUTH_OPTIONAL,
    summary="Public reports of a quarter, newest first, page by page: follow `next`",
)
def list_reports(request, filters: Query[ListFilters]):
    quarter = quarter_or_404(filters.quarter)
    user = api_user(request)
    qs = selectors.public_reports(quarter, filters.dict()).select_related("quarter", "body")
    return cursor_page(
        qs,
        request=request,
        key="created_at",
        descending=True,
        default_size=20,
        max_size=MAX_PAGE_SIZE,
        serialise=lambda r: _out(r, user),
    )


@router.get(
    "/geojson",
    auth=AUTH_OPTIONAL,
    summary="Public reports of a quarter as GeoJSON for one map view: bbox=west,south,east,north and zoom; "
    "clusters below zoom 15, else the newest 500 points",
)
def reports_geojson(request, filters: Query[Filters], view: Query[MapViewQuery]):
    quarter = quarter_or_404(filters.quarter)
    qs = selectors.public_reports(quarter, filters.dict())
    response = JsonResponse(
        selectors.map_feed(quarter, qs, MapView.from_params(view.dict(exclude_none=True)))
    )
    response["Content-Type"] = "application/geo+json"
    return response


@router.get(
    "/{report_id}", response=ReportDetailOut, auth=AUTH_OPTIONAL, summary="One report with its public history"
)
def get_report(request, report_id: int):
    user = api_user(request)
    report = get_object_or_404(
        Report.objects.select_related("quarter", "category", "body").prefetch_related(
            selectors.public_photos(), selectors.public_updates()
        ),
        pk=report_id,
    )
    if not rules.can_view_report(user, report):
        raise Http404
    from django.urls import reverse

    return {
        **_out(report, user),
        "updates": [
            {
                "kind": u.kind,
                "created_at": u.created_at.isoformat(),
                "text": u.text,
                "new_status": u.new_status,
            }
            for u in report.public_updates
        ],
        "photos": [reverse("reports:photo", args=[p.pk]) for p in report.public_photos],
    }


@router.post("/", response={201: CreatedOut}, auth=AUTH_OPTIONAL, summary="File a report")
def create_report(request, payload: ReportIn):
    quarter = quarter_or_404(payload.quarter)
    category = selectors.categories_for(quarter).filter(code=payload.category).first()
    if category is None:
        raise DomainError("Unknown category.", field="category", status=404)
    report = services.create_report(
        quarter=quarter,
        category=category,
        description=payload.description,
        lat=payload.lat,
        lon=payload.lon,
        address=payload.address,
        no_place=payload.no_place,
        attributes=payload.attributes,
        reporter=api_user(request),
        name=payload.name,
        email=payload.email,
        show_name=payload.show_name,
        written_in=payload.written_in or None,
        source=Report.Source.API,
    )
    return Status(
        201, {"id": report.pk, "reference": report.reference, "follow_url": services.follow_url(report)}
    )


@router.post(
    "/{report_id}/status", response=ReportOut, auth=AUTH_REQUIRED, summary="Change the status (staff)"
)
def change_status(request, report_id: int, payload: StatusIn):
    report = get_object_or_404(Report.objects.select_related("quarter", "category", "body"), pk=report_id)
    user = api_user(request)
    if not rules.can_view_report(user, report):
        raise Http404
    report = services.change_status(report=report, by=user, status=payload.status, note=payload.note)
    report = Report.objects.select_related("quarter", "category", "body").get(pk=report.pk)
    return _out(report, user)


class PhotoCheckIn(Schema):
    approve: bool


class PhotoCheckOut(Schema):
    id: int
    report: int
    review: str
    public: bool


@router.post(
    "/photos/{photo_id}/check",
    response=PhotoCheckOut,
    auth=AUTH_REQUIRED,
    summary="Approve or reject a resident's photo (staff of the report's quarter)",
)
def check_photo(request, photo_id: int, payload: PhotoCheckIn):
    photo = get_object_or_404(ReportPhoto.objects.select_related("report__quarter"), pk=photo_id)
    user = api_user(request)
    if not rules.can_see_internal(user, photo.report):
        raise Http404
    photo = services.set_photo_public(photo=photo, by=user, public=payload.approve)
    return {"id": photo.pk, "report": photo.report_id, "review": photo.review, "public": photo.is_public}
