"""PDF documents of the fund (application, decision letter, session minutes), rendered from HTML with WeasyPrint."""

from quartierwerk.core.pdf import pdf_text, render_pdf

__all__ = ["pdf_text", "render_pdf"]


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
