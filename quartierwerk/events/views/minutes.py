"""Reading the minutes of a session, as a page or as PDF."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from quartierwerk.core import theme
from quartierwerk.core.views import quarter_or_404

from .. import selectors, services
from .common import _event_or_404


def _minutes_context(request, event):
    minutes = selectors.minutes_for(request.user, event)
    if minutes is None:
        raise Http404
    attendance = list(event.attendance.select_related("person").order_by("status", "person__last_name"))
    items = list(
        event.agenda_items.prefetch_related(
            "action_items__assignee_person", "action_items__assignee_organisation"
        )
    )
    return {
        "event": event,
        "minutes": minutes,
        "attendance": attendance,
        "items": items,
        "quorum": services.quorum(event, attendance),
        "action_items": list(
            event.action_items.select_related("assignee_person", "assignee_organisation", "agenda_item")
        ),
    }


def minutes_view(request, slug, pk):
    quarter = quarter_or_404(slug)
    event = _event_or_404(pk, quarter=quarter)
    return render(request, "events/minutes.html", {**_minutes_context(request, event), "quarter": quarter})


def minutes_pdf(request, slug, pk):
    """Released (or, for the chair and office, draft) minutes as PDF, made with WeasyPrint."""
    from weasyprint import HTML

    quarter = quarter_or_404(slug)
    event = _event_or_404(pk, quarter=quarter)
    ctx = _minutes_context(request, event)
    look = theme.pdf_look(quarter)
    html = render_to_string(
        "events/minutes_pdf.html", {**ctx, "quarter": quarter, "look": look}, request=request
    )
    # The PDF loads nothing from elsewhere: only the city's logo and the funders' marks from our static files.
    pdf = HTML(string=html, url_fetcher=theme.pdf_url_fetcher()).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="protokoll-{event.pk}.pdf"'
    return response
