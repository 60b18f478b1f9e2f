"""Every write of the fund: applications, their workflow, sessions and votes, decisions, money, proof of use.

Money moves only here, under a row lock on the fund (and its kind of project), and the database's check
constraints refuse any overcommitment even if this code were wrong.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, throttle
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, NotAllowed, require
from quartierwerk.core.files import atomic_with_files, clean_upload, store
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.selectors import restriction_for
from quartierwerk.core.text import clean_email, clean_for_column, clean_line, clean_text

from . import checks, limits, rules
from .models import (
    ZERO,
    AgendaItem,
    Application,
    ApplicationVersion,
    Attachment,
    AwardSession,
    Category,
    CostItem,
    Decision,
    Fund,
    LedgerEntry,
    Note,
    Payout,
    ProofOfUse,
    Recusal,
    StatusChange,
    Vote,
)

S = Application.Status
CENT = Decimal("0.01")
ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024
MAX_ATTACHMENTS = 12
WITHDRAWABLE = (S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.COMPLETE, S.DEFERRED)
EDITABLE_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "organisation_name",
    "email",
    "phone",
    "is_of_age",
    "title",
    "summary",
    "description",
    "benefit",
    "start_date",
    "end_date",
    "location",
    "lat",
    "lon",
    "no_other_funding",
    "own_contribution",
    "other_funding",
    "category",
)
TEXT_FIELDS = (
    "applicant_name",
    "organisation_name",
    "phone",
    "title",
    "summary",
    "description",
    "benefit",
    "location",
)


class RuleViolation(DomainError):
    """An application that breaks the fund's rules; `problems` lists every reason."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(" ".join(p.message for p in problems), field=problems[0].field if problems else None)


def to_money(value, *, field: str = "", allow_zero: bool = True) -> Decimal:
    """A euro amount from user input; raises a clear DomainError for text, negatives or too many decimals."""
    if isinstance(value, str):
        value = value.strip().replace("€", "").replace(" ", "")
        if "," in value:
            value = value.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise DomainError(_("“%(value)s” is not an amount of money.") % {"value": value}, field=field)
    if not amount.is_finite():
        raise DomainError(_("“%(value)s” is not an amount of money.") % {"value": value}, field=field)
    if amount < 0 or (amount == 0 and not allow_zero):
        raise DomainError(_("Amounts must be more than zero."), field=field)
    if amount > limits.AMOUNT_MAX:
        raise DomainError(
            _("That amount is too large: at most %(max)s.") % {"max": checks.euro(limits.AMOUNT_MAX)},
            field=field,
        )
    if amount != amount.quantize(CENT):
        raise DomainError(_("Amounts have at most two decimal places (cents)."), field=field)
    return amount.quantize(CENT)


def _actor_label(actor) -> str:
    return (
        str(actor) if getattr(actor, "is_authenticated", False) else (actor if isinstance(actor, str) else "")
    )


def _move(application: Application, to_status: str, actor, note: str = "") -> None:
    from_status = application.status
    application.status = to_status
    application.save(update_fields=["status"])
    StatusChange.objects.create(
        application=application,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_actor_label(actor)[:200],
        note=note,
    )
    audit.record(actor, "fund.status_changed", application, status=[from_status, to_status], note=note)


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("fund", "quarter", "category")
        .get(pk=application.pk)
    )


def private_link(application: Application, token: str) -> str:
    return settings.SITE_URL + reverse("fund:applicant", args=[token])


# Mails sent even while a restriction (Art. 18) or objection (Art. 21) is in force: the links the person
# asks for themselves, and what the procedure requires (a change request, the decision - an administrative
# act that must be notified -, the result of the proof-of-use check and the notice that it is overdue).
# The confirmation of a submission and the friendly reminder before the proof is due are held back.
MAILS_SENT_DESPITE_RESTRICTION = frozenset(
    {"draft_link", "new_link", "changes_requested", "decision", "proof_checked", "proof_overdue"}
)


def _mail_applicant(application: Application, template: str, context: dict, attachments=()) -> None:
    """Mail the applicant, unless the mail is not required and the address has a restriction in force."""
    if template not in MAILS_SENT_DESPITE_RESTRICTION and restriction_for(application.email) is not None:
        audit.record(None, "fund.mail_withheld", application, template=template)
        return
    queue_templated_mail(
        application.email,
        f"fund/mail/{template}",
        {"application": application, "quarter": application.quarter, "fund": application.fund, **context},
        attachments=attachments,
    )


# --- Applications -------------------------------------------------------------------------------

START_LIMIT_PER_HOUR = 10  # new drafts per address (IP) and hour; each one sends an e-mail
LINK_LIMIT_PER_HOUR = 3  # new-link mails per e-mail address and hour


def _throttle_message() -> str:
    return _("Too many requests from here; please try again in an hour or contact the office.")


def start_application(
    *,
    fund: Fund,
    applicant_name: str,
    email: str,
    applicant_kind: str = Application.ApplicantKind.PRIVATE,
    organisation_name: str = "",
    user=None,
    language: str | None = None,
    client_address: str | None = None,
) -> tuple[Application, str]:
    """Open a draft and mail its private link; returns the draft and the clear token (shown once).

    With `client_address` (web form, API) the (limit+1)-th draft from one address within the hour is
    refused: each draft sends an e-mail.
    """
    if client_address is not None:
        throttle.check(
            "fund.start",
            client_address,
            limit=START_LIMIT_PER_HOUR,
            seconds=3600,
            message=_throttle_message(),
        )
    if not fund.is_open:
        raise InvalidTransition(_("The fund does not take applications at the moment."))
    if applicant_kind not in Application.ApplicantKind.values:
        raise DomainError(_("Please choose who applies."), field="applicant_kind")
    name = clean_line(applicant_name, max_length=160, truncate=True)
    if not name:
        raise DomainError(_("Please give your name."), field="applicant_name")
    email = clean_email(email, required=True)
    token = Application.new_token()
    user = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        earlier = Application.objects.filter(fund__quarter_id=fund.quarter_id, email__iexact=email).exclude(
            submitted_at__isnull=True
        )
        application = Application.objects.create(
            fund=fund,
            quarter_id=fund.quarter_id,
            applicant_name=name,
            email=email,
            applicant_kind=applicant_kind,
            organisation_name=clean_line(organisation_name, max_length=200, truncate=True),
            user=user,
            token_hash=Application.hash_token(token),
            is_first_time=not earlier.exists(),
        )
        StatusChange.objects.create(application=application, to_status=S.DRAFT, actor=user, actor_label=name)
        audit.record(user or name, "fund.application_started", application)
        _mail_applicant(application, "draft_link", {"link": private_link(application, token)})
    return application, token


