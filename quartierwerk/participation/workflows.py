"""The states of a process and of an idea's answer, declared once: services enforce, pages ask.

Every idea gets an answer: the office moves it from "not answered yet" to under consideration, taken up,
or not feasible (with the reason as its public answer), and may revise an answer later.
"""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.workflow import Transition, Workflow, states

from . import rules
from .models import Idea, Process

P = Process.Status
PROCESS_FLOW = Workflow(
    name="participation.Process",
    state_field="status",
    transitions=[
        Transition("publish", states(P.DRAFT), P.PUBLISHED, rules.can_run_process, _("Publish")),
        Transition("unpublish", states(P.PUBLISHED), P.DRAFT, rules.can_run_process, _("Back to draft")),
        Transition("edit", None, None, rules.can_run_process),
    ],
)

S = Idea.Status
IDEA_FLOW = Workflow(
    name="participation.Idea",
    state_field="status",
    transitions=[
        Transition(
            "consider",
            states(S.NEW, S.TAKEN_UP, S.NOT_FEASIBLE),
            S.UNDER_CONSIDERATION,
            rules.can_answer,
            _("Under consideration"),
        ),
        Transition(
            "take_up",
            states(S.NEW, S.UNDER_CONSIDERATION, S.NOT_FEASIBLE),
            S.TAKEN_UP,
            rules.can_answer,
            _("Taken up"),
        ),
        Transition(
            "decline",
            states(S.NEW, S.UNDER_CONSIDERATION, S.TAKEN_UP),
            S.NOT_FEASIBLE,
            rules.can_answer,
            _("Not feasible"),
        ),
        # A corrected answer text keeps the status.
        Transition(
            "reword", states(S.UNDER_CONSIDERATION, S.TAKEN_UP, S.NOT_FEASIBLE), None, rules.can_answer
        ),
        Transition("hide", None, None, rules.can_moderate, _("Hide")),
    ],
)
# The answering steps in the order the staff form offers them.
ANSWERS = ("consider", "take_up", "decline")
