"""Open311 GeoReport v2 at /open311/v2/: discovery, services, requests, tokens, updates, in JSON and XML.

Plain Django views, because the standard fixes the exact shapes: lists as JSON arrays, XML with fixed
element names, errors as `[{"code": 400, "description": "…"}]` or `<errors><error>…</error></errors>`.
"""

import json
from datetime import timedelta
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from quartierwerk.core import geo, keycache, params, throttle
from quartierwerk.core.choices import display
from quartierwerk.core.errors import DomainError
from quartierwerk.core.models import City, Quarter
from quartierwerk.core.places import selectors as places
from quartierwerk.core.text import strip_controls

from . import services
from .models import ApiClient, Category, Report, ReportPhoto, ReportUpdate

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-21T00:00:00+01:00"
MAX_PAGE_SIZE = 1000
MAX_RANGE = timedelta(days=90)
# Keys, categories and quarter outlines change rarely; the POST path reads them from the cache for this long.
# Revoking a key starts a new generation of the key lookups in the shared cache, for every worker at once.
CACHE_SECONDS = 60
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# Child element names of lists in the XML form.
XML_ITEMS = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


class Open311Error(Exception):
    def __init__(self, code: int, description: str):
        super().__init__(description)
        self.code = code
        self.description = description


# Output -----------------------------------------------------------------------------------------------


def _xml_value(parent, tag, value):
    el = ET.SubElement(parent, tag)
    if isinstance(value, dict):
        for k, v in value.items():
            _xml_value(el, k, v)
    elif isinstance(value, list):
        child = XML_ITEMS.get(tag, "item")
        for v in value:
            _xml_value(el, child, v)
    elif isinstance(value, bool):
        el.text = "true" if value else "false"
    elif value is not None:
        # Text is cleaned when stored; rows stored before that may still hold characters XML cannot carry.
        el.text = strip_controls(str(value))


def to_xml(root: str, item: str | None, data) -> bytes:
    """The XML form: `<root><item>…</item>…</root>` for lists, `<root>…</root>` for one object."""
    el = ET.Element(root)
    if item is None:
        for k, v in data.items():
            _xml_value(el, k, v)
    else:
        for entry in data:
            _xml_value(el, item, entry)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(
        el, encoding="utf-8", xml_declaration=False
    )


