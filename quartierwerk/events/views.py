"""Pages of the events module: public calendars and event pages, registration, the staff calendar,
session work (agenda, attendance, minutes, action items) and the personal pages."""

import calendar as pycalendar
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core import exports
from quartierwerk.core import selectors as core_selectors
from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import file_response
from quartierwerk.core.models import City
from quartierwerk.core.views import quarter_or_404, staff_quarter

from . import rules, selectors, services
from .forms import (
    ActionItemForm,
    ActionItemStatusForm,
    AgendaItemForm,
    AttendanceForm,
    EventForm,
    MinutesForm,
    NextSessionForm,
    PostponeForm,
    ReasonForm,
    RegistrationForm,
    VenueForm,
)
from .models import LANGUAGE_CHOICES, ActionItem, AgendaDocument, Event, Minutes, Registration, Venue

PAGE_SIZE = 25
LIST_DAYS = 366
STAFF_PAST_DAYS = 60


def _fail(form, exc: DomainError) -> None:
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    form.add_error(field, str(exc))


def _month_bounds(value: str | None):
    today = timezone.localdate()
    try:
        year, month = (int(p) for p in (value or "").split("-"))
        if not 1900 <= year <= 2200:
            raise ValueError(year)
        first = datetime.date(year, month, 1)
    except (TypeError, ValueError):
        first = today.replace(day=1)
    last_day = pycalendar.monthrange(first.year, first.month)[1]
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(first + datetime.timedelta(days=last_day), datetime.time.min)
    )
    prev_month = (first - datetime.timedelta(days=1)).replace(day=1)
    next_month = first + datetime.timedelta(days=last_day)
    return first, start, end, prev_month, next_month


def _calendar_context(request, *, quarter=None, city=None, include_internal=False):
    """Shared by the quarter, city and staff calendars: a list of coming dates or a month grouped by day."""
    filters = selectors.CalendarFilters.from_query(request.GET)
    view = "month" if request.GET.get("view") == "month" else "list"
    ctx = {
        "filters": filters,
        "view": view,
        "kinds": Event.Kind.choices,
        "topics": Event.Topic.choices,
        "languages": LANGUAGE_CHOICES,
    }
    keep = {
        k: v
        for k, v in request.GET.items()
        if k in ("city", "kind", "topic", "language", "step_free", "childcare") and v
    }
    if view == "month":
        first, start, end, prev_month, next_month = _month_bounds(request.GET.get("month"))
        occurrences = selectors.calendar(
            request.user,
            quarter=quarter,
            city=city,
            start=start,
            end=end,
            filters=filters,
            include_internal=include_internal,
        )
        days: dict = {}
        for occ in occurrences:
            days.setdefault(max(occ.date, first), []).append(occ)
        ctx.update(
            month=first,
            days=sorted(days.items()),
            prev_query=urlencode({**keep, "view": "month", "month": prev_month.strftime("%Y-%m")}),
            next_query=urlencode({**keep, "view": "month", "month": next_month.strftime("%Y-%m")}),
            list_query=urlencode(keep),
        )
    else:
        start = timezone.now().replace(second=0, microsecond=0)
        end = start + datetime.timedelta(days=LIST_DAYS)
        if include_internal:
            # The office also needs the recent past (sessions whose minutes are still to be written), but
            # apart: "coming events" start today.
            past = selectors.calendar_list(
                request.user,
                quarter=quarter,
                city=city,
                start=start - datetime.timedelta(days=STAFF_PAST_DAYS),
                end=start,
                filters=filters,
                include_internal=include_internal,
            )
            ctx["recent_sessions"] = [o for o in past[:PAGE_SIZE] if o.ends_at < start][::-1]
        occurrences = selectors.calendar_list(
            request.user,
            quarter=quarter,
            city=city,
            start=start,
            end=end,
            filters=filters,
            include_internal=include_internal,
        )
        page_obj = Paginator(occurrences, PAGE_SIZE).get_page(request.GET.get("page"))
        ctx.update(
            page_obj=page_obj,
            occurrences=page_obj.object_list,
            query_string=urlencode(keep),
            month_query=urlencode({**keep, "view": "month"}),
        )
    return ctx


