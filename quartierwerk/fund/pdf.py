"""PDF documents of the fund (application, decision letter, session minutes), rendered from HTML with WeasyPrint."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def _render(template: str, context: dict, language: str | None = None):
    from weasyprint import HTML

    # Letters and minutes are official documents: in the site's language unless asked otherwise.
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


def application_pdf(application, *, language: str | None = None) -> bytes:
    return render_pdf("fund/pdf/application.html", application_context(application), language=language)


def application_context(application) -> dict:
    return {
        "application": application,
        "fund": application.fund,
        "quarter": application.quarter,
        "cost_items": list(application.cost_items.all()),
        "attachments": list(application.attachments.filter(proof__isnull=True)),
    }


def decision_context(decision) -> dict:
    application = decision.application
    return {
        "decision": decision,
        "application": application,
        "fund": application.fund,
        "quarter": application.quarter,
    }


def decision_letter_pdf(decision, *, language: str | None = None) -> bytes:
    return render_pdf("fund/pdf/decision_letter.html", decision_context(decision), language=language)


def minutes_context(session) -> dict:
    from .selectors import session_items

    return {
        "session": session,
        "fund": session.fund,
        "quarter": session.quarter,
        "items": session_items(session),
        "attendances": session.attendances.select_related("member").order_by("member__last_name"),
    }


def minutes_pdf(session, *, language: str | None = None) -> bytes:
    return render_pdf("fund/pdf/minutes.html", minutes_context(session), language=language)
