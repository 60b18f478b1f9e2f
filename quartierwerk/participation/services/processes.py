"""The office's writes: processes and their phases, printed one-time codes, answers and moderation."""

import secrets

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, multilingual, onetime
from quartierwerk.core.errors import Conflict, DomainError, require
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.text import clean_line, clean_text

from .. import rules
from ..models import MAX_DOTS, Comment, Idea, ParticipationCode, Phase, Process
from ..phases import PhaseKind
from ..workflows import IDEA_FLOW, PROCESS_FLOW

CONCEPT_FIELDS = ("concept_who", "concept_how", "concept_scope", "concept_limits", "concept_results")
# Codes are typed from paper: no 0/O, 1/I/L; 12 characters carry about 59 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
MAX_CODES_PER_BATCH = 500


def _process_fields(title, goal, dots_per_person, concept) -> dict:
    if not isinstance(dots_per_person, int) or not 1 <= dots_per_person <= MAX_DOTS:
        raise DomainError(
            _("Give between 1 and %(n)d dots per person.") % {"n": MAX_DOTS}, field="dots_per_person"
        )
    fields = {
        "title": clean_line(title, max_length=200, field="title"),
        "goal": clean_text(goal, max_length=2000, field="goal"),
        "dots_per_person": dots_per_person,
    }
    if not fields["title"]:
        raise DomainError(_("Please give the process a title."), field="title")
    if not fields["goal"]:
        raise DomainError(_("Please say what the process is for."), field="goal")
    for name in CONCEPT_FIELDS:
        fields[name] = clean_text(concept.get(name, ""), max_length=2000, field=name)
    return fields


def _clean_translations(process: Process, translations) -> dict:
    """Title, goal and concept in the other languages of the city (core/multilingual.py)."""
    return multilingual.clean(
        Process, translations, multilingual.offered(process.city), keep=process.translations
    )


def create_process(
    *, by, city, quarter=None, title, goal, dots_per_person=5, translations=None, **concept
) -> Process:
    """A new process in draft: the office writes the concept and the timeline before it publishes."""
    probe = Process(city=city, quarter=quarter)
    require(rules.can_run_process(by, probe), _("You may not start a process here."))
    fields = _process_fields(title, goal, dots_per_person, concept)
    fields["translations"] = _clean_translations(probe, translations)
    with transaction.atomic():
        process = Process.objects.create(city=city, quarter=quarter, created_by=by, **fields)
        audit.record(by, "participation.process_created", process, title=process.title)
    return process


def update_process(
    *, process: Process, by, title, goal, dots_per_person, translations=None, **concept
) -> Process:
    """Change the title, goal, concept or dots of a process (and their translations, when given)."""
    PROCESS_FLOW.check(by, process, "edit")
    fields = _process_fields(title, goal, dots_per_person, concept)
    if translations is not None:
        fields["translations"] = _clean_translations(process, translations)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(process, name, value)
        process.updated_at = timezone.now()
        process.save()
        audit.record(by, "participation.process_changed", process, title=process.title)
    return process


def publish(*, process: Process, by) -> Process:
    """Make a process public; it needs at least one phase."""
    PROCESS_FLOW.check(by, process, "publish")
    if not process.phases.exists():
        raise DomainError(_("Add at least one phase before publishing."))
    with transaction.atomic():
        process.status = PROCESS_FLOW.target(process, "publish")
        process.published_at = process.published_at or timezone.now()
        process.updated_at = timezone.now()
        process.save(update_fields=["status", "published_at", "updated_at"])
        audit.record(by, "participation.process_published", process)
    return process


def unpublish(*, process: Process, by) -> Process:
    """Take a process back to draft (it disappears from the public pages)."""
    PROCESS_FLOW.check(by, process, "unpublish")
    with transaction.atomic():
        process.status = PROCESS_FLOW.target(process, "unpublish")
        process.updated_at = timezone.now()
        process.save(update_fields=["status", "updated_at"])
        audit.record(by, "participation.process_unpublished", process)
    return process


def save_phase(
    *, process: Process, by, kind, starts_on, ends_on, title="", description="", phase=None
) -> Phase:
    """Add a phase to the timeline, or change one; phases of a process never overlap."""
    PROCESS_FLOW.check(by, process, "edit")
    if kind not in PhaseKind.values:
        raise DomainError(_("Choose a kind of phase."), field="kind")
    if not starts_on or not ends_on:
        raise DomainError(_("Give the first and the last day of the phase."), field="starts_on")
    if ends_on < starts_on:
        raise DomainError(_("The phase cannot end before it starts."), field="ends_on")
    with transaction.atomic():
        Process.objects.select_for_update().get(pk=process.pk)
        overlapping = process.phases.filter(Q(starts_on__lte=ends_on) & Q(ends_on__gte=starts_on))
        if phase is not None:
            overlapping = overlapping.exclude(pk=phase.pk)
        if overlapping.exists():
            raise Conflict(_("Phases of a process may not overlap; change the dates."), field="starts_on")
        phase = phase or Phase(process=process)
        phase.kind = kind
        phase.starts_on, phase.ends_on = starts_on, ends_on
        phase.title = clean_line(title, max_length=200, field="title")
        phase.description = clean_text(description, max_length=2000, field="description")
        phase.save()
        audit.record(by, "participation.phase_saved", process, phase=phase.pk, kind=kind)
    return phase