def application_for_token(token: str) -> Application | None:
    """The application this private link opens; the first use of a new link retires the one before it."""
    if not token or len(token) < 20:
        return None
    digest = Application.hash_token(token)
    application = (
        Application.objects.select_related("fund", "quarter", "category", "round")
        .filter(Q(token_hash=digest) | Q(new_token_hash=digest))
        .first()
    )
    if application is not None and application.new_token_hash == digest:
        Application.objects.filter(pk=application.pk, new_token_hash=digest).update(
            token_hash=digest, new_token_hash=None
        )
        application.token_hash, application.new_token_hash = digest, None
        audit.record(None, "fund.link_replaced", application)
    return application


def resend_links(*, quarter, email: str) -> int:
    """Mail fresh private links for every application of this address in the quarter.

    Anybody can ask for this, so the current link stays valid until the new one is used; asking again only
    replaces the link that has not been used yet. The (limit+1)-th request for one address within the hour
    is refused.
    """
    throttle.check(
        "fund.link",
        email.strip().lower(),
        limit=LINK_LIMIT_PER_HOUR,
        seconds=3600,
        message=_throttle_message(),
    )
    count = 0
    with transaction.atomic():
        for application in Application.objects.select_for_update().filter(
            quarter=quarter, email__iexact=email.strip()
        ):
            token = Application.new_token()
            application.new_token_hash = Application.hash_token(token)
            application.save(update_fields=["new_token_hash"])
            audit.record(None, "fund.link_renewed", application)
            _mail_applicant(application, "new_link", {"link": private_link(application, token)})
            count += 1
    return count


def update_application(*, application: Application, data: dict, cost_items=None, actor=None) -> Application:
    """Save the draft: any subset of the editable fields and, optionally, the whole cost plan.

    `cost_items` is a list of (description, amount); amounts are checked here again.
    """
    with transaction.atomic():
        application = _locked(application)
        if not application.is_editable:
            raise InvalidTransition(_("The application has been submitted and can no longer be changed."))
        changed = {}
        for name, value in data.items():
            if name not in EDITABLE_FIELDS:
                continue
            if name in ("own_contribution", "other_funding"):
                value = to_money(value if value not in (None, "") else "0", field=name)
            elif name in TEXT_FIELDS:
                value = clean_for_column(Application, name, value)
            elif name == "category":
                if value is not None and not isinstance(value, Category):
                    value = Category.objects.filter(fund=application.fund, pk=value).first()
                if value is not None and value.fund_id != application.fund_id:
                    raise DomainError(_("Unknown kind of project."), field="category")
            elif name == "email":
                value = clean_email(value, required=True)
            elif name == "applicant_kind" and value not in Application.ApplicantKind.values:
                raise DomainError(_("Please choose who applies."), field="applicant_kind")
            if getattr(application, name) != value:
                changed[name] = value
                setattr(application, name, value)
        if cost_items is not None:
            if len(cost_items) > limits.COST_LINES_MAX:
                raise DomainError(
                    _("A cost plan has at most %(max)d lines.") % {"max": limits.COST_LINES_MAX},
                    field="cost_items",
                )
            lines = []
            for position, (description, amount) in enumerate(cost_items):
                description = clean_line(
                    description, max_length=limits.COST_LINE_DESCRIPTION_MAX, field="cost_items"
                )
                if not description:
                    raise DomainError(
                        _("Every line of the cost plan needs a description."), field="cost_items"
                    )
                lines.append(
                    CostItem(
                        application=application,
                        position=position,
                        description=description,
                        amount=to_money(amount, field="cost_items", allow_zero=False),
                    )
                )
            # Draft lines are replaced as a whole; the submitted versions keep every earlier plan.
            application.cost_items.all().delete()
            CostItem.objects.bulk_create(lines)
            changed["cost_items"] = [[line.description, line.amount] for line in lines]
        _refresh_sums(application)
        if application.total_cost > limits.TOTAL_MAX:
            raise DomainError(
                _("The total cost may be at most %(max)s.") % {"max": checks.euro(limits.TOTAL_MAX)},
                field="cost_items",
            )
        application.save()
        if changed:
            audit.record(actor, "fund.draft_saved", application, fields=sorted(changed))
    return application


def _refresh_sums(application: Application) -> None:
    total = sum((i.amount for i in application.cost_items.all()), ZERO)
    application.total_cost = total
    application.requested_amount = max(ZERO, total - application.own_contribution - application.other_funding)


def add_attachment(*, application: Application, uploaded, kind: str, actor=None, proof=None) -> Attachment:
    """Check a file by its content and attach it to the draft (or to a proof of use)."""
    if kind not in Attachment.Kind.values:
        raise DomainError(_("Unknown kind of document."), field="kind")
    kinds = (
        ("image",) if kind in (Attachment.Kind.PHOTO, Attachment.Kind.PROOF_PHOTO) else ("image", "document")
    )
    with atomic_with_files():
        application = _locked(application)
        if proof is None and not application.is_editable:
            raise InvalidTransition(_("Documents can only be added while the application is a draft."))
        if application.attachments.count() >= MAX_ATTACHMENTS * 2:
            raise DomainError(_("Too many documents."), field="file")
        clean = clean_upload(uploaded, kinds=kinds, max_bytes=ATTACHMENT_MAX_BYTES)
        attachment = Attachment(
            application=application,
            proof=proof,
            kind=kind,
            original_name=clean_line(clean.original_name, max_length=200, truncate=True) or "file",
            content_type=clean.content_type,
            size=clean.size,
        )
        store(attachment.file, clean.content)
        attachment.save()
        audit.record(actor, "fund.attachment_added", application, name=attachment.original_name, kind=kind)
    return attachment


def _snapshot(application: Application) -> dict:
    data = {name: getattr(application, name) for name in EDITABLE_FIELDS if name != "category"}
    data["category"] = application.category.name if application.category else ""
    data["cost_items"] = [[i.description, str(i.amount)] for i in application.cost_items.all()]
    data["total_cost"] = application.total_cost
    data["requested_amount"] = application.requested_amount
    data["attachments"] = [a.original_name for a in application.attachments.filter(proof__isnull=True)]
    return audit._plain(data)


