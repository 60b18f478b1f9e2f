"""The office's pages for one event: planning and changing it, registrations, cancelling and postponing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core import exports
from quartierwerk.core import selectors as core_selectors
from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import staff_quarter

from .. import rules, services
from ..forms import (
    EventForm,
    PostponeForm,
    ReasonForm,
    VenueForm,
)
from ..models import Registration, Venue
from .common import _event_or_404, _fail


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request, slug):
    quarter = staff_quarter(request, slug)
    if not rules.can_manage_events(request.user, quarter):
        raise PermissionDenied
    form = EventForm(request.POST or None, quarter=quarter)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(
                by=request.user, quarter=quarter, questions=form.question_lines(), **form.service_fields()
            )
        except DomainError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("The event is on the calendar."))
            return redirect("events:staff_event", quarter.slug, event.pk)
    return render(request, "events/event_form.html", {"quarter": quarter, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, slug, pk):
    quarter = staff_quarter(request, slug)
    event = _event_or_404(pk, quarter=quarter)
    if not rules.can_manage_events(request.user, event):
        raise PermissionDenied
    form = EventForm(
        request.POST or None, quarter=quarter, with_questions=False, initial=EventForm.initial_for(event)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(by=request.user, event=event, **form.service_fields())
        except DomainError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("The event has been changed."))
            return redirect("events:staff_event", quarter.slug, event.pk)
    return render(request, "events/event_form.html", {"quarter": quarter, "form": form, "event": event})


@login_required
def staff_event(request, slug, pk):
    """An event for the office: registrations and waiting list, cancel or postpone."""
    quarter = staff_quarter(request, slug)
    event = _event_or_404(pk, quarter=quarter)
    if not rules.can_view_registrations(request.user, event):
        raise PermissionDenied
    regs = event.registrations.exclude(status=Registration.Status.CANCELLED).order_by(
        "status", "waiting_position", "created_at"
    )
    page_obj = Paginator(regs, 100).get_page(request.GET.get("page"))
    questions = {str(q.pk): q.text for q in event.questions.all()}
    return render(
        request,
        "events/staff_event.html",
        {
            "quarter": quarter,
            "event": event,
            "page_obj": page_obj,
            "questions": questions,
            "history": event.history.select_related("by"),
            "cancel_form": ReasonForm(prefix="cancel"),
            "postpone_form": PostponeForm(prefix="postpone"),
            "can_manage": rules.can_manage_events(request.user, event),
        },
    )


@login_required
def registrations_csv(request, slug, pk):
    """The list of participants as CSV (for the sign-in sheet); cells are guarded against formula injection."""
    quarter = staff_quarter(request, slug)
    event = _event_or_404(pk, quarter=quarter)
    if not rules.can_view_registrations(request.user, event):
        raise PermissionDenied
    questions = list(event.questions.all())
    header = [_("Name"), _("E-mail"), _("Status"), _("Waiting list"), *[q.text for q in questions]]
    regs = (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .annotate(is_restricted=core_selectors.is_restricted("email"))
        .order_by("status", "waiting_position", "created_at")
    )

    def row(reg):
        if reg.is_restricted:  # Art. 18 / 21: the seat is counted, the person is not named or described
            return [
                str(core_selectors.RESTRICTED_LABEL),
                "",
                reg.get_status_display(),
                reg.waiting_position or "",
            ] + ["" for _q in questions]
        return [reg.name, reg.email, reg.get_status_display(), reg.waiting_position or ""] + [
            reg.answers.get(str(q.pk), "") for q in questions
        ]

    rows = (row(reg) for reg in regs.iterator())
    return exports.csv_response(header, rows, f"anmeldungen-{event.pk}.csv", exports.dialect_for(request))


@login_required
@require_POST
def staff_event_cancel(request, slug, pk):
    quarter = staff_quarter(request, slug)
    event = _event_or_404(pk, quarter=quarter)
    if not rules.can_manage_events(request.user, event):
        raise PermissionDenied
    form = ReasonForm(request.POST, prefix="cancel")
    if form.is_valid():
        try:
            services.cancel_event(by=request.user, event=event, reason=form.cleaned_data["reason"])
            messages.success(request, _("The event is cancelled; registered people have been told."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Please give a reason for the cancellation."))
    return redirect("events:staff_event", quarter.slug, event.pk)


@login_required
@require_POST
def staff_event_postpone(request, slug, pk):
    quarter = staff_quarter(request, slug)
    event = _event_or_404(pk, quarter=quarter)
    if not rules.can_manage_events(request.user, event):
        raise PermissionDenied
    form = PostponeForm(request.POST, prefix="postpone")
    if form.is_valid():
        try:
            services.postpone_event(
                by=request.user,
                event=event,
                reason=form.cleaned_data["reason"],
                starts_at=form.cleaned_data.get("starts_at"),
            )
            messages.success(request, _("The event is postponed; registered people have been told."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Please give a reason for the postponement."))
    return redirect("events:staff_event", quarter.slug, event.pk)


@login_required
@require_POST
def staff_registration_cancel(request, slug, pk, reg_pk):
    quarter = staff_quarter(request, slug)
    event = _event_or_404(pk, quarter=quarter)
    if not rules.can_manage_events(request.user, event):
        raise PermissionDenied
    reg = get_object_or_404(Registration, pk=reg_pk, event=event)
    try:
        services.cancel_registration(registration=reg, by=request.user)
        messages.success(request, _("The registration is cancelled."))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("events:staff_event", quarter.slug, event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def venue_create(request, slug):
    quarter = staff_quarter(request, slug)
    if not rules.can_manage_events(request.user, quarter):
        raise PermissionDenied
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_venue(by=request.user, quarter=quarter, **form.cleaned_data)
        except DomainError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("The venue has been added."))
            return redirect("events:staff_calendar", quarter.slug)
    venues = Venue.objects.filter(quarter=quarter)
    return render(request, "events/venue_form.html", {"quarter": quarter, "form": form, "venues": venues})
