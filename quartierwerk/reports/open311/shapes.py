"""The standard's shapes: JSON and XML answers, errors as the standard writes them, the shared parameters."""

import json
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from quartierwerk.core import params
from quartierwerk.core.errors import DomainError
from quartierwerk.core.models import City, Quarter
from quartierwerk.core.text import strip_controls

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"


CHANGESET = "2026-11-21T00:00:00+01:00"


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
