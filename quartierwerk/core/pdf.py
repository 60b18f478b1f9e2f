"""PDF documents rendered from HTML templates with WeasyPrint (letters, minutes, records)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def _render(template: str, context: dict, language: str | None = None):
    from weasyprint import HTML

    # Letters, minutes and records are official documents: in the site's language unless asked otherwise.
    with translation.override(language or settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return HTML(string=html).render()


def render_pdf(template: str, context: dict, *, language: str | None = None) -> bytes:
    """Render an HTML template to PDF bytes."""
    return _render(template, context, language).write_pdf()


def _texts(box):
    text = getattr(box, "text", None)
    if text:
        yield text
    for child in getattr(box, "children", None) or []:
        yield from _texts(child)


def pdf_text(template: str, context: dict, *, language: str | None = None) -> str:
    """The text a PDF would show, read from WeasyPrint's laid-out pages (for tests and previews)."""
    document = _render(template, context, language)
    return " ".join(t for page in document.pages for t in _texts(page._page_box))