def _reference(application: Application) -> str:
    year = application.fund.year
    prefix = f"VF-{application.quarter.slug[:3].upper()}-{year}-"
    # Unique by the database; the pk keeps numbers short and never reused.
    return f"{prefix}{application.pk:04d}"


def submit_application(*, application: Application, consent: bool, actor=None, today=None) -> Application:
    """Submit (or resubmit) a draft: every rule must hold; gives a reference number and mails a PDF copy."""
    from . import pdf

    today = today or timezone.localdate()
    with transaction.atomic():
        application = _locked(application)
        if not application.is_editable:
            raise InvalidTransition(_("This application has already been submitted."))
        figures = checks.application_problems(application, today=today, consent=bool(consent))
        if figures.errors:
            raise RuleViolation(figures.errors)
        resubmission = application.status == S.CHANGES_REQUESTED
        fund = application.fund
        if application.round_id is None or not resubmission:
            application.round = None if fund.continuous_submission else checks.open_round(fund, today)
        application.consent_text = fund.consent_text
        application.consent_given_at = timezone.now()
        application.submitted_at = application.submitted_at or timezone.now()
        if not application.reference:
            application.reference = _reference(application)
        if resubmission:
            application.version += 1
        _refresh_sums(application)
        application.save()
        ApplicationVersion.objects.create(
            application=application, number=application.version, data=_snapshot(application)
        )
        _move(
            application,
            S.SUBMITTED,
            actor or application.applicant_name,
            note=_("Version %(n)s") % {"n": application.version},
        )
        attachments = [
            (f"{application.reference}.pdf", pdf.application_pdf(application), "application/pdf"),
        ]
        _mail_applicant(application, "submitted", {"resubmission": resubmission}, attachments=attachments)
    return application


def withdraw(*, application: Application, actor=None, reason: str = "") -> Application:
    with transaction.atomic():
        application = _locked(application)
        if application.status not in WITHDRAWABLE:
            raise InvalidTransition(_("The application can no longer be withdrawn."))
        _move(application, S.WITHDRAWN, actor, note=clean_text(reason))
    return application


def request_changes(*, application: Application, message: str, actor) -> Application:
    """The completeness check found something missing: the draft reopens for the applicant."""
    require(rules.can_triage(actor, application))
    message = clean_text(message)
    if not message:
        raise DomainError(_("Please say what the applicant should change."), field="message")
    with transaction.atomic():
        application = _locked(application)
        if application.status not in (S.SUBMITTED, S.COMPLETE, S.DEFERRED):
            raise InvalidTransition(_("Changes can only be requested before the decision."))
        _move(application, S.CHANGES_REQUESTED, actor, note=message)
        _mail_applicant(application, "changes_requested", {"message": message})
    return application


def mark_complete(*, application: Application, actor, note: str = "") -> Application:
    require(rules.can_triage(actor, application))
    with transaction.atomic():
        application = _locked(application)
        if application.status != S.SUBMITTED:
            raise InvalidTransition(_("Only a submitted application can be marked complete."))
        _move(application, S.COMPLETE, actor, note=clean_text(note))
    return application


def add_note(*, application: Application, text: str, actor, kind: str = Note.Kind.ADVICE) -> Note:
    require(rules.can_add_note(actor, application))
    text = clean_for_column(Note, "text", text)
    if not text:
        raise DomainError(_("The note is empty."), field="text")
    if kind not in Note.Kind.values:
        raise DomainError(_("Unknown kind of note."), field="kind")
    note = Note.objects.create(application=application, text=text, author=actor, kind=kind)
    audit.record(actor, "fund.note_added", application, kind=kind)
    return note


# --- Sessions and votes -------------------------------------------------------------------------


def plan_session(
    *,
    fund: Fund,
    date: datetime.date,
    actor,
    location: str = "",
    on_paper: bool = False,
    round=None,
    written_until: datetime.date | None = None,
):
    """Plan a session; with `written_until` it is a written procedure whose written votes the office enters."""
    require(rules.can_plan_session(actor, fund))
    if written_until is not None and written_until < date:
        raise DomainError(_("The written procedure must end after it starts."), field="written_until")
    on_paper = on_paper or written_until is not None
    session = AwardSession.objects.create(
        fund=fund,
        quarter_id=fund.quarter_id,
        date=date,
        location=clean_line(location, max_length=200, truncate=True),
        on_paper=on_paper,
        round=round,
        written_until=written_until,
    )
    audit.record(actor, "fund.session_planned", session, date=date, on_paper=on_paper, written=written_until)
    return session


def schedule(*, application: Application, session: AwardSession, actor) -> AgendaItem:
    """Put a complete application on the agenda of a planned session."""
    require(rules.can_schedule(actor, application))
    with transaction.atomic():
        application = _locked(application)
        session = AwardSession.objects.select_for_update().get(pk=session.pk)
        if session.fund_id != application.fund_id:
            raise DomainError(_("The session belongs to another fund."))
        if session.status != AwardSession.Status.PLANNED:
            raise InvalidTransition(_("The session has already been held."))
        if application.status not in (S.COMPLETE, S.DEFERRED):
            raise InvalidTransition(_("Only complete or deferred applications can be put on the agenda."))
        if session.items.filter(application=application).exists():
            raise Conflict(_("The application is already on this agenda."))
        item = AgendaItem.objects.create(
            session=session, application=application, position=session.items.count() + 1
        )
        _move(application, S.SCHEDULED, actor, note=str(session))
    return item


def _locked_item(item: AgendaItem) -> AgendaItem:
    return (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("session", "session__fund", "application", "application__fund")
        .get(pk=item.pk)
    )


