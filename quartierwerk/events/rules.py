"""Who may do what with events, sessions, minutes and action items: one predicate per permission.

Targets are an Event (or anything with `quarter_id`); city-wide events have no quarter.
"""

import rules
from django.utils import timezone

from quartierwerk.core.models import Quarter
from quartierwerk.core.rules import (
    is_admin,
    is_city_staff,
    is_staff_of_quarter,
    role_set,
)


def _group_roles(user, event) -> set[str]:
    """The roles the user holds today in the event's group (through a Person linked to the account)."""
    if not getattr(user, "is_authenticated", False) or getattr(event, "group_id", None) is None:
        return set()
    cache = user.__dict__.setdefault("_qw_group_roles", {})
    if event.group_id not in cache:
        from quartierwerk.actors.models import GroupMembership

        today = timezone.localdate()
        cache[event.group_id] = set(
            GroupMembership.objects.filter(group_id=event.group_id, person__user=user, start_date__lte=today)
            .exclude(end_date__lt=today)
            .values_list("role", flat=True)
        )
    return cache[event.group_id]


@rules.predicate
def is_group_chair(user, event) -> bool:
    """The current chair of the session's group."""
    return "chair" in _group_roles(user, event)


@rules.predicate
def is_group_member(user, event) -> bool:
    """Holds a current seat (any role) in the session's group."""
    return bool(_group_roles(user, event))


@rules.predicate
def event_is_public(user, event) -> bool:
    return bool(event.is_public)


@rules.predicate
def minutes_released_publicly(user, event) -> bool:
    minutes = getattr(event, "minutes", None)
    return bool(minutes and minutes.is_released and event.minutes_are_public)


@rules.predicate
def minutes_released(user, event) -> bool:
    minutes = getattr(event, "minutes", None)
    return bool(minutes and minutes.is_released)


@rules.predicate
def is_city_wide(user, event) -> bool:
    return not isinstance(event, Quarter) and getattr(event, "quarter_id", None) is None


@rules.predicate
def is_staff_of_event_city(user, event) -> bool:
    """City staff of the city a city-wide event belongs to."""
    return getattr(event, "city_id", None) in role_set(user).city_ids


@rules.predicate
def is_assignee(user, item) -> bool:
    person = getattr(item, "assignee_person", None)
    return bool(person and person.user_id and person.user_id == getattr(user, "pk", None))


# The office plans events of its quarter; city staff and administrators plan the city-wide ones.
can_manage_events = is_staff_of_quarter | is_admin | (is_city_wide & is_staff_of_event_city)
# Staff, city staff (read and answer) and administrators see internal entries of the quarter.
can_see_internal = is_staff_of_quarter | is_city_staff | is_admin
can_view_event = event_is_public | can_see_internal | is_group_member
# Registrants' names, e-mails and answers: the office and the city (read), never the public.
can_view_registrations = can_see_internal
# Attendance, minutes and their release: the office or the group's chair.
can_manage_session = can_manage_events | is_group_chair
can_view_minutes = (
    minutes_released_publicly | can_manage_session | can_see_internal | (is_group_member & minutes_released)
)
can_update_action_item = is_assignee | is_staff_of_quarter | is_admin
# The whole agenda (internal items and their documents too): those who run the session, the office and the
# city, and the group's members.
can_see_whole_agenda = can_manage_session | can_see_internal | is_group_member


@rules.predicate
def minutes_are_public(user, event) -> bool:
    """A public session of a public group: what its minutes say may be read by anyone."""
    return bool(event.minutes_are_public)


# The group's open tasks shown with a session: to everyone when its minutes are public, else as the agenda.
can_see_open_tasks = minutes_are_public | can_see_whole_agenda


@rules.predicate
def can_write_minutes(user, minutes) -> bool:
    """Minutes are written and released by whoever manages their session."""
    return can_manage_session(user, minutes.event)


def can_view_agenda_item(user, item) -> bool:
    """An agenda item (and its documents): public items of a visible event, all items as the whole agenda."""
    event = item.event
    return can_see_whole_agenda(user, event) or (item.is_public and can_view_event(user, event))


def can_update_item(user, item) -> bool:
    """An action item may be updated by its assignee, the office, or the chair of its group."""
    if can_update_action_item(user, item):
        return True
    return bool(item.event_id and is_group_chair(user, item.event))


def visible_quarter_ids(user) -> tuple[bool, set[int]]:
    """(sees everything, quarter ids whose internal events the user sees) – for list filters."""
    rs = role_set(user)
    return rs.is_admin, rs.staff_quarter_ids | rs.city_quarter_ids


def visible_city_ids(user) -> set[int]:
    """Ids of the cities whose internal city-wide events the user sees (as city staff) – for list filters."""
    return set(role_set(user).city_ids)
