"""Whole public pages for visitors without a session, from the cache, and Cache-Control for every response.

The outermost middleware. A GET from a visitor without a session, an Authorization header or a pending
message, for a page listed in PUBLIC_PAGES, is keyed by scheme, host, path with query, language and the
generations (core/generations.py) of the modules the page is made from, for its quarter. Writes start new
generations, so a page is never invalidated by hand and never served after a write that changes it.

Stored only: a 200 answer that sets no cookie but the CSRF cookie, carries no `Cache-Control` of its own
and is not streamed. The CSRF token is taken out of the stored copy; `static/js/csrf-fill.js` fetches one
from `core:csrf_token` (uncached) when a visitor first touches a form, and a browser without JavaScript is
sent on to the uncached page (`?fresh=1`) by a `<noscript>` refresh.

Every answer gets a `Cache-Control` that fits it: `no-store` for private links (a `token` in the URL) and
staff pages (under `/staff/` or `/admin/`), `private, no-cache` for other signed-in people, and
`public, max-age=0, must-revalidate` (with an ETag, so a poller gets a 304) for cached public pages and
feeds. Answers for signed-in people are never
stored and never marked public.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from . import generations, interface_languages

CACHE_ALIAS = "default"
FRESH_PARAMETER = "fresh"
ALL_MODULES = generations.MODULES

# URL name -> modules the page is made from. Every page also depends on core (quarter, theme, team).
PUBLIC_PAGES: dict[str, tuple[str, ...]] = {
    "core:home": ALL_MODULES,
    "core:quarter": ALL_MODULES,
    "reports:list": ("reports",),
    "reports:geojson": ("reports",),
    "reports:detail": ("reports",),
    "reports:open311_requests": ("reports",),
    "events:calendar": ("events", "actors"),
    "events:city_calendar": ("events", "actors"),
    "events:detail": ("events", "actors"),
    "events:city_detail": ("events", "actors"),
    "events:quarter_ics": ("events", "actors"),
    "events:city_ics": ("events", "actors"),
    "events:quarter_rss": ("events", "actors"),
    "events:city_rss": ("events", "actors"),
    "events:event_ics": ("events", "actors"),
    "actors:directory": ("actors",),
    "actors:city_directory": ("actors",),
    "actors:directory_geojson": ("actors",),
    "actors:city_geojson": ("actors",),
    "actors:detail": ("actors", "events"),
    "actors:city_detail": ("actors", "events"),
    "actors:groups": ("actors",),
    "actors:group": ("actors", "events"),
    "fund:home": ("fund", "actors"),
    "fund:project": ("fund", "actors"),
    "participation:geojson": ("participation",),
}

STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Content-Security-Policy",
    "Cross-Origin-Opener-Policy",
    "Referrer-Policy",
    "Strict-Transport-Security",
    "Vary",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Permissions-Policy",
)
# Staff pages live under /staff/ (of a quarter or across quarters) and the admin under /admin/.
_STAFF_PATH = re.compile(r"(^|/)(staff|admin)/")
_TOKEN_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')
_ANY_TOKEN = re.compile(rb'csrfmiddlewaretoken"? value="[^"]')


def _has_session(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies  # a message waiting for this visitor (cookie storage)
        or "HTTP_AUTHORIZATION" in request.META
    )


def _quarter_id(slug: str) -> int | None:
    # Shared with the city's languages (CityLanguageMiddleware): one lookup per slug for both.
    facts = interface_languages.quarter_facts(slug)
    return facts["id"] if facts else None


def _page_key(request, match) -> str | None:
    modules = PUBLIC_PAGES.get(match.view_name)
    if modules is None:
        return None
    slug = match.kwargs.get("slug")
    quarter_id = _quarter_id(slug) if slug else None
    if slug and quarter_id is None:
        return None
    stamp = generations.current(("core", *modules), quarter_id)
    language = translation.get_language_from_request(request)
    parts = [request.scheme, request.get_host(), request.get_full_path(), language, stamp]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _from_stored(stored: dict) -> HttpResponse:
    response = HttpResponse(stored["body"], status=200)
    for name, value in stored["headers"]:
        response[name] = value
    response["ETag"] = stored["etag"]
    response["Last-Modified"] = http_date(stored["time"])
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return response


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.has_header("Cache-Control"):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return False  # the page shows a message meant for this visitor
    return set(response.cookies) <= {settings.CSRF_COOKIE_NAME}


def _for_storage(response) -> dict | None:
    """The copy to store (without any CSRF token), or None when a token would remain in it."""
    body = response.content
    if b"csrfmiddlewaretoken" in body:
        # The page has forms: keep them, fill the token in later (or send to the fresh page). The token is
        # removed whether or not this answer sets the CSRF cookie: a visitor who already has the cookie
        # gets a token made from it, which must never reach anybody else.
        body = _TOKEN_INPUT.sub(rb"\1\2", body)
        if _ANY_TOKEN.search(body):
            return None
        head = (
            f'<script src="{static("js/csrf-fill.js")}" defer></script>'
            f'<noscript><meta http-equiv="refresh" content="0; url=__FRESH__"></noscript></head>'
        ).encode()
        body = body.replace(b"</head>", head, 1)
    headers = [(name, response[name]) for name in STORED_HEADERS if response.has_header(name)]
    return {
        "body": body,
        "headers": headers,
        "etag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        "time": int(time.time()),
    }


def _fresh_url(request) -> str:
    path = request.get_full_path()
    return path + ("&" if "?" in path else "?") + f"{FRESH_PARAMETER}=1"


def _answer(request, stored: dict) -> HttpResponse:
    body = stored["body"].replace(b"__FRESH__", _fresh_url(request).replace("&", "&amp;").encode())
    response = _from_stored({**stored, "body": body})
    if request.method == "HEAD":
        response.content = b""
    return get_conditional_response(
        request, etag=stored["etag"], last_modified=stored["time"], response=response
    )


def _set_cache_control(request, response, match) -> None:
    """Cache-Control for answers not served from the page cache."""
    if match is not None and "token" in match.kwargs:
        response["Cache-Control"] = "no-store"
        return
    if response.has_header("Cache-Control"):
        return
    if _STAFF_PATH.search(request.path_info):
        response["Cache-Control"] = "private, no-store"
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ("Cookie",))


class PageCacheMiddleware:
    """Serve and store whole public pages for visitors without a session; set Cache-Control on the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith((settings.STATIC_URL or "/static/", settings.MEDIA_URL or "/media/")):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        key = None
        if (
            settings.PAGE_CACHE_SECONDS > 0
            and match is not None
            and request.method in ("GET", "HEAD")
            and FRESH_PARAMETER not in request.GET
            and not _has_session(request)
            and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
        ):
            key = _page_key(request, match)
        cache = caches[CACHE_ALIAS]
        if key is not None:
            stored = cache.get(key)
            if stored is not None:
                return _answer(request, stored)
        response = self.get_response(request)
        if key is not None and request.method == "GET" and _storable(request, response):
            stored = _for_storage(response)
            if stored is not None:
                cache.set(key, stored, timeout=settings.PAGE_CACHE_SECONDS)
                if stored["body"] == response.content:  # no token of this visitor's in it: public
                    response["ETag"] = stored["etag"]
                    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
                return response
        _set_cache_control(request, response, match)
        return response
