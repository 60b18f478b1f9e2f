"""What the fund module adds to the shared pages (quarter page, staff dashboard, demo data, scheduled jobs)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from quartierwerk.core import formats
from quartierwerk.modules import Link, Panel

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
