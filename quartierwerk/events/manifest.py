"""What the events module adds to the shared pages (quarter page, staff dashboard, demo data, scheduled jobs)."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.modules import Figure, Link, Panel, per_quarter


def quarter_links(quarter) -> list[Link]:
    return [
        Link(
            _("Calendar"),
            reverse("events:calendar", args=[quarter.slug]),
            _("Events, workshops, consultation hours and public sessions in the quarter."),
        )
    ]


def city_links() -> list[Link]:
    return [
        Link(
            _("Calendar of all quarters"),
            reverse("events:city_calendar"),
            _("Every public event in one list."),
        )
    ]


def dashboard_panel(request, quarter) -> Panel | None:
    """Coming events, full ones, waiting lists, unreleased minutes and overdue tasks: one query per table."""
    from .models import ActionItem, Event, Registration

    now = timezone.now()
    week = now + datetime.timedelta(days=7)
    figures = Event.objects.filter(quarter=quarter).aggregate(
        coming=Count(
            "pk", distinct=True, filter=Q(starts_at__gte=now, starts_at__lt=week, status="scheduled")
        ),
        drafts=Count(
            "pk", distinct=True, filter=Q(group__isnull=False, ends_at__lt=now, minutes__status="draft")
        ),
        waiting=Count(
            "registrations",
            filter=Q(registrations__status=Registration.Status.WAITING, starts_at__gte=now),
        ),
    )
    overdue = ActionItem.objects.filter(
        quarter=quarter, status__in=ActionItem.OPEN_STATES, due_date__lt=timezone.localdate()
    ).count()
    staff_url = reverse("events:staff_calendar", args=[quarter.slug])
    return Panel(
        title=_("Events and sessions"),
        rows=[
            (_("Events in the next 7 days"), figures["coming"], staff_url),
            (_("People on waiting lists"), figures["waiting"], staff_url),
            (_("Minutes not yet released"), figures["drafts"], staff_url),
            (_("Overdue tasks"), overdue, ""),
        ],
        links=[
            Link(_("Staff calendar"), staff_url),
            Link(_("New event"), reverse("events:event_create", args=[quarter.slug])),
        ],
    )


def load_demo(demo) -> None:
    """Add this module's demo data; `demo` holds the quarters and users (see core.demo)."""
    from .demo import load

    load(demo)


def run_scheduled() -> str:
    """Reminders before events, task reminders, and deleting registration answers after events."""
    from . import services

    reminders = services.send_event_reminders()
    sessions = services.send_session_reminders()
    tasks = services.send_action_item_reminders()
    deleted = services.delete_answers_after_events()
    return (
        f"{reminders} event reminders, {tasks} task reminders, {sessions} session reminders, "
        f"answers deleted for {deleted} registrations"
    )


def figures(quarter_ids: list[int], year: int) -> list[Figure]:
    """Events held in the year, and attendance: members present at sessions and confirmed registrations (3 queries)."""
    from .models import Attendance, Event, Registration

    held = Event.objects.filter(quarter_id__in=quarter_ids, starts_at__year=year).exclude(
        status=Event.Status.CANCELLED
    )
    events = held.values("quarter_id").annotate(n=Count("pk")).order_by()
    present = (
        Attendance.objects.filter(event__in=held, status=Attendance.Status.PRESENT)
        .values("event__quarter_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    registered = (
        Registration.objects.filter(event__in=held, status=Registration.Status.CONFIRMED)
        .values("event__quarter_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    attendance: dict[int, int] = {}
    for row in [*present, *registered]:
        quarter_id = row["event__quarter_id"]
        attendance[quarter_id] = attendance.get(quarter_id, 0) + row["n"]
    section = _("Events")
    return [
        Figure("events.events", _("Events held"), per_quarter(events, "n"), section=section),
        Figure("events.attendance", _("Attendance (present and registered)"), attendance, section=section),
    ]
