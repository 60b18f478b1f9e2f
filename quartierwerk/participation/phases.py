"""What each kind of phase allows, declared once: permissions, services and buttons all read this table.

A process runs through phases (information, collecting, commenting, prioritising, evaluation, results).
`ALLOWS[kind]` says what people may do while a phase of that kind is running; `rules.py` composes it with
who the person is, services check it before they write, and templates show a button only when the rule
says yes. A new kind of phase (a survey, say) is one new row here and one new flag.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    COLLECTING = "collecting", _("Collecting ideas")
    COMMENTING = "commenting", _("Commenting")
    PRIORITISING = "prioritising", _("Prioritising with dots")
    EVALUATION = "evaluation", _("Evaluation")
    RESULTS = "results", _("Results")
    SURVEY = "survey", _("Survey")


@dataclass(frozen=True)
class Allows:
    """What a running phase allows a participant to do."""

    may_submit_idea: bool = False
    may_comment: bool = False
    may_support: bool = False
    may_dot_vote: bool = False
    may_answer_survey: bool = False
    # Taking part without an account, with a one-time code the office printed, for what the phase allows.
    with_code: bool = False


ALLOWS: dict[str, Allows] = {
    PhaseKind.INFORMATION: Allows(),
    PhaseKind.COLLECTING: Allows(may_submit_idea=True, may_comment=True, may_support=True, with_code=True),
    PhaseKind.COMMENTING: Allows(may_comment=True, may_support=True),
    PhaseKind.PRIORITISING: Allows(may_dot_vote=True, with_code=True),
    PhaseKind.EVALUATION: Allows(),
    PhaseKind.RESULTS: Allows(),
    PhaseKind.SURVEY: Allows(may_answer_survey=True, with_code=True),
}

NOTHING = Allows()
# The flags a phase can allow, in the order pages list them.
FLAGS = ("may_submit_idea", "may_comment", "may_support", "may_dot_vote", "may_answer_survey")


def allows(kind: str | None) -> Allows:
    """What a phase of `kind` allows (nothing for no phase or an unknown kind)."""
    return ALLOWS.get(kind, NOTHING) if kind else NOTHING
