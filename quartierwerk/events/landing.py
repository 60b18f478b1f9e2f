"""What the events module asks of a person on "My work": registrations, group sessions, tasks; for the
office, minutes still to release."""

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.core import formats
from quartierwerk.landing import ITEMS_PER_SECTION, Item, OfficeRow, Section

from . import rules
from .models import ActionItem, Event, Minutes, Registration
from .selectors import member_group_ids

# A task due within this many days is listed as needing the person.
TASK_DUE_SOON_DAYS = 7


def _registrations(viewer) -> Section:
    """The person's next dates: places and waiting-list places at events still to come (one query)."""
    regs = (
        Registration.objects.filter(user=viewer.user, event__ends_at__gte=viewer.now)
        .exclude(status=Registration.Status.CANCELLED)
        .exclude(event__status=Event.Status.CANCELLED)
        .select_related("event", "event__quarter")
        .order_by("event__starts_at", "pk")[:ITEMS_PER_SECTION]
    )
    items = []
    for reg in regs:
        event = reg.event
        if reg.status == Registration.Status.WAITING:
            detail = _("%(date)s – on the waiting list, place %(n)d.") % {
                "date": formats.long_datetime(event.starts_at),
                "n": reg.waiting_position or 0,
            }
        else:
            detail = _("%(date)s – your place is booked.") % {"date": formats.long_datetime(event.starts_at)}
        items.append(
            Item(label=event.title, url=event.get_absolute_url(), detail=detail, when=event.starts_at)
        )
    return Section(
        key="registrations",
        title=_("My registrations"),
        items=items,
        empty_text=_("You are not registered for any coming event."),
        more_label=_("All my events and my calendar link"),
        more_url=reverse("events:my_events"),
    )


def _sessions(viewer) -> Section | None:
    """The next sessions of the groups the person sits in (one query; none for people without a seat)."""
    events = list(
        Event.objects.filter(
            group_id__in=member_group_ids(viewer.user),
            ends_at__gte=viewer.now,
            status=Event.Status.SCHEDULED,
        )
        .select_related("quarter", "group")
        .order_by("starts_at", "pk")[:ITEMS_PER_SECTION]
    )
    if not events:
        return None
    items = [
        Item(
            label=f"{event.group.name}: {event.title}",
            url=event.get_absolute_url(),
            detail=_("Next session: %(date)s.") % {"date": formats.long_datetime(event.starts_at)},
            when=event.starts_at,
        )
        for event in events
    ]
    return Section(
        key="sessions",
        title=_("My sessions"),
        items=items,
        empty_text=_("No session of your groups or committees is planned."),
        more_label=_("All my events and my calendar link"),
        more_url=reverse("events:my_events"),
    )


def _tasks(viewer) -> Section | None:
    """Open tasks from sessions assigned to the person, the earliest due first (one query)."""
    open_tasks = ActionItem.objects.filter(
        assignee_person__user=viewer.user, status__in=ActionItem.OPEN_STATES
    )
    tasks = list(open_tasks.select_related("group").order_by("due_date", "pk")[:ITEMS_PER_SECTION])
    if not tasks:
        return None
    soon = viewer.today + datetime.timedelta(days=TASK_DUE_SOON_DAYS)
    items = []
    for task in tasks:
        if task.due_date and task.due_date < viewer.today:
            detail = _("Overdue since %(date)s.") % {"date": formats.long_date(task.due_date)}
        elif task.due_date:
            detail = _("Due by %(date)s.") % {"date": formats.long_date(task.due_date)}
        else:
            detail = _("No date agreed.")
        if task.group_id:
            detail = f"{task.group.name} · {detail}"
        items.append(
            Item(
                label=task.title,
                url=reverse("events:my_tasks"),
                detail=detail,
                when=task.due_date,
                needs_you=bool(task.due_date and task.due_date <= soon),
            )
        )
    return Section(
        key="tasks",
        title=_("My tasks"),
        items=items,
        empty_text=_("No task from a session is open for you."),
        more_label=_("All my tasks"),
        more_url=reverse("events:my_tasks"),
    )


def sections(viewer) -> list[Section]:
    return [s for s in (_registrations(viewer), _sessions(viewer), _tasks(viewer)) if s is not None]


def office_rows(viewer, quarters) -> dict[int, list[OfficeRow]]:
    """Minutes of past sessions not yet released, and overdue tasks, per quarter (two queries)."""
    allowed = {q.pk: q for q in quarters if rules.can_see_internal(viewer.user, q)}
    if not allowed:
        return {}
    drafts = dict(
        Event.objects.filter(
            quarter_id__in=allowed,
            group__isnull=False,
            ends_at__lt=viewer.now,
            minutes__status=Minutes.Status.DRAFT,
        )
        .values("quarter_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
        .values_list("quarter_id", "n")
    )
    overdue = dict(
        ActionItem.objects.filter(
            quarter_id__in=allowed, status__in=ActionItem.OPEN_STATES, due_date__lt=viewer.today
        )
        .values("quarter_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("quarter_id", "n")
    )
    rows = {}
    for quarter_id, quarter in allowed.items():
        calendar = reverse("events:staff_calendar", args=[quarter.slug])
        rows[quarter_id] = [
            OfficeRow(_("Minutes to release"), drafts.get(quarter_id, 0), calendar),
            OfficeRow(_("Overdue tasks from sessions"), overdue.get(quarter_id, 0), calendar),
        ]
    return rows