def delete_phase(*, phase: Phase, by) -> None:
    """Remove a phase that nobody has voted in yet."""
    PROCESS_FLOW.check(by, phase.process, "edit")
    if phase.ballots.exists():
        raise Conflict(_("People have already voted in this phase; it cannot be removed."))
    with transaction.atomic():
        audit.record(by, "participation.phase_removed", phase.process, phase=phase.pk, kind=phase.kind)
        phase.delete()


def normalise_code(raw) -> str:
    """A code as typed from paper: case, blanks and dashes do not matter."""
    return "".join(ch for ch in str(raw or "").upper() if ch.isalnum())[:64]


def _pretty(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def generate_codes(*, process: Process, by, count: int, batch: str = "") -> list[str]:
    """New one-time codes for printing: answered once (only their hashes are stored)."""
    require(rules.can_print_codes(by, process), _("You may not print codes for this process."))
    if not isinstance(count, int) or not 1 <= count <= MAX_CODES_PER_BATCH:
        raise DomainError(
            _("Print between 1 and %(n)d codes at a time.") % {"n": MAX_CODES_PER_BATCH}, field="count"
        )
    batch = clean_line(batch, max_length=120, field="batch")
    codes = []
    with transaction.atomic():
        while len(codes) < count:
            code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
            try:
                with transaction.atomic():
                    ParticipationCode.objects.create(
                        process=process, code_hash=onetime.digest(code), batch=batch, created_by=by
                    )
            except IntegrityError:  # a repeated code (practically never): draw again
                continue
            codes.append(_pretty(code))
        audit.record(by, "participation.codes_printed", process, count=count, batch=batch)
    return codes


def redeem_code(*, process: Process, raw) -> ParticipationCode:
    """Take a printed code into use; each works once (a conditional update decides under concurrency)."""
    code = normalise_code(raw)
    found = onetime.find(
        ParticipationCode.objects.filter(process=process), code, fields=("code_hash",), min_length=CODE_LENGTH
    )
    if found is None:
        raise DomainError(_("This code is not valid for this process. Please check it."), field="code")
    used = ParticipationCode.objects.filter(pk=found.pk, redeemed_at__isnull=True).update(
        redeemed_at=timezone.now()
    )
    if not used:
        raise Conflict(_("This code has already been used."), field="code")
    found.redeemed_at = timezone.now()
    return found


def _answer_mail(idea: Idea) -> None:
    to = idea.email or (idea.author.email if idea.author_id and idea.author else "")
    if not to:
        return
    queue_templated_mail(
        to,
        "participation/mail/answered",
        {"idea": idea, "process": idea.process},
        language=idea.language or None,
        purpose="participation.idea_answered",
    )


def answer_idea(*, idea: Idea, by, action: str, answer: str) -> Idea:
    """The office's answer to an idea (under consideration, taken up, not feasible with its reason).

    The person who brought it in hears of it by mail, in the language they wrote in.
    """
    if action not in ("consider", "take_up", "decline", "reword"):
        raise DomainError(_("Choose an answer."), field="action")
    answer = clean_text(answer, max_length=4000, field="answer")
    if not answer:
        message = (
            _("Say why the idea is not feasible.") if action == "decline" else _("Please write the answer.")
        )
        raise DomainError(message, field="answer")
    with transaction.atomic():
        idea = Idea.objects.select_for_update().select_related("process").get(pk=idea.pk)
        IDEA_FLOW.check(by, idea, action)
        old = idea.status
        idea.status = IDEA_FLOW.target(idea, action)
        idea.answer = answer
        idea.answered_at = timezone.now()
        idea.answered_by = by
        idea.updated_at = idea.answered_at
        idea.save(update_fields=["status", "answer", "answered_at", "answered_by", "updated_at"])
        audit.record(by, "participation.idea_answered", idea, old=old, new=idea.status)
        _answer_mail(idea)
    return idea


def hide_idea(*, idea: Idea, by, reason: str, hidden: bool = True) -> Idea:
    """Hide an idea from the public (with the reason the office notes), or show it again."""
    IDEA_FLOW.check(by, idea, "hide")
    reason = clean_line(reason, max_length=300, field="reason")
    if hidden and not reason:
        raise DomainError(_("Give a reason for hiding."), field="reason")
    with transaction.atomic():
        idea.is_hidden, idea.hidden_reason = hidden, reason if hidden else ""
        idea.save(update_fields=["is_hidden", "hidden_reason"])
        audit.record(
            by, "participation.idea_hidden" if hidden else "participation.idea_shown", idea, reason=reason
        )
    return idea


def hide_comment(*, comment: Comment, by, reason: str, hidden: bool = True) -> Comment:
    """Moderation: hide a comment (its text is no longer shown; the reason is), or show it again."""
    require(rules.can_moderate(by, comment.idea), _("You may not moderate this discussion."))
    reason = clean_line(reason, max_length=300, field="reason")
    if hidden and not reason:
        raise DomainError(_("Give a reason for hiding."), field="reason")
    with transaction.atomic():
        comment.is_hidden = hidden
        comment.hidden_reason = reason if hidden else ""
        comment.hidden_by = by if hidden else None
        comment.save(update_fields=["is_hidden", "hidden_reason", "hidden_by"])
        audit.record(
            by,
            "participation.comment_hidden" if hidden else "participation.comment_shown",
            comment.idea,
            comment=comment.pk,
            reason=reason,
        )
    return comment
