"""The results report of a process as PDF: ideas with support, dots, channel and answer, and the surveys.

Counts of people below 3 are printed as "fewer than 3" (templatetags `few`), so a report passed around the
quarter does not tell who supported or answered what in a small group.
"""

from quartierwerk.core.pdf import pdf_text, render_pdf

from . import selectors

__all__ = ["pdf_text", "render_pdf", "results_context", "results_pdf"]


def results_context(process) -> dict:
    ideas = list(selectors.ranked(process))
    return {
        "process": process,
        "quarter": process.quarter,
        "phases": list(process.phases.all()),
        "ideas": ideas,
        "channels": selectors.channels(process),
        "surveys": selectors.survey_results(process),
        "answered": sum(1 for i in ideas if i.status != "new"),
    }


def results_pdf(process, *, language: str | None = None) -> bytes:
    return render_pdf("participation/pdf/results.html", results_context(process), language=language)