def quarter_calendar(request, slug):
    """The public calendar of a quarter."""
    quarter = quarter_or_404(slug)
    ctx = _calendar_context(request, quarter=quarter)
    ctx.update(
        quarter=quarter,
        feed_url=reverse("events:quarter_ics", args=[quarter.slug]),
        rss_url=reverse("events:quarter_rss", args=[quarter.slug]),
        can_manage=rules.can_see_internal(request.user, quarter),
    )
    return render(request, "events/calendar.html", ctx)


def city_calendar(request):
    """All public events of every quarter (and city-wide ones), optionally of one city."""
    city = None
    if request.GET.get("city"):
        city = get_object_or_404(City, slug=request.GET["city"])
    ctx = _calendar_context(request, city=city)
    ctx.update(
        city=city,
        cities=City.objects.all(),
        feed_url=reverse("events:city_ics"),
        rss_url=reverse("events:city_rss"),
    )
    return render(request, "events/calendar.html", ctx)


def _event_or_404(pk, *, quarter=None, city_wide=False) -> Event:
    qs = Event.objects.select_related(
        "quarter", "venue", "group", "organiser_organisation", "city", "minutes"
    )
    if city_wide:
        return get_object_or_404(qs, pk=pk, quarter__isnull=True)
    return get_object_or_404(qs, pk=pk, quarter=quarter)


def _visible_event(request, pk, quarter=None, city_wide=False) -> Event:
    event = _event_or_404(pk, quarter=quarter, city_wide=city_wide)
    if not rules.can_view_event(request.user, event):
        # Internal entries are not revealed: the same answer as for an event that does not exist.
        raise Http404
    return event


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
    from . import ical

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


# ---------------------------------------------------------------- minutes


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
    html = render_to_string("events/minutes_pdf.html", {**ctx, "quarter": quarter}, request=request)

    def no_fetch(url, *args, **kwargs):  # the PDF never loads anything from elsewhere
        raise ValueError("external resources are not loaded")

    pdf = HTML(string=html, url_fetcher=no_fetch).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="protokoll-{event.pk}.pdf"'
    return response


# ---------------------------------------------------------------- staff


@login_required
def staff_calendar(request, slug):
    """The office's calendar: public and internal entries, with registrations at a glance."""
    quarter = staff_quarter(request, slug)
    ctx = _calendar_context(request, quarter=quarter, include_internal=True)
    ctx.update(quarter=quarter, staff=True, can_manage=rules.can_manage_events(request.user, quarter))
    return render(request, "events/calendar.html", ctx)


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


# ---------------------------------------------------------------- session work (chair or office)


def _session_event(request, slug, pk) -> Event:
    quarter = quarter_or_404(slug)
    event = _event_or_404(pk, quarter=quarter)
    if not event.is_session:
        raise Http404
    if not request.user.is_authenticated or not rules.can_manage_session(request.user, event):
        raise PermissionDenied
    return event


@login_required
def session(request, slug, pk, forms_in=None):
    """The workspace of a session: agenda, invitation, attendance, minutes, action items, release."""
    event = _session_event(request, slug, pk)
    forms_in = forms_in or {}
    seats = list(services.current_members(event.group_id, timezone.localtime(event.starts_at).date()))
    items = list(event.agenda_items.prefetch_related("documents"))
    attendance = list(event.attendance.all())
    try:
        minutes = event.minutes  # fetched with the event; a GET writes nothing, saving creates the row
    except Minutes.DoesNotExist:
        minutes = Minutes(event=event)
    from quartierwerk.actors.models import Organisation

    organisations = Organisation.objects.filter(quarter=event.quarter).order_by("name")[:200]
    ctx = {
        "event": event,
        "quarter": event.quarter,
        "minutes": minutes,
        "items": items,
        "seats": seats,
        "quorum": services.quorum(event, attendance, seats),
        "agenda_form": forms_in.get("agenda") or AgendaItemForm(prefix="agenda"),
        "attendance_form": forms_in.get("attendance")
        or AttendanceForm(seats=seats, current={a.person_id: a.status for a in attendance}),
        "minutes_form": forms_in.get("minutes")
        or MinutesForm(items=items, notes=minutes.notes, version=minutes.version),
        "task_form": forms_in.get("task")
        or ActionItemForm(seats=seats, organisations=organisations, items=items, prefix="task"),
        "action_items": list(
            event.action_items.select_related("assignee_person", "assignee_organisation", "agenda_item")
        ),
        "open_tasks": list(selectors.open_action_items_of_group(event.group_id, before=event.starts_at)),
        "status_form": ActionItemStatusForm(),
        "next_form": forms_in.get("next") or NextSessionForm(prefix="next"),
    }
    return render(request, "events/session.html", ctx, status=400 if forms_in else 200)


