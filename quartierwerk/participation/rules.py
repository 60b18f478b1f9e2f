"""Who may do what in participation: who the person is, composed with what the running phase allows.

What a phase allows is declared once in `phases.ALLOWS`; the predicates below read it, so pages, API and
services ask the same question. The office (staff of the quarter, city staff, administrators) runs a
process and answers its ideas; it does not vote in it. Everyone else with an account takes part, and
without an account a person takes part with a printed one-time code where the phase allows it.
"""

import rules

from quartierwerk.core.rules import (
    is_admin,
    is_authenticated,
    is_city_staff,
    is_staff_of_quarter,
    quarter_id_of,
)

from .phases import FLAGS


@rules.predicate
def is_citywide(user, target) -> bool:
    return target is not None and quarter_id_of(target) is None


def _process(target):
    return getattr(target, "process", target)


@rules.predicate
def is_published(user, target) -> bool:
    return _process(target).status == "published"


@rules.predicate
def is_visible_idea(user, idea) -> bool:
    return not idea.is_hidden and idea.process.status == "published"


@rules.predicate
def is_author(user, obj) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and obj.author_id == user.pk


def _phase_allows(flag: str):
    @rules.predicate(name=f"phase_{flag}")
    def running_phase_allows(user, phase) -> bool:
        return (
            phase is not None
            and phase.process.is_published
            and phase.is_running()
            and getattr(phase.allows, flag)
        )

    return running_phase_allows


# The office: runs the process (staff of its quarter; city staff for a city-wide one) and reads its internals.
can_run_process = is_staff_of_quarter | is_admin | (is_citywide & is_city_staff)
can_view_office = is_staff_of_quarter | is_city_staff | is_admin
can_answer = can_run_process
can_moderate = can_run_process
can_print_codes = can_run_process
# A participant: anyone signed in who is not the office of this process.
is_participant = is_authenticated & ~can_view_office

can_view_process = is_published | can_view_office
can_view_idea = is_visible_idea | can_view_office

# What a running phase allows, for a person with an account (objects: the phase).
can_submit_idea = is_participant & _phase_allows("may_submit_idea")
can_comment = (is_participant | can_run_process) & _phase_allows("may_comment")
can_support = is_participant & _phase_allows("may_support")
can_dot_vote = is_participant & _phase_allows("may_dot_vote")
can_answer_survey = is_participant & _phase_allows("may_answer_survey")
# Flag a comment for the office: any participant, whatever the phase.
can_flag = is_participant
# Correct one's own idea while ideas are collected; the office corrects at any time (history kept).
can_edit_idea = can_run_process | is_author

BY_FLAG = {
    "may_submit_idea": can_submit_idea,
    "may_comment": can_comment,
    "may_support": can_support,
    "may_dot_vote": can_dot_vote,
    "may_answer_survey": can_answer_survey,
}


def code_allows(code, phase, flag: str) -> bool:
    """Whether a redeemed one-time code lets its holder do `flag` in `phase` (the phase must allow codes)."""
    return bool(
        code is not None
        and phase is not None
        and code.process_id == phase.process_id
        and phase.process.is_published
        and phase.is_running()
        and phase.allows.with_code
        and getattr(phase.allows, flag)
    )


def may(flag: str, user, phase, code=None) -> bool:
    """Whether this person (an account, or a code holder) may do `flag` in this phase now."""
    if phase is None:
        return False
    if BY_FLAG[flag](user, phase):
        return True
    return not is_authenticated(user) and code_allows(code, phase, flag)


def actions(user, phase, code=None) -> dict[str, bool]:
    """Every flag of the phase for this person: the buttons a page shows."""
    return {flag: may(flag, user, phase, code) for flag in FLAGS}
