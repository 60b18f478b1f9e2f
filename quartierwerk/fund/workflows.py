"""The fund's workflows, declared once: from which states, which action, to which state, and who may take it.

The services take every new state from these tables (`step` below), the pages ask them which buttons to show
(`APPLICATION.can(user, application, "complete")`), and who may take a step is a predicate of `rules.py`, so
the status sets never drift apart. The services check who before they lock a row and the state under the
lock, each with its own message.

Some steps are taken by the count of an award-team session rather than by a button (`recommend`, `award`,
`refuse`, `postpone`, `return`): their target depends on the votes, so each outcome is a step of its own.
"""

from quartierwerk.core.errors import InvalidTransition
from quartierwerk.core.workflow import ANY, Transition, Workflow, for_object, states

from . import rules
from .models import Application, AwardSession, Decision, ProofOfUse

S = Application.Status


def _holder_of_the_link(user, application) -> bool:
    """The applicant: whoever holds the private link (or the account) the views resolved the application by."""
    return True


# Every state from which the office may still decide (the award team's agenda aside).
_BEFORE_DECISION = states(S.RECOMMENDED, S.COMPLETE, S.DEFERRED)

APPLICATION = Workflow(
    name="fund.Application",
    state_field="status",
    transitions=[
        # The applicant.
        Transition("submit", states(*Application.EDITABLE_STATES), S.SUBMITTED, _holder_of_the_link),
        Transition(
            "withdraw",
            states(S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.COMPLETE, S.DEFERRED),
            S.WITHDRAWN,
            _holder_of_the_link,
        ),
        Transition("submit_proof", states(S.APPROVED), S.PROOF_SUBMITTED, _holder_of_the_link),
        # The office's completeness check.
        Transition("complete", states(S.SUBMITTED), S.COMPLETE, rules.can_triage),
        Transition(
            "request_changes",
            states(S.SUBMITTED, S.COMPLETE, S.DEFERRED),
            S.CHANGES_REQUESTED,
            rules.can_triage,
        ),
        # Onto a session's agenda; the session's count moves it on.
        Transition("schedule", states(S.COMPLETE, S.DEFERRED), S.SCHEDULED, rules.can_schedule),
        Transition("recommend", states(S.SCHEDULED), S.RECOMMENDED, rules.can_count_votes),
        Transition("award", states(S.SCHEDULED), S.APPROVED, rules.can_count_votes),
        Transition("refuse", states(S.SCHEDULED), S.REJECTED, rules.can_count_votes),
        Transition("postpone", states(S.SCHEDULED), S.DEFERRED, rules.can_count_votes),
        Transition("return", states(S.SCHEDULED), S.COMPLETE, rules.can_count_votes),  # not quorate
        # The office's decision: its own up to its limit, or after the award team's recommendation.
        Transition("approve", _BEFORE_DECISION, S.APPROVED, rules.can_decide_now),
        Transition("reject", _BEFORE_DECISION, S.REJECTED, rules.can_decide_now),
        Transition("defer", _BEFORE_DECISION, S.DEFERRED, rules.can_decide_now),
        # Money and the proof of use.
        Transition(
            "correct", states(S.APPROVED, S.PROOF_SUBMITTED, S.REPAYMENT_DUE), None, rules.can_correct_amount
        ),
        Transition("payout", states(*Application.FUNDED_STATES), None, rules.can_record_payout),
        Transition("accept_proof", states(S.PROOF_SUBMITTED), S.CLOSED, rules.can_check_proof),
        Transition("question_proof", states(S.PROOF_SUBMITTED), S.APPROVED, rules.can_check_proof),
        Transition("claim_repayment", states(S.PROOF_SUBMITTED), S.REPAYMENT_DUE, rules.can_check_proof),
        Transition("note", ANY, None, rules.can_add_note),
    ],
)

# A decision's outcome → the step it takes: by the office, or by the award team's count.
OFFICE_DECISION = {
    Decision.Outcome.APPROVED: "approve",
    Decision.Outcome.APPROVED_WITH_CONDITIONS: "approve",
    Decision.Outcome.REJECTED: "reject",
    Decision.Outcome.DEFERRED: "defer",
}
AWARD_TEAM_DECISION = {
    Decision.Outcome.APPROVED: "award",
    Decision.Outcome.APPROVED_WITH_CONDITIONS: "award",
    Decision.Outcome.REJECTED: "refuse",
    Decision.Outcome.DEFERRED: "postpone",
}
# A proof of use's check → the step it takes.
PROOF_CHECK = {
    ProofOfUse.Status.ACCEPTED: "accept_proof",
    ProofOfUse.Status.QUESTIONS: "question_proof",
    ProofOfUse.Status.REPAYMENT_DUE: "claim_repayment",
}


def step(obj, action: str, message) -> str:
    """The state of an application or session after `action`; InvalidTransition with the service's own
    message when its current state does not allow the action."""
    workflow = for_object(obj)
    if workflow.state(obj) not in workflow.sources(action):
        raise InvalidTransition(message)
    return workflow.target(obj, action)


P = AwardSession.Status

SESSION = Workflow(
    name="fund.AwardSession",
    state_field="status",
    transitions=[
        Transition("schedule", states(P.PLANNED), None, rules.can_schedule),
        Transition("record_attendance", states(P.PLANNED), None, rules.can_enter_paper_votes),
        Transition("close", states(P.PLANNED), P.CLOSED, rules.can_close_session),
        Transition("sign", states(P.CLOSED), P.SIGNED, rules.can_sign_minutes),
    ],
)
