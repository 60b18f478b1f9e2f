"""The annual report as PDF, in the quarter's theme, from the same template part as the page."""

from quartierwerk.core import theme
from quartierwerk.core.pdf import pdf_text, render_pdf

from .models import AnnualReport
from .selectors import report_view_context


def report_context(report: AnnualReport, *, version: int | None = None) -> dict:
    look = theme.pdf_look(report.quarter)
    return {
        **report_view_context(report, colour=look["accent"]),
        "look": look,
        "version": version,
        "for_print": True,
    }


def report_pdf(report: AnnualReport, *, version: int | None = None, language: str | None = None) -> bytes:
    return render_pdf("insights/pdf/report.html", report_context(report, version=version), language=language)


def report_text(report: AnnualReport, *, language: str | None = None) -> str:
    return pdf_text("insights/pdf/report.html", report_context(report), language=language)
