"""The theme's files: a quarter's accent colour as a stylesheet, a city's logo and a quarter's picture
(core/theme.py)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from . import interface_languages
from .models import City, QuarterPicture

MAX_AGE = 300


@require_GET
def theme_css(request, slug: str):
    """`:root` custom properties with the quarter's accent colour (or its city's); empty without one."""
    facts = interface_languages.quarter_facts(slug)
    if facts is None:
        raise Http404
    accent = facts["accent"]
    body = f":root{{--qw-accent:{accent};--qw-on-accent:#fff}}\n" if accent else ""
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@require_GET
def city_logo(request, slug: str):
    """The city's logo, sanitised when it was uploaded, served so that it can run nothing."""
    city = get_object_or_404(City.objects.only("logo", "logo_type"), slug=slug)
    if not city.logo:
        raise Http404
    response = HttpResponse(bytes(city.logo), content_type=city.logo_type)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@require_GET
def quarter_picture(request, slug: str):
    """The picture the quarter's page leads with, served like the logo: it can run nothing."""
    picture = get_object_or_404(QuarterPicture.objects.only("image", "content_type"), quarter__slug=slug)
    response = HttpResponse(bytes(picture.image), content_type=picture.content_type)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