@login_required
@require_POST
def session_agenda(request, slug, pk):
    event = _session_event(request, slug, pk)
    form = AgendaItemForm(request.POST, request.FILES, prefix="agenda")
    if form.is_valid():
        try:
            # Item and document together: a refused document adds nothing, and the form keeps what was typed.
            with transaction.atomic():
                item = services.add_agenda_item(
                    by=request.user,
                    event=event,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    is_public=form.cleaned_data["is_public"],
                )
                if form.cleaned_data.get("document"):
                    services.attach_document(
                        by=request.user, item=item, uploaded=form.cleaned_data["document"]
                    )
        except DomainError as exc:
            form.add_error("document" if exc.field is None else None, str(exc))
            return session(request, slug, pk, forms_in={"agenda": form})
        messages.success(request, _("The agenda item has been added."))
        return redirect("events:session", slug, pk)
    return session(request, slug, pk, forms_in={"agenda": form})


@login_required
@require_POST
def session_agenda_remove(request, slug, pk, item_pk):
    event = _session_event(request, slug, pk)
    item = get_object_or_404(event.agenda_items, pk=item_pk)
    try:
        services.remove_agenda_item(by=request.user, item=item)
        messages.success(request, _("The agenda item has been removed."))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("events:session", slug, pk)


@login_required
@require_POST
def session_next(request, slug, pk):
    event = _session_event(request, slug, pk)
    form = NextSessionForm(request.POST, prefix="next")
    if form.is_valid():
        try:
            nxt = services.plan_next_session(
                by=request.user, event=event, starts_at=form.cleaned_data["starts_at"]
            )
        except DomainError as exc:
            _fail(form, exc)
            return session(request, slug, pk, forms_in={"next": form})
        messages.success(request, _("The next session is on the calendar."))
        return redirect("events:session", slug, nxt.pk)
    return session(request, slug, pk, forms_in={"next": form})


@login_required
@require_POST
def session_invite(request, slug, pk):
    event = _session_event(request, slug, pk)
    try:
        count = services.invite_members(by=request.user, event=event)
        messages.success(request, _("%(n)s invitations have been sent.") % {"n": count})
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("events:session", slug, pk)


@login_required
@require_POST
def session_attendance(request, slug, pk):
    event = _session_event(request, slug, pk)
    seats = list(services.current_members(event.group_id, timezone.localtime(event.starts_at).date()))
    form = AttendanceForm(request.POST, seats=seats)
    if form.is_valid():
        try:
            services.record_attendance(by=request.user, event=event, statuses=form.statuses())
        except DomainError as exc:
            _fail(form, exc)
            return session(request, slug, pk, forms_in={"attendance": form})
        messages.success(request, _("Attendance has been recorded."))
        return redirect("events:session", slug, pk)
    return session(request, slug, pk, forms_in={"attendance": form})


