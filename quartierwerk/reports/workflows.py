"""The status workflow of a report, declared once: from which statuses, which step, to which status, and who.

Services check every status change against `REPORT_WORKFLOW`, rules read it and the staff page asks
`{% workflow_actions report as actions %}` which steps to offer. Staff move freely between the open statuses;
a closed report reopens to "open". The reporter (follow link), supporters and the responsible body (answer
link) take their own steps: their pages check the private link or the support before the service is called.
"""

from django.utils.translation import gettext as _

from quartierwerk.core.errors import InvalidTransition, require
from quartierwerk.core.workflow import Transition, Workflow, states

from . import rules
from .models import Report

S = Report.Status
OPEN = states(*Report.OPEN_STATUSES)
CLOSED = states(*Report.CLOSED_STATUSES)

# From which statuses a report may come to each status.
REACHABLE_FROM: dict[str, frozenset] = {
    S.OPEN: CLOSED,
    S.ACKNOWLEDGED: states(S.OPEN, S.FORWARDED),
    S.FORWARDED: states(S.OPEN, S.ACKNOWLEDGED, S.IN_PROGRESS),
    S.IN_PROGRESS: states(S.OPEN, S.ACKNOWLEDGED, S.FORWARDED, S.SOLVED),
    S.SOLVED: OPEN,
    S.CLOSED: OPEN | {S.SOLVED},
    S.NOT_OUR_MATTER: OPEN,
}

# The office's status form: one step per status it sets.
STATUS_ACTIONS: dict[str, str] = {
    S.OPEN: "reopen",
    S.ACKNOWLEDGED: "acknowledge",
    S.FORWARDED: "mark_forwarded",
    S.IN_PROGRESS: "start_work",
    S.SOLVED: "solve",
    S.CLOSED: "close",
    S.NOT_OUR_MATTER: "decline",
}
# The statuses a responsible body may set with its answer, and the step each one is.
BODY_ACTIONS: dict[str, str] = {
    S.IN_PROGRESS: "body_starts_work",
    S.SOLVED: "body_solves",
    S.NOT_OUR_MATTER: "body_declines",
}


def through_private_link(user, report) -> bool:
    """The reporter (follow link), a supporter or the responsible body (answer link): the page checked it."""
    return True


REPORT_WORKFLOW = Workflow(
    name="reports.Report",
    state_field="status",
    transitions=[
        *(
            Transition(action, REACHABLE_FROM[status], status, rules.can_answer)
            for status, action in STATUS_ACTIONS.items()
        ),
        Transition("forward", OPEN, S.FORWARDED, rules.can_forward),
        # An idea is passed on closed; one that is "not our matter" is not an idea for the office.
        Transition("pass_on_as_idea", OPEN | {S.SOLVED, S.CLOSED}, S.CLOSED, rules.can_triage),
        # A duplicate closes, whatever its status, and its supporters go to the original.
        Transition("merge", None, S.CLOSED, rules.can_triage),
        # The responsible body, through its answer link: an answer until the report is closed, a status with it.
        Transition("body_answer", OPEN | {S.SOLVED, S.NOT_OUR_MATTER}, None, through_private_link),
        *(
            Transition(action, REACHABLE_FROM[status], status, through_private_link)
            for status, action in BODY_ACTIONS.items()
        ),
        # The reporter says an open report has been fixed; reporter or supporters confirm or reject a solution.
        Transition("reporter_says_fixed", OPEN, S.SOLVED, through_private_link),
        Transition("confirm_solution", states(S.SOLVED), S.CLOSED, through_private_link),
        Transition("reject_solution", states(S.SOLVED), S.OPEN, through_private_link),
    ],
)


def may(user, report, action: str) -> bool:
    """Whether the user is among those who may take the step at all, whatever the report's status now."""
    return any(t.allowed(user, report) for t in REPORT_WORKFLOW.transitions if t.action == action)


def check(user, report, action: str, *, message: str | None = None) -> str:
    """Who first, then the status (someone who may not take the step learns nothing of the state); the new status.

    `message` is the refusal when the status does not allow the step.
    """
    require(may(user, report, action), _("You may not do this with this report."))
    if not REPORT_WORKFLOW.can(user, report, action):
        raise InvalidTransition(message or _("This step is not possible in the current state."))
    return REPORT_WORKFLOW.target(report, action)


def cannot_become(report, status: str) -> str:
    """The refusal of a status change the table does not allow."""
    return _("A report that is “%(old)s” cannot become “%(new)s”.") % {
        "old": report.get_status_display(),
        "new": S(status).label if status in S.values else status,
    }
