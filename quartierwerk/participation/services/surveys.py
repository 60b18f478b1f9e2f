"""Surveys as a phase of a process: the office writes the questions, participants answer once.

One response per person or per printed code and phase (unique in the database); a second send is refused
as a conflict. Free-text answers are public on the results page only after the office lets them through.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import Conflict, DomainError, NotAllowed, require
from quartierwerk.core.text import clean_line, clean_text

from .. import rules
from ..models import Phase, Question, SurveyAnswer, SurveyResponse
from ..phases import PhaseKind

MAX_CHOICES = 20


def _office(by, phase: Phase) -> None:
    require(rules.can_run_process(by, phase.process), _("You may not change this survey."))
    if phase.kind != PhaseKind.SURVEY:
        raise DomainError(_("Questions belong to a survey phase."))


def save_question(
    *, phase: Phase, by, kind, text, choices=(), scale_max=5, required=False, question=None
) -> Question:
    """Add a question to a survey phase, or change one (not once answers have come in)."""
    _office(by, phase)
    if kind not in Question.Kind.values:
        raise DomainError(_("Choose a kind of question."), field="kind")
    text = clean_line(text, max_length=300, field="text")
    if not text:
        raise DomainError(_("Write the question."), field="text")
    choices = [c for c in (clean_line(c, max_length=200, field="choices") for c in choices) if c]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if not 2 <= len(choices) <= MAX_CHOICES:
            raise DomainError(_("Give between 2 and 20 choices, one per line."), field="choices")
    else:
        choices = []
    if not 2 <= int(scale_max or 5) <= 10:
        raise DomainError(_("A scale goes up to a value between 2 and 10."), field="scale_max")
    with transaction.atomic():
        if question is not None and question.answers.exists():
            raise Conflict(_("This question has answers already and cannot be changed."))
        if question is None:
            question = Question(phase=phase, position=phase.questions.count() + 1)
        question.kind, question.text, question.choices = kind, text, choices
        question.scale_max, question.required = int(scale_max or 5), bool(required)
        question.save()
        audit.record(by, "participation.question_saved", phase.process, question=question.pk)
    return question


def delete_question(*, question: Question, by) -> None:
    _office(by, question.phase)
    if question.answers.exists():
        raise Conflict(_("This question has answers already and cannot be removed."))
    audit.record(by, "participation.question_deleted", question.phase.process, question=question.pk)
    question.delete()


def _answer_rows(question: Question, raw) -> list[SurveyAnswer]:
    """The answer rows for one question from what the form gave (validated here, not only in the form)."""
    empty = raw in (None, "", [], ())
    if empty:
        if question.required:
            raise DomainError(_("Please answer this question."), field=f"q_{question.pk}")
        return []
    field = f"q_{question.pk}"
    if question.kind == Question.Kind.TEXT:
        text = clean_text(str(raw), max_length=2000, field=field)
        return [SurveyAnswer(question=question, text=text)] if text else []
    values = raw if isinstance(raw, (list, tuple)) else [raw]
    try:
        numbers = sorted({int(v) for v in values})
    except (TypeError, ValueError):
        raise DomainError(_("Choose one of the given answers."), field=field) from None
    if question.kind == Question.Kind.SCALE:
        if len(numbers) != 1 or not 1 <= numbers[0] <= question.scale_max:
            raise DomainError(_("Choose one of the given answers."), field=field)
        return [SurveyAnswer(question=question, value=numbers[0])]
    if any(not 0 <= n < len(question.choices) for n in numbers) or (
        question.kind == Question.Kind.SINGLE and len(numbers) != 1
    ):
        raise DomainError(_("Choose one of the given answers."), field=field)
    return [SurveyAnswer(question=question, choice=n) for n in numbers]


def answer_survey(*, phase: Phase, answers: dict, user=None, code=None) -> SurveyResponse:
    """Send the answers to a running survey phase: once per person (account) or printed code.

    `answers` maps question ids to a value: a choice index, a list of them, a scale value or a text.
    """
    if not rules.may("may_answer_survey", user, phase, code):
        raise NotAllowed(_("This survey is not open at the moment."))
    rows = []
    for question in phase.questions.all():
        rows += _answer_rows(question, answers.get(question.pk))
    if not rows:
        raise DomainError(_("Please answer at least one question."))
    account = user if getattr(user, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                phase=phase, user=account, code=None if account else code
            )
            for row in rows:
                row.response = response
            SurveyAnswer.objects.bulk_create(rows)
    except IntegrityError:
        raise Conflict(_("You have answered this survey already. Thank you!")) from None
    audit.record(account or _("code holder"), "participation.survey_answered", phase.process, phase=phase.pk)
    return response


def has_answered(phase: Phase, user=None, code=None) -> bool:
    if getattr(user, "is_authenticated", False):
        return SurveyResponse.objects.filter(phase=phase, user=user).exists()
    return code is not None and SurveyResponse.objects.filter(phase=phase, code=code).exists()


def moderate_answer(*, answer: SurveyAnswer, by, show: bool) -> SurveyAnswer:
    """Let a free-text answer through to the results page, or keep it off."""
    require(rules.can_moderate(by, answer.question.phase.process), _("You may not moderate this survey."))
    answer.moderation = SurveyAnswer.Moderation.SHOWN if show else SurveyAnswer.Moderation.HIDDEN
    answer.save(update_fields=["moderation"])
    audit.record(
        by, "participation.answer_moderated", answer.question.phase.process, answer=answer.pk, show=show
    )
    return answer
