"""Every write the events module allows, by sub-domain: planning events and series (`events`), registration
with waiting list (`registrations`), sessions with agenda (`sessions`), `attendance`, `minutes`, `action_items`,
calendar feed links (`calendar_links`) and the scheduled `jobs`. The public names are all importable from here."""

from .action_items import add_action_item, set_action_item_status
from .attendance import quorum, record_attendance
from .calendar_links import issue_calendar_token, revoke_calendar_tokens, user_for_calendar_token
from .common import current_members
from .events import (
    EDITABLE_FIELDS,
    SIGNIFICANT_FIELDS,
    add_exception_date,
    cancel_event,
    create_event,
    create_venue,
    postpone_event,
    update_event,
)
from .jobs import (
    delete_answers_after_events,
    send_action_item_reminders,
    send_event_reminders,
    send_session_reminders,
)
from .minutes import release_minutes, save_minutes
from .registrations import (
    ANSWER_MAX,
    CANCEL_SALT,
    cancel_registration,
    cancel_token,
    cancel_url,
    change_capacity,
    register,
    registration_for_token,
    registration_open,
)
from .sessions import add_agenda_item, attach_document, invite_members, plan_next_session, remove_agenda_item

__all__ = [
    "SIGNIFICANT_FIELDS",
    "EDITABLE_FIELDS",
    "create_venue",
    "create_event",
    "update_event",
    "cancel_event",
    "postpone_event",
    "add_exception_date",
    "CANCEL_SALT",
    "ANSWER_MAX",
    "cancel_token",
    "registration_for_token",
    "cancel_url",
    "registration_open",
    "register",
    "cancel_registration",
    "change_capacity",
    "add_agenda_item",
    "plan_next_session",
    "remove_agenda_item",
    "attach_document",
    "invite_members",
    "record_attendance",
    "quorum",
    "save_minutes",
    "release_minutes",
    "add_action_item",
    "set_action_item_status",
    "issue_calendar_token",
    "revoke_calendar_tokens",
    "user_for_calendar_token",
    "send_event_reminders",
    "send_session_reminders",
    "delete_answers_after_events",
    "send_action_item_reminders",
    "current_members",
]
