"""Sessions held on paper and written procedures: the office records who was present and enters their votes.

Members of an award team are often residents without an account; their seat's person stands for them.
Every entry names who made it, and the signed minutes confirm them.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, require
from quartierwerk.core.text import clean_line

from . import rules
from .models import AgendaItem, Attendance, AwardSession, Recusal, Vote
from .selectors import voting_members
from .services.common import to_money
from .services.sessions import _locked_item, record_vote
from .workflows import step


def _seat(fund, member_id: int, on):
    member = next((m for m in voting_members(fund, on=on) if m.pk == member_id), None)
    if member is None:
        raise DomainError(_("This person does not sit in the award team."), field="member")
    return member


def record_attendance(*, session: AwardSession, member_ids, actor) -> list:
    """Record which members are present at a session on paper (replacing the earlier record)."""
    require(rules.can_enter_paper_votes(actor, session), _("Only the office records who is present."))
    with transaction.atomic():
        session = AwardSession.objects.select_for_update().select_related("fund").get(pk=session.pk)
        step(session, "record_attendance", _("The session has already been closed."))
        wanted = {_seat(session.fund, int(pk), session.date).pk for pk in member_ids}
        voted = set(Vote.objects.filter(item__session=session).values_list("member_id", flat=True))
        if voted - wanted - {None}:
            raise Conflict(_("A member who has voted in this session stays recorded as present."))
        session.attendances.exclude(member_id__in=wanted).delete()
        have = set(session.attendances.values_list("member_id", flat=True))
        Attendance.objects.bulk_create(
            [Attendance(session=session, member_id=pk, entered_by=actor) for pk in sorted(wanted - have)]
        )
        audit.record(actor, "fund.attendance_recorded", session, present=sorted(wanted))
    return sorted(wanted)


def enter_paper_vote(
    *, item: AgendaItem, member_id: int, choice: str, entered_by, amount=None, conditions: str = ""
) -> Vote:
    """The office enters the vote a member gave at a session on paper or in a written procedure."""
    if choice not in Vote.Choice.values:
        raise DomainError(_("Vote yes, no or abstain."), field="choice")
    amount = to_money(amount, field="amount", allow_zero=False) if amount not in (None, "") else None
    with transaction.atomic():
        item = _locked_item(item)
        require(
            rules.can_enter_paper_votes(entered_by, item),
            _("Only the office enters votes of a paper session."),
        )
        if not rules.item_is_open(entered_by, item):
            raise InvalidTransition(_("The item has already been decided."))
        session = item.session
        member = _seat(session.fund, member_id, session.date)
        if not session.is_written and not session.attendances.filter(member=member).exists():
            raise DomainError(_("Record the member as present before entering their vote."), field="member")
        if item.recusals.filter(member=member).exists():
            raise DomainError(_("This member declared a conflict of interest on this item."), field="member")
        application = item.application
        if (member.user_id and member.user_id == application.user_id) or (
            member.email and member.email.lower() == application.email.lower()
        ):
            raise DomainError(_("Applicants do not vote on their own application."), field="member")
        chair = item.session.fund.award_team.memberships.filter(person=member, role="chair").exists()
        return record_vote(
            item=item,
            member=member,
            voter=member.user,
            choice=choice,
            amount=amount,
            conditions=conditions,
            is_chair=chair,
            entered_by=entered_by,
        )


def enter_paper_recusal(*, item: AgendaItem, member_id: int, entered_by, reason: str = "") -> Recusal:
    """The office records a member's conflict of interest declared at a paper session."""
    with transaction.atomic():
        item = _locked_item(item)
        require(rules.can_enter_paper_votes(entered_by, item))
        if not item.is_open:
            raise InvalidTransition(_("The item has already been decided."))
        member = _seat(item.session.fund, member_id, item.session.date)
        if item.votes.filter(member=member).exists():
            raise Conflict(_("A member who has voted cannot recuse afterwards; the vote stands."))
        try:
            with transaction.atomic():
                recusal = Recusal.objects.create(
                    item=item,
                    user=member.user,
                    member=member,
                    reason=clean_line(reason, max_length=300, truncate=True),
                    entered_by=entered_by,
                )
        except IntegrityError:
            raise Conflict(_("The conflict of interest has already been declared."))
        audit.record(entered_by, "fund.recusal_declared", item.application, member=member.pk)
    return recusal
