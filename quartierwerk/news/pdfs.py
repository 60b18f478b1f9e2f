"""A post as a press release (the office's letterhead) and as an A4 notice-board poster with a QR code to its
page; both name the person responsible for content (V.i.S.d.P.) and carry the funders' marks."""

import base64

import segno
from django.conf import settings

from quartierwerk.core import pdf
from quartierwerk.core import selectors as core_selectors


def post_url(post) -> str:
    return settings.SITE_URL + post.get_absolute_url()


def qr_code(url: str):
    """The QR code of a URL (segno, made on the server); the poster and its test read the same one."""
    return segno.make(url, error="m")


def _qr_data_uri(url: str) -> str:
    svg = qr_code(url).svg_inline(scale=10, border=4, dark="#000", light="#fff", omitsize=True)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def responsible_for_content(post) -> str:
    """V.i.S.d.P.: the operator's editor for a quarter's post where one is named, else the city's."""
    quarter = post.quarter
    operator = getattr(quarter, "operator_party", None) if quarter else None
    if operator is not None and operator.content_responsible:
        return operator.content_responsible
    city = core_selectors.city_administration(post.city_id)
    if city is not None and city.content_responsible:
        return city.content_responsible
    return (quarter.contact_name or quarter.operator) if quarter else ""


def _context(post) -> dict:
    return {
        "post": post,
        "quarter": post.quarter,
        "url": post_url(post),
        "responsible": responsible_for_content(post),
    }


def press_release(post) -> bytes:
    return pdf.render_pdf("news/pdf/press_release.html", _context(post))


def poster(post) -> bytes:
    return pdf.render_pdf("news/pdf/poster.html", {**_context(post), "qr": _qr_data_uri(post_url(post))})