def respond(fmt: str, data, *, root: str, item: str | None, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        body = to_xml(root, item, data)
    else:
        body = json.dumps(data, ensure_ascii=False).encode()
    response = HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error(fmt: str, code: int, description: str) -> HttpResponse:
    return respond(
        fmt, [{"code": code, "description": description}], root="errors", item="error", status=code
    )


def open311_view(methods=("GET",)):
    """Wrap a view: allowed methods, the format, and errors in the standard's shape."""

    def wrap(fn):
        @csrf_exempt
        def view(request, fmt, *args, **kwargs):
            if request.method not in methods:
                response = error(fmt, 405, "Method not allowed.")
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return fn(request, fmt, *args, **kwargs)
            except Open311Error as exc:
                return error(fmt, exc.code, exc.description)
            except DomainError as exc:
                return error(fmt, exc.status if exc.status in (403, 404) else 400, str(exc))
            except params.BadParameter as exc:
                return error(fmt, 400, str(exc))

        view.__name__ = fn.__name__
        view.__doc__ = fn.__doc__
        return view

    return wrap


def iso(dt) -> str | None:
    return timezone.localtime(dt).isoformat(timespec="seconds") if dt else None


def _param(request, name: str) -> str:
    source = request.POST if request.method == "POST" else request.GET
    return (source.get(name) or "").strip()


def _jurisdiction(request):
    """jurisdiction_id: a quarter or city slug; empty behaves like absent."""
    value = _param(request, "jurisdiction_id")
    if not value:
        return None, None
    quarter = Quarter.objects.filter(slug=value, is_active=True).first()
    if quarter:
        return quarter, None
    city = City.objects.filter(slug=value).first()
    if city:
        return None, city
    raise Open311Error(404, f"Unknown jurisdiction_id “{value}”.")


def _base_url(request) -> str:
    return request.build_absolute_uri(reverse("reports:open311_root"))


# Discovery and services --------------------------------------------------------------------------------


@open311_view()
def discovery(request, fmt):
    """Where the endpoint is, which version and formats it speaks."""
    url = _base_url(request).rstrip("/")
    data = {
        "changeset": CHANGESET,
        "contact": getattr(settings, "OPEN311_CONTACT", "") or f"{settings.SITE_NAME}, {settings.SITE_URL}",
        "key_service": request.build_absolute_uri(reverse("core:home"))
        + " – API keys are issued by the neighbourhood management office (staff › Open311 keys).",
        "endpoints": [
            {
                "specification": SPEC_URL,
                "url": url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, data, root="discovery", item=None)


KEYWORDS = {"problem": "problem", "question": "question", "idea": "idea"}


def _categories(request):
    quarter, city = _jurisdiction(request)
    qs = Category.objects.filter(is_active=True)
    city_id = quarter.city_id if quarter else (city.pk if city else None)
    if city_id:
        qs = qs.filter(Q(city__isnull=True) | Q(city_id=city_id))
    return qs


@open311_view()
def services_list(request, fmt):
    """The categories as Open311 services."""
    qs = _categories(request).annotate(n_attributes=Count("attributes"))
    data = [
        {
            "service_code": c.code,
            "service_name": c.name,
            "description": c.description,
            "metadata": c.n_attributes > 0,
            "type": "realtime",
            "keywords": KEYWORDS.get(c.kind, c.kind),
            "group": c.group,
        }
        for c in qs
    ]
    return respond(fmt, data, root="services", item="service")


@open311_view()
def service_definition(request, fmt, code):
    """The category's extra questions as Open311 attributes."""
    category = _categories(request).filter(code=code).prefetch_related("attributes").first()
    if category is None:
        raise Open311Error(404, f"Unknown service_code “{code}”.")
    attributes = [
        {
            "variable": True,
            "code": a.code,
            "datatype": a.datatype,
            "required": a.required,
            "datatype_description": a.datatype_description,
            "order": a.order,
            "description": a.description,
            "values": [{"key": str(v.get("key")), "name": v.get("name", "")} for v in a.values or []],
        }
        for a in category.attributes.all()
    ]
    data = {"service_code": category.code, "attributes": attributes}
    return respond(fmt, data, root="service_definition", item=None)


# Requests -------------------------------------------------------------------------------------------------


def _key_record(key_hash: str) -> dict | None:
    """What the POST path needs to know about a valid key, as plain values (None: unknown or revoked)."""
    return (
        ApiClient.objects.filter(key_hash=key_hash, revoked_at__isnull=True)
        .order_by()
        .values("id", "quarter_id", "quarter__city_id", "rate_limit_per_minute", "returns_token")
        .first()
    )


def _client(request) -> ApiClient:
    """The API client of this request's key, from the shared cache; counts the request against its limit."""
    key = _param(request, "api_key")
    if not key:
        raise Open311Error(403, "An api_key is required to file a request.")
    key_hash = ApiClient.hash_key(key)
    record = keycache.lookup(
        services.OPEN311_KEY_CACHE, key_hash, lambda: _key_record(key_hash), timeout=CACHE_SECONDS
    )
    if not record:
        raise Open311Error(403, "The api_key is not valid or has been revoked.")
    if not throttle.hit("open311.key", str(record["id"]), limit=record["rate_limit_per_minute"], seconds=60):
        raise Open311Error(
            429, f"Too many requests: at most {record['rate_limit_per_minute']} per minute for this key."
        )
    # Instances built from the cached values; any other field is loaded from the database if it is read.
    client = ApiClient.from_db(
        "default",
        ["id", "quarter_id", "rate_limit_per_minute", "returns_token"],
        [record["id"], record["quarter_id"], record["rate_limit_per_minute"], record["returns_token"]],
    )
    client.quarter = Quarter.from_db(
        "default", ["id", "city_id"], [record["quarter_id"], record["quarter__city_id"]]
    )
    return client


def _category_for_post(code: str, city_id: int):
    """The category and its extra questions, cached briefly: the POST path is the hot one."""
    cache_key = f"open311:category:{city_id}:{code}"
    found = cache.get(cache_key)
    if found is None:
        category = (
            Category.objects.filter(code=code, is_active=True)
            .filter(Q(city__isnull=True) | Q(city_id=city_id))
            .order_by()
            .first()
        )
        found = (category, list(category.attributes.all())) if category else (None, [])
        cache.set(cache_key, found, timeout=CACHE_SECONDS)
    return found


def _quarters_of_city(city_id: int) -> list:
    cache_key = f"open311:quarters:{city_id}"
    quarters = cache.get(cache_key)
    if quarters is None:
        quarters = list(Quarter.objects.filter(is_active=True, city_id=city_id, min_lat__isnull=False))
        cache.set(cache_key, quarters, timeout=CACHE_SECONDS)
    return quarters


def _quarter_for_point(lat: float, lon: float, city_id: int):
    for quarter in _quarters_of_city(city_id):
        if quarter.min_lat <= lat <= quarter.max_lat and quarter.min_lon <= lon <= quarter.max_lon:
            if geo.contains(quarter, lat, lon):
                return quarter
    return None


def _registered_address(request, city_id: int):
    """The register address named by address_id (required to exist) or address_string (if it is known)."""
    address_id = _param(request, "address_id")
    if address_id:
        found = places.by_id(city_id, address_id)
        if found is None:
            raise Open311Error(400, f"Unknown address_id “{address_id[:40]}”.")
        return found
    text = _param(request, "address_string")
    return places.resolve(city_id, text) if text else None


def _attributes(request) -> dict:
    """attribute[code]=v and attribute[code][]=v1&attribute[code][]=v2."""
    out: dict = {}
    for name in request.POST:
        if not name.startswith("attribute[") or "]" not in name:
            continue
        code = name[len("attribute[") : name.index("]")]
        if name.endswith("[]"):
            out[code] = request.POST.getlist(name)
        else:
            out[code] = request.POST.get(name)
    return out


def _float(value: str, name: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise Open311Error(400, f"{name} must be a number.")


@open311_view(methods=("GET", "POST"))
def requests_view(request, fmt):
    """GET: search service requests. POST: file one."""
    if request.method == "POST":
        return _create(request, fmt)
    return _search(request, fmt)


def _create(request, fmt):
    client = _client(request)
    code = _param(request, "service_code")
    if not code:
        raise Open311Error(400, "service_code is required.")
    category, category_attributes = _category_for_post(code, client.quarter.city_id)
    if category is None:
        raise Open311Error(404, f"Unknown service_code “{code}”.")
    lat_raw, lon_raw = _param(request, "lat"), _param(request, "long")
    address = _param(request, "address_string") or _param(request, "address_id")
    if not (lat_raw or lon_raw):
        registered = _registered_address(request, client.quarter.city_id)
        if registered is not None:
            lat_raw, lon_raw, address = str(registered.lat), str(registered.lon), registered.label
    quarter, city = _jurisdiction(request)
    if city is not None and city.pk != client.quarter.city_id:
        raise Open311Error(
            403, f"This api_key files requests only for jurisdiction_id “{client.quarter.slug}”."
        )
    lat = lon = None
    if lat_raw or lon_raw:
        if not (lat_raw and lon_raw):
            raise Open311Error(400, "Give both lat and long.")
        lat, lon = _float(lat_raw, "lat"), _float(lon_raw, "long")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise Open311Error(400, "lat/long are outside the valid range.")
        found = _quarter_for_point(lat, lon, client.quarter.city_id)
        if found is None:
            channel = getattr(settings, "CITY_CHANNEL", "")
            raise Open311Error(
                400,
                "The location lies outside every quarter served here."
                + (f" Please use the city's own channel: {channel}" if channel else ""),
            )
        quarter = found
    elif not address:
        raise Open311Error(400, "A location is required: lat and long, address_string or address_id.")
    quarter = quarter or client.quarter
    if quarter.pk != client.quarter_id:
        # A key files only into the quarter it was issued for, whatever jurisdiction or point is named.
        where = (
            f"The location lies in {quarter.name} (jurisdiction_id “{quarter.slug}”). "
            if lat is not None
            else ""
        )
        raise Open311Error(
            403, f"{where}This api_key files requests only for jurisdiction_id “{client.quarter.slug}”."
        )
    description = request.POST.get("description", "")
    if len(description) > services.MAX_DESCRIPTION:
        raise Open311Error(400, f"description may have at most {services.MAX_DESCRIPTION} characters.")
    email = _param(request, "email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Open311Error(400, "email is not a valid e-mail address.")
    media_url = _param(request, "media_url")
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise Open311Error(400, "media_url is not a valid http(s) URL.")
    name = " ".join(p for p in (_param(request, "first_name"), _param(request, "last_name")) if p)
    report = services.create_report(
        quarter=quarter,
        category=category,
        description=description or category.name,
        lat=lat,
        lon=lon,
        address=address,
        attributes=_attributes(request),
        category_attributes=category_attributes,
        name=name,
        email=email,
        phone=_param(request, "phone"),
        source=Report.Source.OPEN311,
        api_client=client,
        media_url=media_url,
        photos=[request.FILES["media"]] if "media" in request.FILES else (),
        with_token=client.returns_token,
    )
    if client.returns_token:
        data = [{"token": report.open311_token, "service_notice": ""}]
    else:
        data = [{"service_request_id": str(report.pk), "service_notice": "", "account_id": None}]
    return respond(fmt, data, root="service_requests", item="request", status=201)


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
        ReportPhoto.objects.filter(report=OuterRef("pk"), is_public=True).order_by("id").values("pk")[:1]
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
    page, size = _page_params(request)
    rows = _request_rows(qs.order_by("-created_at", "-id"))[(page - 1) * size : page * size]
    return respond(fmt, [request_data(request, r) for r in rows], root="service_requests", item="request")


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
    page, size = _page_params(request)
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
    rows = qs[(page - 1) * size : page * size]
    open_values = set(Report.OPEN_STATUSES)
    data = [
        {
            "update_id": str(u.pk),
            "service_request_id": str(u.report_id),
            "status": ("open" if u.new_status in open_values else "closed")
            if u.new_status
            else u.report.open311_status,
            "description": u.text,
            "media_url": "",
            "updated_datetime": iso(u.created_at),
        }
        for u in rows
    ]
    return respond(fmt, data, root="service_request_updates", item="request_update")


def root(request):
    """/open311/v2/ itself: point to the discovery document."""
    from django.shortcuts import redirect

    return redirect("reports:open311_discovery", "xml")
