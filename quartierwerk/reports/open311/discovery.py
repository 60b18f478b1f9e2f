"""Discovery and services: where the endpoint is, and the categories as Open311 services."""

from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse

from ..models import Category
from .shapes import CHANGESET, SPEC_URL, Open311Error, _base_url, _jurisdiction, open311_view, respond


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


def root(request):
    """/open311/v2/ itself: point to the discovery document."""
    return redirect("reports:open311_discovery", "xml")