@login_required
@require_POST
def session_minutes(request, slug, pk):
    event = _session_event(request, slug, pk)
    items = list(event.agenda_items.all())
    form = MinutesForm(request.POST, items=items)
    draft = request.headers.get("HX-Request") == "true"
    if form.is_valid():
        try:
            minutes = services.save_minutes(
                by=request.user,
                event=event,
                notes=form.cleaned_data["notes"],
                items=form.items_data(),
                version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            if draft:
                return render(request, "events/_minutes_status.html", {"error": str(exc)})
            _fail(form, exc)
            return session(request, slug, pk, forms_in={"minutes": form})
        if draft:
            # Saved as one types: the fragment reports it and hands back the new version.
            return render(request, "events/_minutes_status.html", {"minutes": minutes})
        messages.success(request, _("The minutes have been saved."))
        return redirect("events:session", slug, pk)
    if draft:
        return render(
            request, "events/_minutes_status.html", {"error": _("Please check the numbers of votes.")}
        )
    return session(request, slug, pk, forms_in={"minutes": form})


@login_required
@require_POST
def session_release(request, slug, pk):
    event = _session_event(request, slug, pk)
    try:
        services.release_minutes(by=request.user, event=event)
        messages.success(request, _("The minutes are released."))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("events:session", slug, pk)


@login_required
@require_POST
def session_task(request, slug, pk):
    event = _session_event(request, slug, pk)
    seats = list(services.current_members(event.group_id))
    items = list(event.agenda_items.all())
    from quartierwerk.actors.models import Organisation

    organisations = list(Organisation.objects.filter(quarter=event.quarter))
    form = ActionItemForm(request.POST, seats=seats, organisations=organisations, items=items, prefix="task")
    if form.is_valid():
        assignee = form.cleaned_data.get("assignee") or ""
        person = next((s.person for s in seats if f"p{s.person_id}" == assignee), None)
        org = next((o for o in organisations if f"o{o.pk}" == assignee), None)
        item = next((i for i in items if str(i.pk) == form.cleaned_data.get("agenda_item")), None)
        try:
            services.add_action_item(
                by=request.user,
                event=event,
                title=form.cleaned_data["title"],
                assignee_person=person,
                assignee_organisation=org,
                due_date=form.cleaned_data.get("due_date"),
                agenda_item=item,
            )
        except DomainError as exc:
            _fail(form, exc)
            return session(request, slug, pk, forms_in={"task": form})
        messages.success(request, _("The task has been recorded."))
        return redirect("events:session", slug, pk)
    return session(request, slug, pk, forms_in={"task": form})


# ---------------------------------------------------------------- personal pages


@login_required
def my_events(request):
    """My registrations and my personal calendar feed link."""
    regs = (
        Registration.objects.filter(user=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event", "event__quarter")
        .order_by("-event__starts_at")
    )
    page_obj = Paginator(regs, PAGE_SIZE).get_page(request.GET.get("page"))
    from .models import CalendarToken

    has_feed = CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).exists()
    since = timezone.now() - datetime.timedelta(days=90)
    sessions = list(
        Event.objects.filter(group_id__in=selectors.member_group_ids(request.user), starts_at__gte=since)
        .select_related("quarter", "group", "minutes")
        .order_by("starts_at")[:30]
    )
    chaired = {e.pk for e in sessions if rules.can_manage_session(request.user, e)}
    return render(
        request,
        "events/my_events.html",
        {
            "page_obj": page_obj,
            "has_feed": has_feed,
            "feed_url": request.session.pop("qw_events_feed_url", None),
            "sessions": sessions,
            "chaired": chaired,
        },
    )


@login_required
@require_POST
def my_feed_issue(request):
    token = services.issue_calendar_token(user=request.user)
    # Shown once on the next page; only the hash is stored.
    request.session["qw_events_feed_url"] = request.build_absolute_uri(
        reverse("events:personal_ics", args=[token])
    )
    messages.success(request, _("Your new calendar link is ready. Earlier links no longer work."))
    return redirect("events:my_events")


@login_required
@require_POST
def my_feed_revoke(request):
    services.revoke_calendar_tokens(user=request.user)
    messages.success(request, _("Your calendar link no longer works."))
    return redirect("events:my_events")


@login_required
def my_tasks(request):
    """My tasks from sessions: open ones first."""
    show_all = request.GET.get("all") == "1"
    qs = selectors.my_action_items(request.user)
    if not show_all:
        qs = qs.filter(status__in=ActionItem.OPEN_STATES)
    page_obj = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/my_tasks.html",
        {
            "page_obj": page_obj,
            "show_all": show_all,
            "status_choices": ActionItem.Status.choices,
            "query_string": "all=1" if show_all else "",
        },
    )


@login_required
@require_POST
def task_status(request, pk):
    item = get_object_or_404(ActionItem.objects.select_related("event", "assignee_person"), pk=pk)
    if not rules.can_update_item(request.user, item):
        raise PermissionDenied
    form = ActionItemStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_action_item_status(by=request.user, item=item, status=form.cleaned_data["status"])
            messages.success(request, _("The task has been updated."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Please choose a status."))
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("events:my_tasks")
