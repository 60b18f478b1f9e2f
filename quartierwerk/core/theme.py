"""A city's look on its quarters' pages, PDFs and mails: its name, logo and accent colour, and the logos of the
funding programmes a quarter must show.

The accent colour is refused when white text on it (the header) falls short of WCAG's 4.5:1. A logo is an SVG,
sanitised to drawing elements only (no scripts, event handlers, links or external references), or a PNG, judged
by its content (python-magic) and re-encoded from its pixels. Pages read the theme through
`interface_languages.quarter_facts` (cached per quarter, forgotten when a city or quarter is saved), so showing
it costs no query; the accent reaches the page as a small stylesheet (`core:theme_css`), as the content
security policy allows no inline styles.
"""

import base64
import re
from pathlib import Path

import nh3
from django.core.exceptions import ValidationError
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from . import files

MAX_LOGO_BYTES = 200_000
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
MIN_CONTRAST = 4.5

# The funding programmes whose logos a quarter shows in the footer and on PDFs, with the mark we ship for each.
FUNDERS: dict[str, tuple[str, str]] = {
    "staedtebaufoerderung": (
        _("Städtebauförderung von Bund, Ländern und Gemeinden"),
        "img/funders/staedtebaufoerderung.svg",
    ),
    "eu": (_("Co-funded by the European Union"), "img/funders/eu.svg"),
    "land": (_("Funded by the federal state"), "img/funders/land.svg"),
}

SVG_TAGS = {
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "title",
    "desc",
}  # fmt: skip
SVG_ATTRIBUTES = {
    "*": {
        "fill", "stroke", "stroke-width", "transform", "opacity", "fill-opacity", "stroke-opacity", "fill-rule",
        "clip-rule", "stroke-linecap", "stroke-linejoin", "font-size", "font-family", "font-weight",
        "text-anchor", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points", "width",
        "height", "viewBox", "viewbox", "xmlns", "role", "aria-label",
    }
}  # fmt: skip


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def validate_accent(value: str) -> None:
    """An accent colour must be #rrggbb and carry white text at 4.5:1 at least (WCAG 2.1 AA)."""
    if not value:
        return
    if not HEX_COLOUR.match(value):
        raise ValidationError(_("Give the colour as #rrggbb, for example #0b5394."), code="format")
    ratio = contrast(value, WHITE)
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            _(
                "White text on this colour has a contrast of %(ratio).1f:1; at least 4.5:1 is needed. Choose a darker colour."
            ),
            code="contrast",
            params={"ratio": ratio},
        )


def _safe_value(element: str, attribute: str, value: str) -> str | None:
    lowered = value.lower()
    if "url(" in lowered.replace(" ", "") or "javascript:" in lowered or "data:" in lowered:
        return None
    return value


def sanitise_svg(data: bytes) -> bytes:
    """The drawing of an SVG and nothing else: no script, style, event handler, link, image or foreign object."""
    text = data.decode("utf-8", errors="replace")
    text = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>", "", text, flags=re.I)
    clean = nh3.clean(
        text,
        tags=SVG_TAGS,
        attributes=SVG_ATTRIBUTES,
        attribute_filter=_safe_value,
        strip_comments=True,
        link_rel=None,
        clean_content_tags={"script", "style"},
    ).strip()
    if not clean.startswith("<svg"):
        raise ValidationError(_("The logo is not an SVG drawing."), code="svg")
    if "xmlns=" not in clean[: clean.index(">")]:
        clean = clean.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    return clean.encode()


def clean_logo(uploaded) -> tuple[bytes, str]:
    """An uploaded logo made safe: a sanitised SVG or a re-encoded PNG, with its content type."""
    data = uploaded.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(_("The logo may be at most 200 kB."), code="size")
    kind = files.sniff(data[:4096])
    if kind == "image/png":
        try:
            body, content_type = files.reencode_image(data, uploaded.name)
        except files.UploadRejected as exc:
            raise ValidationError(str(exc), code="png") from exc
        return body, content_type
    if (
        kind in ("image/svg+xml", "text/xml", "application/xml", "text/plain", "text/html")
        and b"<svg" in data
    ):
        return sanitise_svg(data), "image/svg+xml"
    raise ValidationError(_("The logo must be an SVG or PNG file."), code="kind")


MAX_PICTURE_BYTES = 2_000_000


def clean_picture(uploaded) -> tuple[bytes, str]:
    """An uploaded quarter picture made safe: a photo re-encoded from its pixels (no EXIF, no GPS), or an SVG
    illustration sanitised to its drawing, with its content type."""
    data = uploaded.read(MAX_PICTURE_BYTES + 1)
    if len(data) > MAX_PICTURE_BYTES:
        raise ValidationError(_("The picture may be at most 2 MB."), code="size")
    kind = files.sniff(data[:4096])
    if kind in ("image/png", "image/jpeg", "image/webp"):
        try:
            return files.reencode_image(data, uploaded.name)
        except files.UploadRejected as exc:
            raise ValidationError(str(exc), code="image") from exc
    if (
        kind in ("image/svg+xml", "text/xml", "application/xml", "text/plain", "text/html")
        and b"<svg" in data
    ):
        return sanitise_svg(data), "image/svg+xml"
    raise ValidationError(_("The picture must be a JPEG, PNG, WebP or SVG file."), code="kind")


def funders(codes) -> list[dict]:
    """The funders' marks to show, in the order the quarter lists them."""
    return [
        {"code": c, "label": FUNDERS[c][0], "url": static(FUNDERS[c][1])} for c in codes or () if c in FUNDERS
    ]


STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def pdf_look(quarter) -> dict:
    """The theme for a PDF of this quarter: logo as a data URI, accent, city name, funders' marks as files."""
    city = quarter.city
    logo = ""
    if city.logo:
        logo = f"data:{city.logo_type};base64,{base64.b64encode(bytes(city.logo)).decode()}"
    return {
        "city_name": city.name,
        "accent": quarter.accent_colour or city.accent_colour or "#1b3a6b",
        "logo": logo,
        "funder_marks": [
            {"label": FUNDERS[c][0], "url": (STATIC_DIR / FUNDERS[c][1]).as_uri()}
            for c in quarter.funders or ()
            if c in FUNDERS
        ],
    }


def pdf_url_fetcher():
    """A WeasyPrint fetcher that loads the logo (a data URI) and our own static files, nothing from elsewhere."""
    from weasyprint.urls import URLFetcher

    class OwnFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:") or url.startswith(STATIC_DIR.as_uri() + "/"):
                return super().fetch(url, headers)
            raise ValueError("external resources are not loaded")

    return OwnFilesOnly(allowed_protocols=("data", "file"))
