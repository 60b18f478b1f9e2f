"""Session work for the group's chair or the office: agenda, invitation, attendance, minutes, tasks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404

from .. import rules, selectors, services
from ..forms import (
    ActionItemForm,
    ActionItemStatusForm,
    AgendaItemForm,
    AttendanceForm,
    MinutesForm,
    NextSessionForm,
)
from ..models import Event, Minutes
from .common import _event_or_404, _fail


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
        # Minutes are released once the session has taken place (the service refuses it before).
        "has_taken_place": event.starts_at <= timezone.now(),
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