def declare_recusal(*, item: AgendaItem, user, reason: str = "", entered_by=None) -> Recusal:
    """A member declares a conflict of interest for one item (or the office enters it for a paper session)."""
    entered_by = entered_by or user
    with transaction.atomic():
        item = _locked_item(item)
        if entered_by == user:
            require(rules.can_recuse(user, item), _("You cannot declare a conflict on this item."))
        else:
            require(rules.can_enter_paper_votes(entered_by, item))
            require(rules.is_voting_member(user, item), _("This person does not sit in the award team."))
        if not item.is_open:
            raise InvalidTransition(_("The item has already been decided."))
        if item.votes.filter(voter=user).exists():
            raise Conflict(_("A member who has voted cannot recuse afterwards; the vote stands."))
        try:
            with transaction.atomic():
                recusal = Recusal.objects.create(
                    item=item,
                    user=user,
                    member=rules.seat_person(user, item.session.fund),
                    reason=clean_line(reason, max_length=300, truncate=True),
                    entered_by=entered_by,
                )
        except IntegrityError:
            raise Conflict(_("The conflict of interest has already been declared."))
        audit.record(
            entered_by, "fund.recusal_declared", item.application, member=user.pk, reason=recusal.reason
        )
    return recusal


def cast_vote(
    *, item: AgendaItem, voter, choice: str, entered_by=None, amount=None, conditions: str = ""
) -> Vote:
    """Record one member's vote on one item; the database keeps it to one vote per member."""
    entered_by = entered_by or voter
    if choice not in Vote.Choice.values:
        raise DomainError(_("Vote yes, no or abstain."), field="choice")
    if amount not in (None, ""):
        amount = to_money(amount, field="amount", allow_zero=False)
    else:
        amount = None
    with transaction.atomic():
        item = _locked_item(item)
        if entered_by == voter:
            if rules.is_applicant(voter, item):
                raise NotAllowed(_("Applicants do not vote on their own application."))
            if rules.has_recused(voter, item):
                raise NotAllowed(_("You declared a conflict of interest and do not vote on this item."))
            require(rules.can_vote(voter, item), _("You may not vote on this item."))
        else:
            require(
                rules.can_enter_paper_votes(entered_by, item),
                _("Only the office enters votes of a paper session."),
            )
            require(
                rules.is_voting_member(voter, item)
                and not rules.is_applicant(voter, item)
                and not rules.has_recused(voter, item),
                _("This person may not vote on this item."),
            )
            if not item.is_open:
                raise InvalidTransition(_("The item has already been decided."))
        vote = record_vote(
            item=item,
            member=rules.seat_person(voter, item.session.fund),
            voter=voter,
            choice=choice,
            amount=amount,
            conditions=conditions,
            is_chair=rules.chairs_award_team(voter, item),
            entered_by=entered_by,
        )
    return vote


def record_vote(
    *, item: AgendaItem, member, voter, choice: str, amount, conditions: str, is_chair: bool, entered_by
) -> Vote:
    """Write one checked vote (inside the caller's transaction, item locked); one vote per member and account."""
    if amount is not None and amount > item.application.requested_amount:
        raise DomainError(_("A reduced amount must be below the requested amount."), field="amount")
    if amount is not None and choice != Vote.Choice.YES:
        raise DomainError(_("Only a yes vote can name a reduced amount."), field="amount")
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                item=item,
                voter=voter,
                member=member,
                choice=choice,
                amount=amount,
                conditions=clean_text(conditions, max_length=2000, truncate=True),
                is_chair=is_chair,
                entered_by=entered_by,
            )
    except IntegrityError:
        raise Conflict(_("This vote has already been recorded."))
    audit.record(
        entered_by,
        "fund.vote_cast",
        item.application,
        voter=voter.pk if voter else None,
        member=member.pk if member else None,
        choice=choice,
        amount=amount,
    )
    return vote


@dataclass
class Tally:
    result: str
    yes: int
    no: int
    abstain: int
    reason: str = ""


def tally(
    *,
    yes: int,
    no: int,
    abstain: int,
    quorum: int,
    majority: str,
    tie_rule: str,
    chair_vote: str | None = None,
) -> Tally:
    """The result of a vote under the fund's rules (quorum, simple or two-thirds majority, tie)."""
    R = AgendaItem.Result
    present = yes + no + abstain
    if present < quorum:
        return Tally(R.NO_QUORUM, yes, no, abstain, _("Fewer members voted than the quorum requires."))
    if majority == Fund.Majority.QUALIFIED:
        # Two thirds of the yes and no votes; abstentions do not count.
        if yes + no == 0:
            return Tally(R.REJECTED, yes, no, abstain, _("No yes or no votes."))
        passed = 3 * yes >= 2 * (yes + no)
        return Tally(R.APPROVED if passed else R.REJECTED, yes, no, abstain)
    if yes > no:
        return Tally(R.APPROVED, yes, no, abstain)
    if no > yes:
        return Tally(R.REJECTED, yes, no, abstain)
    # A tie (including no yes and no votes at all).
    if tie_rule == Fund.TieRule.DEFERRED:
        return Tally(R.DEFERRED, yes, no, abstain, _("Tie: deferred."))
    if tie_rule == Fund.TieRule.CHAIR and chair_vote in (Vote.Choice.YES, Vote.Choice.NO):
        result = R.APPROVED if chair_vote == Vote.Choice.YES else R.REJECTED
        return Tally(result, yes, no, abstain, _("Tie: the chair's vote decides."))
    return Tally(R.REJECTED, yes, no, abstain, _("Tie: rejected."))


def decision_level(fund: Fund, amount: Decimal) -> str:
    """Who decides an application of this amount."""
    if fund.council_decision_limit is not None and amount > fund.council_decision_limit:
        return Decision.Level.COUNCIL
    if fund.staff_decision_limit and amount <= fund.staff_decision_limit:
        return Decision.Level.OFFICE
    return Decision.Level.AWARD_TEAM


@dataclass
class Count:
    """What counting an item's votes gives: the result, the amount and the conditions of the yes votes."""

    tally: Tally
    amount: Decimal
    conditions: str
    missing: list  # members who have neither voted nor declared a conflict (written procedure)
    present: int | None = None  # members recorded present (session on paper)


