"""The workflows of the events module, declared once: services enforce them, pages ask them.

- an event is scheduled, postponed (to a new date or one still open) or cancelled; a cancelled event stays
  cancelled (it remains in feeds as STATUS:CANCELLED);
- the minutes of a session are a draft, written and changed by the chair or the office, until they are
  released; from then on they are read-only;
- a task agreed in a session moves between open, in progress, done and dropped, in any direction.
"""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.errors import NotAllowed
from quartierwerk.core.workflow import Transition, Workflow, states

from . import rules
from .models import ActionItem, Event, Minutes

E = Event.Status
M = Minutes.Status
A = ActionItem.Status

EVENT = Workflow(
    name="events.Event",
    state_field="status",
    transitions=[
        Transition(
            "postpone", states(E.SCHEDULED, E.POSTPONED), E.POSTPONED, rules.can_manage_events, _("Postpone")
        ),
        Transition(
            "cancel",
            states(E.SCHEDULED, E.POSTPONED),
            E.CANCELLED,
            rules.can_manage_events,
            _("Cancel event"),
        ),
    ],
)

MINUTES = Workflow(
    name="events.Minutes",
    state_field="status",
    transitions=[
        # Notes, agenda and attendance of a draft; nothing changes once the minutes are released.
        Transition("edit", states(M.DRAFT), None, rules.can_write_minutes),
        Transition("release", states(M.DRAFT), M.RELEASED, rules.can_write_minutes, _("Release minutes")),
    ],
)

ACTION_ITEM = Workflow(
    name="events.ActionItem",
    state_field="status",
    # The action is the status the task moves to; it may come from any other status.
    transitions=[
        Transition(
            status.value,
            states(*(s for s in A if s != status)),
            status.value,
            rules.can_update_item,
            status.label,
        )
        for status in A
    ],
)


def enforce(flow: Workflow, user, obj, action: str, *, refused: str, invalid: str) -> Transition:
    """Check one step with this module's messages: first who may take it, then whether the state allows it."""
    if action not in flow.actions:
        raise ValueError(f"{flow.name}: unknown action {action!r}")
    if not any(t.allowed(user, obj) for t in flow.transitions if t.action == action):
        raise NotAllowed(refused)
    return flow.check(user, obj, action, message=invalid)
