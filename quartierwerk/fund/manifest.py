"""What the fund module adds to the shared pages (quarter page, staff dashboard, demo data, scheduled jobs)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from quartierwerk.core import formats
from quartierwerk.modules import Figure, Link, Panel, per_quarter

from . import rules


def quarter_links(quarter) -> list[Link]:
    return [
        Link(
            label=_("Neighbourhood fund"),
            url=reverse("fund:home", args=[quarter.slug]),
            description=_("Money for your project in the quarter: rules, how to apply, funded projects."),
        )
    ]


def city_links() -> list[Link]:
    return []


def dashboard_panel(request, quarter) -> Panel | None:
    """Figures for the staff dashboard: two queries (the fund, one aggregate)."""
    from .selectors import current_fund, dashboard_figures

    fund = current_fund(quarter)
    if fund is None or not rules.can_view_applications(request.user, fund):
        return None
    figures = dashboard_figures(fund)
    inbox = reverse("fund:inbox", args=[quarter.slug])
    return Panel(
        title=_("Neighbourhood fund %(year)s") % {"year": fund.year},
        rows=[
            (_("New applications"), figures["new"], f"{inbox}?status=submitted"),
            (_("Awaiting a decision"), figures["awaiting"], inbox),
            (_("Proofs of use to check"), figures["proofs"], f"{inbox}?status=proof_submitted"),
            (_("Proofs of use overdue"), figures["overdue"], f"{inbox}?status=approved"),
            (
                _("Remaining budget"),
                formats.amount(fund.remaining),
                reverse("fund:budget", args=[quarter.slug]),
            ),
        ],
        links=[
            Link(pgettext("fund", "Sessions"), reverse("fund:sessions", args=[quarter.slug])),
            Link(_("Figures and exports"), reverse("fund:figures", args=[quarter.slug])),
        ],
    )


def my_work_links(user) -> list[Link]:
    """The sessions of each award team the user currently sits in (two queries)."""
    from django.db.models import Q

    from quartierwerk.actors.models import GroupMembership

    from .models import AgendaItem, AwardSession, Fund

    if not getattr(user, "is_authenticated", False):
        return []
    today = timezone.localdate()
    groups = GroupMembership.objects.filter(
        person__user=user, role__in=rules.VOTING_ROLES, start_date__lte=today
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    funds = (
        Fund.objects.filter(award_team_id__in=groups.values("group_id"))
        .select_related("quarter", "award_team")
        .order_by("quarter__name", "-year")
    )
    links, seen = [], set()
    for fund in funds:
        if fund.quarter_id in seen:
            continue
        seen.add(fund.quarter_id)
        waiting = (
            AgendaItem.objects.filter(
                session__fund__quarter_id=fund.quarter_id,
                session__status=AwardSession.Status.PLANNED,
                result=AgendaItem.Result.OPEN,
            )
            .exclude(votes__voter=user)
            .exclude(recusals__user=user)
            .count()
        )
        links.append(
            Link(
                _("Sessions of the award team %(team)s") % {"team": fund.award_team.name},
                reverse("fund:sessions", args=[fund.quarter.slug]),
                ngettext(
                    "%(n)d application awaits your vote.", "%(n)d applications await your vote.", waiting
                )
                % {"n": waiting}
                if waiting
                else _("Applications on the agenda, votes and minutes."),
            )
        )
    return links


def run_scheduled() -> str:
    from .services import apply_retention, send_reminders

    return f"{send_reminders()} proof-of-use reminders sent, {apply_retention()} applications pseudonymised"


def load_demo(demo) -> None:
    """Idempotent demo data: funds, rounds and kinds of project; in Grünau an award team and applications."""
    from .demo import load

    load(demo)


def figures(quarter_ids: list[int], year: int) -> list[Figure]:
    """Applications to the year's fund, approvals, approved amounts by kind of project and first-time
    applicants (an e-mail address that never applied in the quarter in an earlier year) (3 queries)."""
    from django.db.models import Count, Min, Q, Sum

    from .models import Application

    Status = Application.Status
    approved = (Status.APPROVED, Status.PROOF_SUBMITTED, Status.CLOSED, Status.REPAYMENT_DUE)
    submitted = Application.objects.filter(quarter_id__in=quarter_ids).exclude(status=Status.DRAFT)
    this_year = submitted.filter(fund__year=year)
    rows = list(
        this_year.values("quarter_id")
        .annotate(
            applications=Count("pk"),
            approvals=Count("pk", filter=Q(status__in=approved)),
            amount=Sum("approved_amount", filter=Q(status__in=approved)),
            paid=Sum("paid_amount"),
        )
        .order_by()
    )
    by_kind = (
        this_year.filter(status__in=approved)
        .values("quarter_id", "category_id", "category__name")
        .annotate(amount=Sum("approved_amount"))
        .order_by()
    )
    first = {}
    firsts = (
        submitted.filter(fund__year__lte=year)
        .values("quarter_id", "email")
        .annotate(first_year=Min("fund__year"))
        .order_by()
    )
    for row in firsts:
        if row["first_year"] == year:
            first[row["quarter_id"]] = first.get(row["quarter_id"], 0) + 1
    section = _("Neighbourhood fund")
    found = [
        Figure("fund.applications", _("Applications"), per_quarter(rows, "applications"), section=section),
        Figure("fund.approvals", _("Approvals"), per_quarter(rows, "approvals"), section=section),
        Figure(
            "fund.approved_amount",
            _("Amount approved"),
            {q: float(v) for q, v in per_quarter(rows, "amount").items()},
            unit="euro",
            section=section,
        ),
        Figure("fund.first_time", _("First-time applicants"), first, section=section),
        Figure(
            "fund.paid_amount",
            _("Amount paid out"),
            {q: float(v) for q, v in per_quarter(rows, "paid").items()},
            unit="euro",
            section=section,
            public=False,
        ),
    ]
    kinds: dict = {}
    for row in by_kind:
        kinds.setdefault((row["category__name"] or "", row["category_id"]), {})[row["quarter_id"]] = float(
            row["amount"] or 0
        )
    for (name, category_id), values in sorted(kinds.items(), key=lambda item: item[0][0]):
        label = _("Amount approved: %(kind)s") % {"kind": name or _("no kind given")}
        found.append(
            Figure(f"fund.amount_by_kind.{category_id or 0}", label, values, unit="euro", section=section)
        )
    return found