def count_votes(item: AgendaItem, today: datetime.date | None = None) -> Count:
    """The result the item would get if counted now; shown on the confirmation page and used by close_item."""
    from .selectors import voting_members

    session, fund = item.session, item.session.fund
    votes = list(item.votes.all())
    count = {c: sum(1 for v in votes if v.choice == c) for c in Vote.Choice.values}
    result = tally(
        yes=count["yes"],
        no=count["no"],
        abstain=count["abstain"],
        quorum=fund.quorum,
        majority=fund.majority,
        tie_rule=fund.tie_rule,
        chair_vote=next((v.choice for v in votes if v.is_chair), None),
    )
    done = {v.member_id for v in votes} | {r.member_id for r in item.recusals.all()}
    missing, present = [], None
    if session.is_written:
        missing = [m for m in voting_members(fund, on=session.date) if m.pk not in done]
        if missing:
            result = Tally(
                AgendaItem.Result.NO_QUORUM,
                result.yes,
                result.no,
                result.abstain,
                _("Not every member voted in the written procedure: the award team could not decide."),
            )
    elif session.on_paper:
        # Present: recorded by the office, or evidently so by voting or declaring a conflict on this item.
        present = len(set(session.attendances.values_list("member_id", flat=True)) | (done - {None}))
        if present < fund.quorum:
            result = Tally(
                AgendaItem.Result.NO_QUORUM,
                result.yes,
                result.no,
                result.abstain,
                _(
                    "%(present)d members were present and the quorum is %(quorum)d: the session is not quorate."
                )
                % {"present": present, "quorum": fund.quorum},
            )
    amount = item.application.requested_amount
    reduced = [v.amount for v in votes if v.choice == Vote.Choice.YES and v.amount is not None]
    if reduced:
        # Every yes voter supports at least the lowest amount named.
        amount = min(reduced)
    conditions = "\n".join(v.conditions for v in votes if v.choice == Vote.Choice.YES and v.conditions)
    return Count(result, amount, conditions, missing, present)


def _to_next_agenda(item: AgendaItem, actor, reason: str) -> AwardSession | None:
    """A session that could not decide: the application goes onto the next planned session's agenda."""
    application = _locked(item.application)
    following = (
        AwardSession.objects.select_for_update()
        .filter(fund_id=item.session.fund_id, status=AwardSession.Status.PLANNED, date__gte=item.session.date)
        .exclude(pk=item.session_id)
        .order_by("date", "pk")
        .first()
    )
    _move(application, S.COMPLETE, actor, note=reason)
    if following is not None:
        AgendaItem.objects.create(
            session=following, application=application, position=following.items.count() + 1
        )
        _move(application, S.SCHEDULED, actor, note=str(following))
    return following


def close_item(*, item: AgendaItem, actor, today: datetime.date | None = None) -> AgendaItem:
    """Count the votes of an item and record the result; the award team's approval commits the money."""
    today = today or timezone.localdate()
    with transaction.atomic():
        item = _locked_item(item)
        require(rules.can_close_item(actor, item), _("Only the chair or the office counts the votes."))
        fund = item.session.fund
        counted = count_votes(item)
        if counted.missing and today <= item.session.written_until:
            raise InvalidTransition(
                _("The written procedure runs until %(date)s and not every member has voted yet.")
                % {"date": formats.date_format(item.session.written_until, "SHORT_DATE_FORMAT")}
            )
        result, amount, conditions = counted.tally, counted.amount, counted.conditions
        application = item.application
        item.result = result.result
        item.yes, item.no, item.abstain = result.yes, result.no, result.abstain
        item.amount = amount if result.result == AgendaItem.Result.APPROVED else None
        item.conditions = conditions
        item.closed_at = timezone.now()
        item.save()
        audit.record(
            actor,
            "fund.item_closed",
            application,
            result=result.result,
            yes=result.yes,
            no=result.no,
            abstain=result.abstain,
            amount=item.amount,
        )
        R = AgendaItem.Result
        level = decision_level(fund, application.requested_amount)
        recommends = (
            fund.award_team_power == Fund.AwardTeamPower.RECOMMENDS or level == Decision.Level.COUNCIL
        )
        if result.result == R.NO_QUORUM:
            next_agenda = _("The application goes onto the next agenda.")
            _to_next_agenda(item, actor, f"{result.reason} {next_agenda}")
        elif recommends:
            _move(
                _locked(application),
                S.RECOMMENDED,
                actor,
                note=_("Recommendation: %(r)s") % {"r": item.get_result_display()},
            )
        else:
            outcome = {
                R.APPROVED: Decision.Outcome.APPROVED_WITH_CONDITIONS
                if (conditions or amount < application.requested_amount)
                else Decision.Outcome.APPROVED,
                R.REJECTED: Decision.Outcome.REJECTED,
                R.DEFERRED: Decision.Outcome.DEFERRED,
            }[result.result]
            try:
                with transaction.atomic():
                    _record_decision(
                        application=application,
                        outcome=outcome,
                        amount=amount if outcome in Decision.APPROVING else ZERO,
                        conditions=conditions,
                        reasons=result.reason,
                        actor=actor,
                        level=Decision.Level.AWARD_TEAM,
                        item=item,
                    )
            except Conflict as exc:
                # The vote stands; the money does not fit any more. The office decides (e.g. a reduced amount).
                _move(_locked(application), S.RECOMMENDED, actor, note=str(exc))
    return item


def close_session(*, session: AwardSession, actor) -> AwardSession:
    require(rules.can_plan_session(actor, session) or rules.chairs_award_team(actor, session))
    with transaction.atomic():
        session = AwardSession.objects.select_for_update().get(pk=session.pk)
        if session.status != AwardSession.Status.PLANNED:
            raise InvalidTransition(_("The session has already been closed."))
        if session.items.filter(result=AgendaItem.Result.OPEN).exists():
            raise InvalidTransition(_("Every item must have a result before the session closes."))
        session.status = AwardSession.Status.CLOSED
        session.save(update_fields=["status"])
        audit.record(actor, "fund.session_closed", session)
    return session


def sign_minutes(*, session: AwardSession, actor) -> AwardSession:
    """The chair signs the minutes that were generated from the votes and decisions."""
    require(rules.can_sign_minutes(actor, session), _("Only the chair signs the minutes."))
    with transaction.atomic():
        session = AwardSession.objects.select_for_update().get(pk=session.pk)
        if session.status != AwardSession.Status.CLOSED:
            raise InvalidTransition(_("Minutes can be signed once the session is closed, and only once."))
        session.status = AwardSession.Status.SIGNED
        session.signed_by = actor
        session.signed_at = timezone.now()
        session.save(update_fields=["status", "signed_by", "signed_at"])
        audit.record(actor, "fund.minutes_signed", session)
    return session


# --- Decisions and money ------------------------------------------------------------------------


