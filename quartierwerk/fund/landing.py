"""What the fund asks of a person on "My work": their applications, their award-team sessions; for the
office, applications to check and proofs of use to look at."""

import datetime

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quartierwerk.actors.models import GroupMembership
from quartierwerk.core import formats
from quartierwerk.landing import ITEMS_PER_SECTION, Item, OfficeRow, Section

from . import rules
from .models import AgendaItem, Application, AwardSession, Fund, Round, StatusChange

S = Application.Status
# Applications that are over for the applicant: nothing is asked of them any more.
FINISHED = (S.WITHDRAWN, S.REJECTED, S.CLOSED)
# A proof of use due within this many days is listed as needing the applicant.
PROOF_DUE_SOON_DAYS = 30


def _application_detail(application, today) -> tuple[str, bool, datetime.date | None]:
    """What the application needs from its applicant: a sentence, whether it is their move, and when."""
    status = application.status
    if status == S.DRAFT:
        deadline = application.next_deadline
        if deadline:
            return (
                _("Not submitted yet. Next deadline: %(date)s.") % {"date": formats.long_date(deadline)},
                True,
                deadline,
            )
        return _("Not submitted yet."), True, None
    if status == S.CHANGES_REQUESTED:
        note = Truncator(application.changes_note or "").chars(200)
        text = _("The office asks you to complete it: %(note)s") % {"note": note} if note else ""
        return text or _("The office asks you to complete it."), True, None
    if status == S.SCHEDULED and application.session_date:
        return (
            _("On the agenda of the award team on %(date)s.")
            % {"date": formats.long_date(application.session_date)},
            False,
            application.session_date,
        )
    if status == S.APPROVED and application.proof_due_date:
        due = application.proof_due_date
        if due < today:
            return _("Proof of use overdue since %(date)s.") % {"date": formats.long_date(due)}, True, due
        soon = due <= today + datetime.timedelta(days=PROOF_DUE_SOON_DAYS)
        return _("Approved. Proof of use due by %(date)s.") % {"date": formats.long_date(due)}, soon, due
    if status == S.REPAYMENT_DUE:
        return _("Repayment due: please see the letter of the office."), True, None
    return application.get_status_display(), False, None


def _applications(viewer) -> Section:
    """The person's applications still going on (one query with the next deadline, the office's request for
    changes and the session date as subqueries)."""
    user = viewer.user
    rounds = Round.objects.filter(fund_id=OuterRef("fund_id"), deadline__gte=viewer.today).order_by(
        "deadline"
    )
    changes = StatusChange.objects.filter(
        application_id=OuterRef("pk"), to_status=S.CHANGES_REQUESTED
    ).order_by("-created_at", "-pk")
    sessions = AgendaItem.objects.filter(
        application_id=OuterRef("pk"), result=AgendaItem.Result.OPEN
    ).order_by("session__date")
    mine = Q(user=user)
    if user.email:
        mine |= Q(user__isnull=True, email__iexact=user.email)
    applications = (
        Application.objects.filter(mine)
        .exclude(status__in=FINISHED)
        .select_related("quarter")
        .annotate(
            next_deadline=Subquery(rounds.values("deadline")[:1]),
            changes_note=Subquery(changes.values("note")[:1]),
            session_date=Subquery(sessions.values("session__date")[:1]),
        )
        .order_by("-created_at", "-pk")[: ITEMS_PER_SECTION * 4]
    )
    items = []
    untitled = _("Application without a title")
    for application in applications:
        detail, needs_you, when = _application_detail(application, viewer.today)
        if application.user_id == user.pk:
            url = reverse("fund:applicant", args=[f"mine-{application.pk}"])
        else:
            # Made with the same e-mail address before the account: the private link is mailed again.
            url = reverse("fund:lost_link", args=[application.quarter.slug])
            detail = _("%(detail)s Made without your account: we mail you its private link again.") % {
                "detail": detail
            }
        items.append(
            Item(
                label=f"{application.title or untitled} · {application.quarter.name}",
                url=url,
                detail=detail,
                when=when,
                needs_you=needs_you,
            )
        )
    return Section(
        key="applications",
        title=_("My applications"),
        items=items,
        empty_text=_("You have no application to a neighbourhood fund under way."),
    )


