"""An event's public page with registration, its calendar file, cancelling by link, agenda documents."""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import file_response
from quartierwerk.core.views import quarter_or_404

from .. import rules, selectors, services
from ..forms import RegistrationForm
from ..models import AgendaDocument, Event, Registration
from .common import _fail, _visible_event


@require_http_methods(["GET", "POST"])
def event_detail(request, slug=None, pk=None):
    """An event's page: when, where, access, registration, agenda and released minutes."""
    quarter = quarter_or_404(slug) if slug else None
    event = _visible_event(request, pk, quarter=quarter, city_wide=slug is None)
    questions = list(event.questions.all())
    form = None
    registration_open = services.registration_open(event)
    if registration_open:
        initial = {}
        if request.user.is_authenticated:
            initial = {"name": request.user.display_name, "email": request.user.email}
        form = RegistrationForm(request.POST or None, event=event, questions=questions, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                reg = services.register(
                    event=event,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    user=request.user,
                    answers=form.answers(),
                    language=translation.get_language() or "",
                )
            except DomainError as exc:
                _fail(form, exc)
            else:
                if reg.status == Registration.Status.CONFIRMED:
                    messages.success(
                        request, _("You are registered. We have sent you a confirmation by e-mail.")
                    )
                else:
                    messages.warning(
                        request,
                        _(
                            "The event is fully booked. You are number %(n)s on the waiting list; we will write "
                            "to you when a place becomes free."
                        )
                        % {"n": reg.waiting_position},
                    )
                return redirect(event.get_absolute_url())
    elif request.method == "POST":
        messages.error(request, _("Registration for this event is closed."))
        return redirect(event.get_absolute_url())
    mine = None
    if request.user.is_authenticated and event.registration_required:
        mine = (
            event.registrations.filter(user=request.user)
            .exclude(status=Registration.Status.CANCELLED)
            .order_by("-created_at")
            .first()
        )
        if mine is not None:
            mine.cancel_path = reverse("events:cancel_registration", args=[services.cancel_token(mine)])
            form = None
    counts = None
    if event.registration_required:
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        counts = {
            "confirmed": confirmed,
            "free": None if event.capacity is None else max(0, event.capacity - confirmed),
        }
    agenda = []
    open_tasks = []
    if event.is_session:
        agenda = selectors.agenda_for(request.user, event)
        open_tasks = selectors.open_tasks_for(request.user, event)
    start = timezone.now()
    upcoming = selectors.occurrences_of(event, start, start + datetime.timedelta(days=120))[:10]
    map_data = None
    if event.venue and event.venue.lat is not None and event.venue.lon is not None:
        from quartierwerk.core import geo

        map_data = geo.feature_collection(
            [geo.feature(geo.point(event.venue.lat, event.venue.lon), {"title": event.venue.name})]
        )
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "quarter": quarter,
            "form": form,
            "registration_open": registration_open,
            "mine": mine,
            "counts": counts,
            "agenda": agenda,
            "open_tasks": open_tasks,
            "upcoming": upcoming if event.recurrence != Event.Recurrence.NONE else [],
            "map_data": map_data,
            "can_manage": rules.can_manage_events(request.user, event),
            "can_manage_session": event.is_session and rules.can_manage_session(request.user, event),
            "can_view_minutes": event.is_session and rules.can_view_minutes(request.user, event),
        },
    )


def event_ics(request, pk):
    """One event as a calendar file."""
    from .. import ical

    event = get_object_or_404(Event.objects.select_related("quarter", "venue", "group"), pk=pk)
    if not rules.can_view_event(request.user, event):
        raise Http404
    response = HttpResponse(ical.single_event(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="termin-{event.pk}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def cancel_registration(request, token):
    """Cancel a registration by the link from the e-mail; asks once before cancelling."""
    reg = services.registration_for_token(token)
    if reg is None:
        return render(request, "events/cancel_registration.html", {"invalid": True}, status=404)
    if request.method == "POST":
        try:
            services.cancel_registration(registration=reg, by=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your registration is cancelled. Thank you for letting us know."))
        return redirect(reg.event.get_absolute_url() if reg.event.is_public else reverse("core:home"))
    return render(request, "events/cancel_registration.html", {"registration": reg, "event": reg.event})


def document_download(request, pk):
    """An agenda document, if the person may see the item it belongs to."""
    doc = get_object_or_404(AgendaDocument.objects.select_related("item__event__group"), pk=pk)
    if not rules.can_view_agenda_item(request.user, doc.item):
        raise Http404
    filename = doc.title
    extension = doc.file.name.rsplit(".", 1)[-1] if "." in doc.file.name else ""
    if extension and not filename.lower().endswith("." + extension.lower()):
        filename = f"{filename}.{extension}"
    return file_response(doc.file, filename=filename, content_type=doc.content_type)