def _move_money(application: Application, delta: Decimal, *, kind: str, reason: str, actor) -> None:
    """Commit (or release) money against the fund and the project's kind, under row locks."""
    if delta == 0:
        return
    fund = Fund.objects.select_for_update().get(pk=application.fund_id)
    category = None
    if application.category_id:
        category = Category.objects.select_for_update().get(pk=application.category_id)
    if delta > 0:
        if fund.committed + delta > fund.budget:
            raise Conflict(
                _("The budget is not enough: %(amount)s requested, %(remaining)s left. Nothing was decided.")
                % {"amount": checks.euro(delta), "remaining": checks.euro(fund.remaining)}
            )
        if (
            category is not None
            and category.budget is not None
            and category.committed + delta > category.budget
        ):
            raise Conflict(
                _(
                    "The budget for %(kind)s is not enough: %(amount)s requested, %(remaining)s left. Nothing was decided."
                )
                % {
                    "kind": category.name,
                    "amount": checks.euro(delta),
                    "remaining": checks.euro(category.remaining),
                }
            )
    try:
        with transaction.atomic():
            Fund.objects.filter(pk=fund.pk).update(committed=F("committed") + delta)
            if category is not None:
                Category.objects.filter(pk=category.pk).update(committed=F("committed") + delta)
    except IntegrityError:
        raise Conflict(_("The budget is not enough. Nothing was decided."))
    LedgerEntry.objects.create(
        fund=fund,
        category=category,
        application=application,
        kind=kind,
        amount=delta,
        reason=reason,
        actor=actor,
    )
    audit.record(actor, "fund.budget_moved", fund, application=application.pk, amount=delta, kind=kind)


def _record_decision(
    *, application, outcome, amount, conditions, reasons, actor, level, item=None, proof_due_date=None
) -> Decision:
    application = _locked(application)
    fund = application.fund
    if outcome in Decision.APPROVING:
        if amount <= 0:
            raise DomainError(_("An approval needs an amount."), field="amount")
        if amount > application.requested_amount:
            raise DomainError(_("The approved amount cannot be more than was requested."), field="amount")
        _move_money(application, amount, kind=LedgerEntry.Kind.COMMIT, reason=str(outcome), actor=actor)
        if proof_due_date is None:
            end = application.end_date or timezone.localdate()
            proof_due_date = end + datetime.timedelta(days=fund.proof_due_days)
    else:
        amount = ZERO
        proof_due_date = None
    decision = Decision.objects.create(
        application=application,
        item=item,
        outcome=outcome,
        level=level,
        amount=amount,
        conditions=conditions,
        reasons=reasons,
        proof_due_date=proof_due_date,
        decided_by=actor,
    )
    application.approved_amount = amount
    application.proof_due_date = proof_due_date
    application.decided_at = decision.decided_at
    application.save(update_fields=["approved_amount", "proof_due_date", "decided_at"])
    to_status = {
        Decision.Outcome.APPROVED: S.APPROVED,
        Decision.Outcome.APPROVED_WITH_CONDITIONS: S.APPROVED,
        Decision.Outcome.REJECTED: S.REJECTED,
        Decision.Outcome.DEFERRED: S.DEFERRED,
    }[outcome]
    _move(application, to_status, actor, note=reasons)
    audit.record(
        actor, "fund.decided", application, outcome=outcome, amount=amount, level=level, decision=decision.pk
    )
    if outcome != Decision.Outcome.DEFERRED:
        from . import pdf

        letter = pdf.decision_letter_pdf(decision)
        _mail_applicant(
            application,
            "decision",
            {"decision": decision},
            attachments=[(f"{application.reference}-bescheid.pdf", letter, "application/pdf")],
        )
    return decision


def decide(
    *,
    application: Application,
    outcome: str,
    actor,
    amount=None,
    conditions: str = "",
    reasons: str = "",
    proof_due_date=None,
) -> Decision:
    """The office records a decision: its own (up to its limit) or the one after a recommendation."""
    require(rules.can_decide(actor, application))
    if outcome not in Decision.Outcome.values:
        raise DomainError(_("Unknown decision."), field="outcome")
    amount = to_money(amount, field="amount") if amount not in (None, "") else None
    with transaction.atomic():
        application = _locked(application)
        fund = application.fund
        if application.status == S.RECOMMENDED:
            level = decision_level(fund, application.requested_amount)
            level = Decision.Level.COUNCIL if level == Decision.Level.COUNCIL else Decision.Level.OFFICE
        elif application.status in (S.COMPLETE, S.DEFERRED, S.SCHEDULED):
            level = decision_level(fund, application.requested_amount)
            if level != Decision.Level.OFFICE:
                raise NotAllowed(
                    _("Above %(limit)s the award team decides; put the application on a session's agenda.")
                    % {"limit": checks.euro(fund.staff_decision_limit)}
                )
            if application.status == S.SCHEDULED:
                raise InvalidTransition(_("The application is on a session's agenda."))
        else:
            raise InvalidTransition(_("The application is not awaiting a decision."))
        if outcome in Decision.APPROVING and amount is None:
            amount = application.requested_amount
        if (
            outcome == Decision.Outcome.APPROVED
            and amount is not None
            and amount < application.requested_amount
        ):
            outcome = Decision.Outcome.APPROVED_WITH_CONDITIONS
        return _record_decision(
            application=application,
            outcome=outcome,
            amount=amount or ZERO,
            conditions=clean_text(conditions),
            reasons=clean_text(reasons),
            actor=actor,
            level=level,
            proof_due_date=proof_due_date,
        )


def correct_amount(*, application: Application, amount, reason: str, actor) -> Decision:
    """Change an approved amount: a new decision row supersedes the old one; the budget moves by the difference."""
    require(rules.can_correct_amount(actor, application))
    amount = to_money(amount, field="amount")
    reason = clean_text(reason)
    if not reason:
        raise DomainError(_("A correction needs a reason."), field="reason")
    with transaction.atomic():
        application = _locked(application)
        if application.status not in (S.APPROVED, S.PROOF_SUBMITTED, S.REPAYMENT_DUE):
            raise InvalidTransition(_("Only an approved amount can be corrected."))
        current = (
            application.decisions.filter(superseded_by__isnull=True).order_by("-decided_at", "-pk").first()
        )
        if amount < application.paid_amount:
            raise DomainError(_("The amount cannot be less than what has been paid already."), field="amount")
        if amount > application.requested_amount:
            raise DomainError(_("The approved amount cannot be more than was requested."), field="amount")
        delta = amount - application.approved_amount
        _move_money(
            application,
            delta,
            kind=LedgerEntry.Kind.CORRECTION if amount else LedgerEntry.Kind.RELEASE,
            reason=reason,
            actor=actor,
        )
        decision = Decision.objects.create(
            application=application,
            outcome=Decision.Outcome.APPROVED_WITH_CONDITIONS if amount else Decision.Outcome.REJECTED,
            level=current.level if current else Decision.Level.OFFICE,
            amount=amount,
            conditions=current.conditions if current else "",
            reasons=current.reasons if current else "",
            proof_due_date=application.proof_due_date,
            decided_by=actor,
            supersedes=current,
            correction_reason=reason,
        )
        before = application.approved_amount
        application.approved_amount = amount
        application.save(update_fields=["approved_amount"])
        audit.record(actor, "fund.amount_corrected", application, amount=[before, amount], reason=reason)
    return decision