def _award_sessions(viewer) -> Section | None:
    """Planned sessions and written procedures of the award teams the person votes in, with the votes they
    still have to cast (three queries; none for people without an award-team seat)."""
    quarters = viewer.quarters_with("award_team")
    if not quarters:
        return None
    user = viewer.user
    seats = (
        GroupMembership.objects.filter(
            person__user=user, role__in=rules.VOTING_ROLES, start_date__lte=viewer.today
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=viewer.today))
        .values("group_id")
    )
    funds = list(
        Fund.objects.filter(quarter_id__in=quarters, award_team_id__in=seats)
        .select_related("quarter", "award_team")
        .order_by("quarter__name", "-year")
    )
    if not funds:
        return None
    sessions = list(
        AwardSession.objects.filter(fund__in=funds, status=AwardSession.Status.PLANNED)
        .select_related("quarter")
        .order_by("date", "pk")[:ITEMS_PER_SECTION]
    )
    open_items = AgendaItem.objects.filter(
        session__in=[s.pk for s in sessions], result=AgendaItem.Result.OPEN
    ).exclude(
        Q(votes__voter=user)
        | Q(votes__member__user=user)
        | Q(recusals__user=user)
        | Q(application__user=user)
    )
    if user.email:
        open_items = open_items.exclude(application__email__iexact=user.email)
    waiting = dict(
        open_items.values("session_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
        .values_list("session_id", "n")
    )
    items = []
    for session in sessions:
        n = waiting.get(session.pk, 0)
        votes = (
            ngettext("%(n)d application awaits your vote.", "%(n)d applications await your vote.", n)
            % {"n": n}
            if n
            else _("No vote of yours is outstanding.")
        )
        if session.is_written:
            label = _("Written procedure of %(quarter)s") % {"quarter": session.quarter.name}
            detail = _("Every member votes by %(date)s.") % {"date": formats.long_date(session.written_until)}
            items.append(
                Item(
                    label,
                    reverse("fund:session", args=[session.quarter.slug, session.pk]),
                    f"{detail} {votes}",
                    when=session.written_until,
                    needs_you=bool(n),
                )
            )
            continue
        label = _("Award-team session on %(date)s") % {"date": formats.long_date(session.date)}
        where = f"{session.quarter.name}{', ' + session.location if session.location else ''}."
        if session.on_paper:
            votes = _("Held on paper: the office enters the votes.")
        items.append(
            Item(
                label,
                reverse("fund:session", args=[session.quarter.slug, session.pk]),
                f"{where} {votes}",
                when=session.date,
                needs_you=bool(n) and not session.on_paper,
            )
        )
    first = funds[0]
    return Section(
        key="sessions",
        title=_("My sessions"),
        items=items,
        empty_text=_("No session of your award team is planned."),
        more_label=_("Sessions of the award team %(team)s") % {"team": first.award_team.name},
        more_url=reverse("fund:sessions", args=[first.quarter.slug]),
    )


def sections(viewer) -> list[Section]:
    return [s for s in (_applications(viewer), _award_sessions(viewer)) if s is not None]


def office_rows(viewer, quarters) -> dict[int, list[OfficeRow]]:
    """Applications to check, decisions to take, proofs of use to look at, minutes to sign, per quarter
    (two queries)."""
    user = viewer.user
    allowed = {q.pk: q for q in quarters if rules.can_check_proof(user, q)}
    if not allowed:
        return {}
    figures = {
        row["quarter_id"]: row
        for row in Application.objects.filter(quarter_id__in=allowed)
        .values("quarter_id")
        .annotate(
            new=Count("pk", filter=Q(status=S.SUBMITTED)),
            awaiting=Count("pk", filter=Q(status__in=[S.COMPLETE, S.RECOMMENDED])),
            proofs=Count("pk", filter=Q(status=S.PROOF_SUBMITTED)),
        )
        .order_by()
    }
    unsigned = dict(
        AwardSession.objects.filter(quarter_id__in=allowed, status=AwardSession.Status.CLOSED)
        .values("quarter_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("quarter_id", "n")
    )
    rows = {}
    for quarter_id, quarter in allowed.items():
        inbox = reverse("fund:inbox", args=[quarter.slug])
        row = figures.get(quarter_id, {})
        rows[quarter_id] = [
            OfficeRow(_("Applications to check"), row.get("new", 0), f"{inbox}?status=submitted"),
            OfficeRow(_("Applications awaiting a decision"), row.get("awaiting", 0), inbox),
            OfficeRow(_("Proofs of use to check"), row.get("proofs", 0), f"{inbox}?status=proof_submitted"),
            OfficeRow(
                _("Award-team minutes to sign"),
                unsigned.get(quarter_id, 0),
                reverse("fund:sessions", args=[quarter.slug]),
            ),
        ]
    return rows
