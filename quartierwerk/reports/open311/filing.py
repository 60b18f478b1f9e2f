"""Filing a request (POST): the key, its limit and scope, the category, the place; the hot path, kept lean."""

from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models import Q

from quartierwerk.core import geo, keycache, throttle
from quartierwerk.core.models import Quarter
from quartierwerk.core.places import selectors as places

from .. import services
from ..models import ApiClient, Category, Report
from .shapes import Open311Error, _jurisdiction, _param, respond

# Keys, categories and quarter outlines change rarely; the POST path reads them from the shared cache for this
# long, as plain values. Revoking a key starts a new generation of the key lookups, for every worker at once.
CACHE_SECONDS = 60


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


def _cached_rows(cache_key: str, load) -> list:
    """Rows kept in the shared cache as JSON text (Django's serializer), never as pickled model objects:
    every worker reads the same plain values, and a release that changes a model never meets an old pickle."""
    text = cache.get(cache_key)
    if text is None:
        text = serializers.serialize("json", load())
        cache.set(cache_key, text, timeout=CACHE_SECONDS)
    return [item.object for item in serializers.deserialize("json", text)]


def _category_for_post(code: str, city_id: int):
    """The category and its extra questions, cached briefly: the POST path is the hot one."""

    def load():
        category = (
            Category.objects.filter(code=code, is_active=True)
            .filter(Q(city__isnull=True) | Q(city_id=city_id))
            .order_by()
            .first()
        )
        return [category, *category.attributes.all()] if category else []

    rows = _cached_rows(f"open311:category-rows:{city_id}:{code}", load)
    return (rows[0], rows[1:]) if rows else (None, [])


def _quarters_of_city(city_id: int) -> list:
    return _cached_rows(
        f"open311:quarter-rows:{city_id}",
        lambda: Quarter.objects.filter(is_active=True, city_id=city_id, min_lat__isnull=False),
    )


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
