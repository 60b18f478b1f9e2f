"""The states of an action plan version, declared once: services enforce, pages ask."""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.workflow import Transition, Workflow, states

from . import rules
from .models import ActionPlan, FundingSource, Project

P = ActionPlan.Status
PLAN_FLOW = Workflow(
    name="planning.ActionPlan",
    state_field="status",
    transitions=[
        Transition("edit", states(P.DRAFT), None, rules.can_manage),
        Transition("publish", states(P.DRAFT), P.PUBLISHED, rules.can_manage, _("Publish")),
        Transition("revise", states(P.PUBLISHED), None, rules.can_manage, _("Revise for next year")),
        Transition("record_value", None, None, rules.can_manage),
    ],
)

S = Project.Stage
OPEN_STAGES = (S.IDEA, S.PLANNING, S.FUNDING_APPLIED, S.FUNDED, S.RUNNING)
PROJECT_FLOW = Workflow(
    name="planning.Project",
    state_field="stage",
    transitions=[
        Transition("plan", states(S.IDEA), S.PLANNING, rules.can_manage, _("Start planning")),
        Transition(
            "apply", states(S.PLANNING), S.FUNDING_APPLIED, rules.can_manage, _("Funding applied for")
        ),
        Transition("fund", states(S.FUNDING_APPLIED), S.FUNDED, rules.can_manage, _("Funded")),
        # A project paid from own means starts without an application.
        Transition("start", states(S.PLANNING, S.FUNDED), S.RUNNING, rules.can_manage, _("Start")),
        Transition("complete", states(S.RUNNING), S.COMPLETED, rules.can_manage, _("Completed")),
        Transition("stop", states(*OPEN_STAGES), S.STOPPED, rules.can_manage, _("Stop")),
        Transition("resume", states(S.STOPPED), S.PLANNING, rules.can_manage, _("Resume planning")),
        Transition("edit", None, None, rules.can_manage),
    ],
)
# The moves a board card offers, in the order of the table.
MOVES = ("plan", "apply", "fund", "start", "complete", "stop", "resume")


def moves(user, project) -> list[tuple[str, str]]:
    """(action, button label) of every stage move this person may make with this project now."""
    return [
        (t.action, t.label)
        for t in PROJECT_FLOW.transitions
        if t.action in MOVES and t.starts_from(project.stage) and t.allowed(user, project)
    ]


F = FundingSource.State
SOURCE_FLOW = Workflow(
    name="planning.FundingSource",
    state_field="state",
    transitions=[
        Transition("apply", states(F.PLANNED), F.APPLIED, rules.can_manage, _("Applied for")),
        Transition("grant", states(F.APPLIED), F.GRANTED, rules.can_manage, _("Granted")),
        Transition("call", states(F.GRANTED), F.CALLED, rules.can_manage, _("Called")),
        Transition("account", states(F.CALLED), F.ACCOUNTED, rules.can_manage, _("Accounted for")),
        Transition("edit", None, None, rules.can_manage),
    ],
)
SOURCE_MOVES = ("apply", "grant", "call", "account")
