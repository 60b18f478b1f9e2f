"""Reading requests: search, one request, tokens and the servicerequestupdates extension."""

from datetime import timedelta

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from quartierwerk.core import api_pages, keyset, params
from quartierwerk.core.choices import display

from ..models import Report, ReportPhoto, ReportUpdate
from .filing import _create
from .shapes import Open311Error, _jurisdiction, _param, iso, open311_view, respond

MAX_PAGE_SIZE = 1000


MAX_RANGE = timedelta(days=90)


@open311_view(methods=("GET", "POST"))
def requests_view(request, fmt):
    """GET: search service requests. POST: file one."""
    if request.method == "POST":
        return _create(request, fmt)
    return _search(request, fmt)


def _page_params(request) -> tuple[int, int]:
    return params.page_window(
        request.GET.get("page"),
        request.GET.get("page_size"),
        default_size=MAX_PAGE_SIZE,
        max_size=MAX_PAGE_SIZE,
    )


def _date_range(request) -> tuple:
    start_raw, end_raw = _param(request, "start_date"), _param(request, "end_date")
    start = params.datetime_param(start_raw, name="start_date") if start_raw else None
    end = params.datetime_param(end_raw, name="end_date", end=True) if end_raw else None
    if start and end:
        if end < start:
            raise Open311Error(400, "end_date lies before start_date.")
        if end - start > MAX_RANGE:
            raise Open311Error(400, "The range from start_date to end_date may not exceed 90 days.")
    elif start:
        end = start + MAX_RANGE
    elif end:
        start = end - MAX_RANGE
    else:
        end = timezone.now()
        start = end - MAX_RANGE
    return start, end


def _request_rows(qs):
    """The requests in the standard's fields, in a fixed number of queries."""
    latest_note = (
        ReportUpdate.objects.filter(report=OuterRef("pk"), is_public=True, kind__in=UPDATE_KINDS)
        .exclude(text="")
        .order_by("-created_at", "-id")
        .values("text")[:1]
    )
    first_photo = (
        ReportPhoto.objects.filter(ReportPhoto.shown_publicly(), report=OuterRef("pk"))
        .order_by("id")
        .values("pk")[:1]
    )
    return qs.select_related("category", "body", "quarter").annotate(
        status_note=Subquery(latest_note), photo_id=Subquery(first_photo)
    )


def request_data(request, report) -> dict:
    media = report.media_url
    if report.photo_id:
        media = request.build_absolute_uri(reverse("reports:photo", args=[report.photo_id]))
    return {
        "service_request_id": str(report.pk),
        "status": report.open311_status,
        "status_notes": report.status_note or display(report, "status"),
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.description,
        "agency_responsible": report.body.name
        if report.body_id
        else (report.quarter.operator or report.quarter.name),
        "service_notice": "",
        "requested_datetime": iso(report.created_at),
        "updated_datetime": iso(report.updated_at),
        "expected_datetime": iso(report.due_at),
        "address": report.address,
        "address_id": "",
        "zipcode": "",
        "lat": report.lat,
        "long": report.lon,
        "media_url": media,
    }


def _search(request, fmt):
    quarter, city = _jurisdiction(request)
    qs = Report.objects.filter(is_hidden=False)
    if quarter:
        qs = qs.filter(quarter=quarter)
    elif city:
        qs = qs.filter(quarter__city=city)
    ids_raw = _param(request, "service_request_id")
    if ids_raw:
        ids = [params.object_id(p, name="service_request_id") for p in ids_raw.split(",") if p.strip()]
        qs = qs.filter(pk__in=ids)
    else:
        codes = [c.strip() for c in _param(request, "service_code").split(",") if c.strip()]
        if codes:
            qs = qs.filter(category__code__in=codes)
        statuses = {s.strip() for s in _param(request, "status").split(",") if s.strip()}
        if statuses - {"open", "closed"}:
            raise Open311Error(400, "status must be open, closed or both (comma-separated).")
        if statuses == {"open"}:
            qs = qs.filter(status__in=Report.OPEN_STATUSES)
        elif statuses == {"closed"}:
            qs = qs.filter(status__in=Report.CLOSED_STATUSES)
        start, end = _date_range(request)
        qs = qs.filter(created_at__gte=start, created_at__lte=end)
    return _paged(
        request,
        fmt,
        _request_rows(qs),
        key="created_at",
        descending=True,
        root="service_requests",
        item="request",
    )


