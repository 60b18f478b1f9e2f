"""The states of an action plan version, declared once: services enforce, pages ask."""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.workflow import Transition, Workflow, states

from . import rules
from .models import ActionPlan

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
