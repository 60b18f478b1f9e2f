"""What the parts of the events services share: the status history, the session check, the members of a group."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core.errors import InvalidTransition, require

from .. import rules
from ..models import (
    Event,
    Minutes,
    StatusChange,
)


def _history(*, by, subject: str, old: str, new: str, event=None, action_item=None, note: str = "") -> None:
    StatusChange.objects.create(
        event=event,
        action_item=action_item,
        subject=subject,
        from_status=old,
        to_status=new,
        note=note[:500],
        by=by if getattr(by, "is_authenticated", False) else None,
    )


def _session(event: Event, by) -> Event:
    if event.group_id is None:
        raise InvalidTransition(_("This event is not a session of a group."))
    require(rules.can_manage_session(by, event), _("You may not manage this session."))
    return event


def current_members(group_id: int, on: datetime.date | None = None):
    """Current seats of a group held by persons, with the person (one query)."""
    from quartierwerk.actors.models import GroupMembership

    on = on or timezone.localdate()
    return (
        GroupMembership.objects.filter(group_id=group_id, person__isnull=False, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("person")
        .order_by("role", "person__last_name", "person__first_name")
    )


def _minutes_for_update(event: Event) -> Minutes:
    Minutes.objects.get_or_create(event=event)
    minutes = Minutes.objects.select_for_update().get(event=event)
    minutes.event = event
    return minutes