def _paged(request, fmt, qs, *, key: str, descending: bool, root: str, item: str, shape=None):
    """A list as the standard has it (a bare list, the newest 1,000 by default, `page` and `page_size` as
    common servers take them), plus the extension of keyset paging: the next page is in the `Link` header
    (rel="next", RFC 8288) with an opaque `cursor`, which reads only the rows it returns however deep."""
    shape = shape or (lambda row: request_data(request, row))
    page, size = _page_params(request)
    cursor = _param(request, api_pages.CURSOR)
    if cursor or page == 1:
        # The first page and every page after a cursor: one more row tells whether a next page exists.
        found = keyset.paginate(
            qs, key=key, cursor=cursor or None, size=size, descending=descending, max_size=MAX_PAGE_SIZE
        )
        if cursor and found.cursor_rejected:
            raise Open311Error(400, "cursor is not valid; follow the Link header of the page before.")
        rows, next_cursor = found.rows, found.next_cursor
    else:
        order = [f"-{key}", "-id"] if descending else [key, "id"]
        rows = list(qs.order_by(*order)[(page - 1) * size : page * size + 1])
        next_cursor = None
        if len(rows) > size:
            rows = rows[:size]
            next_cursor = keyset.encode_cursor(key, getattr(rows[-1], key), rows[-1].pk)
    response = respond(fmt, [shape(r) for r in rows], root=root, item=item)
    if next_cursor:
        response["Link"] = api_pages.next_link_header(
            api_pages.link(request, cursor=next_cursor, page_size=size)
        )
    return response


@open311_view()
def request_detail(request, fmt, pk):
    """One request, still wrapped in a list as the standard says."""
    if len(pk) > 18:
        raise Open311Error(404, f"No service request {pk}.")
    report = _request_rows(Report.objects.filter(pk=pk, is_hidden=False)).first()
    if report is None:
        raise Open311Error(404, f"No service request {pk}.")
    return respond(fmt, [request_data(request, report)], root="service_requests", item="request")


@open311_view()
def token_detail(request, fmt, token):
    """The request id for a token handed out by POST requests."""
    report = Report.objects.filter(open311_token=token).only("pk", "open311_token").first()
    if report is None:
        raise Open311Error(404, "Unknown token.")
    return respond(
        fmt,
        [{"service_request_id": str(report.pk), "token": report.open311_token}],
        root="service_requests",
        item="request",
    )


UPDATE_KINDS = (
    ReportUpdate.Kind.STATUS,
    ReportUpdate.Kind.ANSWER,
    ReportUpdate.Kind.FORWARDED,
    ReportUpdate.Kind.BODY_ANSWER,
    ReportUpdate.Kind.MERGED,
    ReportUpdate.Kind.CONFIRMED,
    ReportUpdate.Kind.REOPENED,
    ReportUpdate.Kind.IDEA,
)


@open311_view()
def service_request_updates(request, fmt):
    """The servicerequestupdates extension (FixMyStreet): public status changes and answers."""
    start, end = _date_range(request)
    qs = (
        ReportUpdate.objects.filter(
            is_public=True,
            kind__in=UPDATE_KINDS,
            report__is_hidden=False,
            created_at__gte=start,
            created_at__lte=end,
        )
        .select_related("report")
        .order_by("created_at", "id")
    )
    quarter, city = _jurisdiction(request)
    if quarter:
        qs = qs.filter(report__quarter=quarter)
    elif city:
        qs = qs.filter(report__quarter__city=city)
    open_values = set(Report.OPEN_STATUSES)

    def shape(u) -> dict:
        return {
            "update_id": str(u.pk),
            "service_request_id": str(u.report_id),
            "status": ("open" if u.new_status in open_values else "closed")
            if u.new_status
            else u.report.open311_status,
            "description": u.text,
            "media_url": "",
            "updated_datetime": iso(u.created_at),
        }

    return _paged(
        request,
        fmt,
        qs,
        key="created_at",
        descending=False,
        root="service_request_updates",
        item="request_update",
        shape=shape,
    )
