"""Tasks agreed in a session: what, who, by when, and how far it got."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import DomainError, require
from quartierwerk.core.text import clean_line, clean_text

from .. import rules, workflows
from ..models import (
    ActionItem,
    AgendaItem,
    Event,
)
from .common import _history, _session


@transaction.atomic
def add_action_item(
    *,
    by,
    event: Event,
    title: str,
    assignee_person=None,
    assignee_organisation=None,
    due_date: datetime.date | None = None,
    agenda_item: AgendaItem | None = None,
) -> ActionItem:
    """Record a task agreed in a session: what, who, by when."""
    _session(event, by)
    title = clean_line(title, max_length=300, truncate=True)
    if not title:
        raise DomainError(_("Please say what is to be done."), field="title")
    if agenda_item is not None and agenda_item.event_id != event.pk:
        raise DomainError(_("This agenda item belongs to another session."))
    for obj in (assignee_person, assignee_organisation):
        if obj is not None and obj.quarter_id not in (None, event.quarter_id):
            raise DomainError(_("The person or organisation responsible belongs to another quarter."))
    item = ActionItem.objects.create(
        quarter=event.quarter,
        group_id=event.group_id,
        event=event,
        agenda_item=agenda_item,
        title=title,
        assignee_person=assignee_person,
        assignee_organisation=assignee_organisation,
        due_date=due_date,
    )
    audit.record(by, "events.action_item_added", item, event=event.pk, title=title)
    return item


@transaction.atomic
def set_action_item_status(*, by, item: ActionItem, status: str, note: str = "") -> ActionItem:
    """Move a task to open, in progress, done or dropped."""
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("assignee_person", "event")
        .get(pk=item.pk)
    )
    require(rules.can_update_item(by, item), _("You may not change this task."))
    if status not in ActionItem.Status.values:
        raise DomainError(_("Unknown status."), field="status")
    workflows.ACTION_ITEM.check(by, item, status, message=_("The task already has this status."))
    old = item.status
    item.status = status
    item.done_at = timezone.now() if status == ActionItem.Status.DONE else None
    item.save(update_fields=["status", "done_at"])
    _history(
        by=by,
        subject="action_item",
        old=old,
        new=status,
        action_item=item,
        note=clean_text(note, max_length=500, truncate=True),
    )
    audit.record(by, "events.action_item_status", item, status=[old, status])
    return item
