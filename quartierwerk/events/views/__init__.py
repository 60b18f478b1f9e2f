"""Pages of the events module, by sub-domain: the `calendars`, an event's public page with registration
(`events`), the `minutes`, the office's pages (`staff`), session work (`sessions`) and the `personal` pages.
urls.py names the views from here."""

from .calendars import city_calendar, quarter_calendar, staff_calendar
from .events import cancel_registration, document_download, event_detail, event_ics
from .minutes import minutes_pdf, minutes_view
from .personal import my_events, my_feed_issue, my_feed_revoke, my_tasks, task_status
from .sessions import (
    session,
    session_agenda,
    session_agenda_remove,
    session_attendance,
    session_invite,
    session_minutes,
    session_next,
    session_release,
    session_task,
)
from .staff import (
    event_create,
    event_edit,
    registrations_csv,
    staff_event,
    staff_event_cancel,
    staff_event_postpone,
    staff_registration_cancel,
    venue_create,
)

__all__ = [
    "quarter_calendar",
    "city_calendar",
    "staff_calendar",
    "event_detail",
    "event_ics",
    "cancel_registration",
    "document_download",
    "minutes_view",
    "minutes_pdf",
    "event_create",
    "event_edit",
    "staff_event",
    "registrations_csv",
    "staff_event_cancel",
    "staff_event_postpone",
    "staff_registration_cancel",
    "venue_create",
    "session",
    "session_agenda",
    "session_agenda_remove",
    "session_next",
    "session_invite",
    "session_attendance",
    "session_minutes",
    "session_release",
    "session_task",
    "my_events",
    "my_feed_issue",
    "my_feed_revoke",
    "my_tasks",
    "task_status",
]