def record_payout(
    *, application: Application, amount, paid_on, actor, reference: str = "", reason: str = ""
) -> Payout:
    """Record money paid out (partial payouts allowed); a negative amount corrects an earlier payout."""
    require(rules.can_record_payout(actor, application))
    negative = isinstance(amount, str) and amount.strip().startswith("-")
    if negative:
        amount = -to_money(amount.strip()[1:], field="amount", allow_zero=False)
    elif isinstance(amount, Decimal | int | float) and amount < 0:
        amount = -to_money(-Decimal(str(amount)), field="amount", allow_zero=False)
    else:
        amount = to_money(amount, field="amount", allow_zero=False)
    reason = clean_text(reason)
    if amount < 0 and not reason:
        raise DomainError(_("A correction needs a reason."), field="reason")
    with transaction.atomic():
        application = _locked(application)
        if application.status not in (S.APPROVED, S.PROOF_SUBMITTED, S.CLOSED, S.REPAYMENT_DUE):
            raise InvalidTransition(_("Payouts are recorded for approved applications only."))
        if application.paid_amount + amount > application.approved_amount:
            raise Conflict(
                _("This payout would exceed the approved amount: %(paid)s of %(approved)s paid.")
                % {
                    "paid": checks.euro(application.paid_amount),
                    "approved": checks.euro(application.approved_amount),
                }
            )
        if application.paid_amount + amount < 0:
            raise DomainError(_("More would be corrected than was paid."), field="amount")
        fund = Fund.objects.select_for_update().get(pk=application.fund_id)
        payout = Payout.objects.create(
            application=application,
            amount=amount,
            paid_on=paid_on,
            reference=clean_line(reference, max_length=120, truncate=True),
            reason=reason,
            recorded_by=actor,
        )
        Application.objects.filter(pk=application.pk).update(paid_amount=F("paid_amount") + amount)
        Fund.objects.filter(pk=fund.pk).update(paid=F("paid") + amount)
        audit.record(
            actor, "fund.payout_recorded", application, amount=amount, paid_on=paid_on, reason=reason
        )
    application.refresh_from_db()
    return payout


# --- Proof of use -------------------------------------------------------------------------------


def submit_proof(
    *, application: Application, report: str, public_summary: str, spent_amount, files=(), actor=None
) -> ProofOfUse:
    """The applicant reports what happened, with receipts and photos (files: list of (uploaded, kind))."""
    spent = to_money(spent_amount, field="spent_amount")
    report = clean_for_column(ProofOfUse, "report", report)
    public_summary = clean_for_column(ProofOfUse, "public_summary", public_summary)
    if not report:
        raise DomainError(_("Please describe what happened."), field="report")
    if not public_summary:
        raise DomainError(_("Please write a short report for the public page."), field="public_summary")
    with atomic_with_files():
        application = _locked(application)
        if application.status != S.APPROVED:
            raise InvalidTransition(_("A proof of use can be submitted once the application is approved."))
        proof = ProofOfUse.objects.create(
            application=application, report=report, public_summary=public_summary[:1200], spent_amount=spent
        )
        for uploaded, kind in files:
            add_attachment(application=application, uploaded=uploaded, kind=kind, actor=actor, proof=proof)
        _move(application, S.PROOF_SUBMITTED, actor or application.applicant_name)
        audit.record(actor or application.applicant_name, "fund.proof_submitted", application, spent=spent)
    return proof


def check_proof(
    *, proof: ProofOfUse, outcome: str, actor, note: str = "", repayment_amount=None
) -> ProofOfUse:
    """The office checks a proof of use: accepted, questions (the applicant submits again) or repayment due."""
    with transaction.atomic():
        proof = ProofOfUse.objects.select_for_update().select_related("application").get(pk=proof.pk)
        application = _locked(proof.application)
        require(rules.can_check_proof(actor, application))
        if proof.status != ProofOfUse.Status.SUBMITTED or application.status != S.PROOF_SUBMITTED:
            raise InvalidTransition(_("This proof of use has already been checked."))
        note = clean_text(note)
        P = ProofOfUse.Status
        if outcome == P.ACCEPTED:
            to_status = S.CLOSED
            application.public_report = proof.public_summary
            application.save(update_fields=["public_report"])
        elif outcome == P.QUESTIONS:
            if not note:
                raise DomainError(_("Please write your questions."), field="note")
            to_status = S.APPROVED
        elif outcome == P.REPAYMENT_DUE:
            proof.repayment_amount = to_money(repayment_amount, field="repayment_amount", allow_zero=False)
            if proof.repayment_amount > application.paid_amount:
                raise DomainError(_("More cannot be claimed back than was paid."), field="repayment_amount")
            to_status = S.REPAYMENT_DUE
        else:
            raise DomainError(_("Unknown result of the check."), field="outcome")
        proof.status = outcome
        proof.check_note = note
        proof.checked_by = actor
        proof.checked_at = timezone.now()
        proof.save()
        _move(application, to_status, actor, note=note)
        audit.record(
            actor, "fund.proof_checked", application, outcome=outcome, repayment=proof.repayment_amount
        )
        _mail_applicant(application, "proof_checked", {"proof": proof})
    return proof


