"""The scheduled jobs: reminders before events, sessions and due tasks, and deleting answers after events."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from quartierwerk.core import reminders
from quartierwerk.core.mail import queue_templated_mail

from .. import ical
from ..models import (
    ActionItem,
    Event,
    Registration,
)
from .common import current_members
from .registrations import _registration_mail


def send_event_reminders(now=None) -> int:
    """Remind confirmed participants a day ahead, with the .ics attached."""
    now = now or timezone.now()
    soon = now + datetime.timedelta(hours=36)
    regs = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=Event.Status.SCHEDULED,
        event__starts_at__gt=now,
        event__starts_at__lte=soon,
    ).select_related("event", "event__quarter", "event__venue")

    def send(reg) -> int:
        _registration_mail(reg, "events/mail/reminder")
        return 1

    return reminders.send_once(regs, mark="reminder_sent_at", send=send, now=now)


def send_session_reminders(now=None) -> int:
    """Remind the members of a group a day before its session, with agenda, open tasks and .ics."""
    from ..selectors import open_action_items_of_group

    now = now or timezone.now()
    soon = now + datetime.timedelta(hours=36)
    sessions = Event.objects.filter(
        group__isnull=False,
        status=Event.Status.SCHEDULED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=soon,
    ).select_related("quarter", "venue", "group")

    def send(event) -> int:
        agenda = list(event.agenda_items.all())
        open_tasks = list(open_action_items_of_group(event.group_id, before=event.starts_at))
        attachment = [("termin.ics", ical.single_event(event), "text/calendar")]
        count = 0
        for seat in current_members(event.group_id):
            if seat.person.email:
                queue_templated_mail(
                    seat.person.email,
                    "events/mail/session_reminder",
                    {
                        "event": event,
                        "person": seat.person,
                        "agenda": agenda,
                        "open_tasks": open_tasks,
                        "event_url": settings.SITE_URL + event.get_absolute_url(),
                    },
                    attachments=attachment,
                )
                count += 1
        return count

    return reminders.send_once(sessions, mark="reminder_sent_at", send=send, now=now)


def delete_answers_after_events(now=None) -> int:
    """Answers to registration questions are only needed for the event: deleted once it is over."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    over = Q(recurrence=Event.Recurrence.NONE, ends_at__lt=now) | Q(
        recurrence=Event.Recurrence.WEEKLY, recurrence_until__lt=today
    )
    events = Event.objects.filter(over, answers_deleted_at__isnull=True)
    ids = list(events.values_list("pk", flat=True)[:5000])
    if not ids:
        return 0
    with transaction.atomic():
        count = Registration.objects.filter(event_id__in=ids).exclude(answers={}).update(answers={})
        Event.objects.filter(pk__in=ids).update(answers_deleted_at=now)
    return count


def send_action_item_reminders(now=None) -> int:
    """Remind the person responsible three days before the due date and again the day after it passed."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    base = ActionItem.objects.filter(
        status__in=ActionItem.OPEN_STATES, due_date__isnull=False, assignee_person__isnull=False
    ).exclude(assignee_person__email="")
    before = base.filter(
        reminded_before_at__isnull=True, due_date__gte=today, due_date__lte=today + datetime.timedelta(days=3)
    )
    after = base.filter(reminded_after_at__isnull=True, due_date__lt=today)
    count = 0
    for items, mark, overdue in ((before, "reminded_before_at", False), (after, "reminded_after_at", True)):
        # The mark and the mail together: a failed mail leaves the task to be reminded next time.
        def send(item, overdue=overdue) -> int:
            queue_templated_mail(
                item.assignee_person.email, "events/mail/task_due", {"item": item, "overdue": overdue}
            )
            return 1

        count += reminders.send_once(
            items.select_related("assignee_person", "group"), mark=mark, send=send, now=now
        )
    return count