def send_reminders(today: datetime.date | None = None) -> int:
    """Remind applicants two weeks before the proof of use is due, and once after it is overdue."""
    today = today or timezone.localdate()
    sent = 0
    before = Application.objects.filter(
        status=S.APPROVED,
        reminder_before_sent_at__isnull=True,
        proof_due_date__lte=today + datetime.timedelta(days=14),
        proof_due_date__gte=today,
    ).select_related("fund", "quarter")
    after = Application.objects.filter(
        status=S.APPROVED, reminder_after_sent_at__isnull=True, proof_due_date__lt=today
    ).select_related("fund", "quarter")
    for application, field, template in [(a, "reminder_before_sent_at", "proof_reminder") for a in before] + [
        (a, "reminder_after_sent_at", "proof_overdue") for a in after
    ]:
        with transaction.atomic():
            updated = Application.objects.filter(pk=application.pk, **{f"{field}__isnull": True}).update(
                **{field: timezone.now()}
            )
            if updated:
                _mail_applicant(application, template, {})
                audit.record(None, f"fund.{template}_sent", application)
                sent += 1
    return sent


def ensure_staff(user, quarter) -> None:
    if not rules.can_manage_fund(user, quarter):
        raise PermissionDenied


# --- Fund settings ------------------------------------------------------------------------------

SETTINGS_FIELDS = Fund.SETTINGS_FIELDS


def update_fund(*, fund: Fund, data: dict, actor) -> Fund:
    """Change a fund's rules; the budget can never drop below what is already committed."""
    require(rules.can_configure_fund(actor, fund))
    with transaction.atomic():
        fund = Fund.objects.select_for_update().get(pk=fund.pk)
        before = {name: getattr(fund, name) for name in SETTINGS_FIELDS}
        for name, value in data.items():
            if name in SETTINGS_FIELDS:
                setattr(
                    fund,
                    name,
                    clean_for_column(Fund, name, value)
                    if name in ("name", "purpose", "rules_text", "consent_text")
                    else value,
                )
        if fund.budget < fund.committed:
            raise Conflict(
                _("The budget cannot be lower than what is already committed (%(committed)s).")
                % {"committed": checks.euro(fund.committed)},
                field="budget",
            )
        if fund.award_team is not None and (
            fund.award_team.quarter_id != fund.quarter_id or fund.award_team.kind != "award_team"
        ):
            raise DomainError(_("Choose an award team of this quarter."), field="award_team")
        fund.save()
        after = {name: getattr(fund, name) for name in SETTINGS_FIELDS}
        changes = audit.diff(before, after)
        if changes:
            audit.record(actor, "fund.settings_changed", fund, **changes)
    return fund


def add_round(*, fund: Fund, name: str, deadline: datetime.date, actor):
    from .models import Round

    require(rules.can_configure_fund(actor, fund))
    if deadline.year != fund.year:
        raise DomainError(_("The deadline must lie in the fund's year."), field="deadline")
    try:
        with transaction.atomic():
            round_ = Round.objects.create(
                fund=fund, name=clean_line(name, max_length=120, truncate=True), deadline=deadline
            )
    except IntegrityError:
        raise Conflict(_("There is already a round with this deadline."), field="deadline")
    audit.record(actor, "fund.round_added", fund, name=round_.name, deadline=deadline)
    return round_


def add_category(
    *, fund: Fund, name: str, actor, budget=None, max_amount=None, max_share_percent=None
) -> Category:
    require(rules.can_configure_fund(actor, fund))
    name = clean_line(name, max_length=120, truncate=True)
    if not name:
        raise DomainError(_("Please name the kind of project."), field="name")
    if max_share_percent is not None and not 0 < max_share_percent <= 100:
        raise DomainError(_("A share lies between 1 and 100 %."), field="max_share_percent")
    category = Category.objects.create(
        fund=fund,
        name=name,
        budget=budget,
        max_amount=max_amount,
        max_share_percent=max_share_percent,
        position=fund.categories.count() + 1,
    )
    audit.record(actor, "fund.category_added", fund, name=name, budget=budget, max_amount=max_amount)
    return category


def start_next_year(*, fund: Fund, budget, actor) -> Fund:
    """Open the fund for the following year with the same rules and kinds of project (rounds move by a year)."""
    import copy

    from .models import Round

    require(rules.can_configure_fund(actor, fund))
    budget = to_money(budget, field="budget")
    with transaction.atomic():
        if Fund.objects.filter(quarter_id=fund.quarter_id, year=fund.year + 1).exists():
            raise Conflict(_("The fund for %(year)s exists already.") % {"year": fund.year + 1})
        new = copy.copy(fund)
        new.pk = None
        new.year = fund.year + 1
        new.budget = budget
        new.committed = ZERO
        new.paid = ZERO
        new.save()
        for category in fund.categories.all():
            Category.objects.create(
                fund=new,
                name=category.name,
                position=category.position,
                budget=category.budget,
                max_amount=category.max_amount,
                max_share_percent=category.max_share_percent,
            )
        for round_ in fund.rounds.all():
            try:
                deadline = round_.deadline.replace(year=new.year)
            except ValueError:  # 29 February
                deadline = round_.deadline.replace(year=new.year, day=28)
            Round.objects.create(fund=new, name=round_.name, deadline=deadline)
        audit.record(actor, "fund.year_started", new, budget=budget, copied_from=fund.pk)
    return new


def create_fund(*, quarter, year: int, budget, actor) -> Fund:
    """Open a quarter's first fund (later years: start_next_year copies the rules)."""
    require(rules.can_configure_fund(actor, quarter))
    budget = to_money(budget, field="budget")
    try:
        with transaction.atomic():
            fund = Fund.objects.create(quarter=quarter, year=year, budget=budget)
    except IntegrityError:
        raise Conflict(_("The fund for %(year)s exists already.") % {"year": year})
    audit.record(actor, "fund.created", fund, year=year, budget=budget)
    return fund


# --- Retention (DSGVO) --------------------------------------------------------------------------

PSEUDONYM = "(gelöscht)"


def apply_retention(now=None) -> int:
    """Pseudonymise applicants' contact data once it is no longer needed, as `fund/privacy.py` declares.

    Drafts never submitted: after 180 days. Rejected or withdrawn applications: after three years. Funded
    applications: ten years after the decision (the city's audit); money rows are never touched. The
    snapshots, notes and status labels of an application lose the name with it.
    """
    from quartierwerk.core.privacy_services import enforce_retention

    done = enforce_retention(now=now, app_label="fund")
    return sum(len(item["ids"]) for item in done if item["model"] == "fund.Application")
