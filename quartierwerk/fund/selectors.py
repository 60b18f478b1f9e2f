"""Read queries of the fund shared by pages, API, exports and the dashboard; each costs a fixed number of queries."""

from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import ZERO, AgendaItem, Application, Category, Decision, Fund, Payout, Vote

S = Application.Status
OPEN_STATES = (S.SUBMITTED, S.CHANGES_REQUESTED, S.COMPLETE, S.SCHEDULED, S.RECOMMENDED, S.DEFERRED)


def current_fund(quarter, year: int | None = None) -> Fund | None:
    """The quarter's fund of this year (or of the given year); falls back to the latest one."""
    year = year or timezone.localdate().year
    funds = Fund.objects.filter(quarter=quarter).select_related("quarter", "award_team")
    return funds.filter(year=year).first() or funds.filter(year__lte=year).order_by("-year").first()


def inbox(fund: Fund, *, status: str = "", round_id: int | None = None):
    """Submitted applications of a fund for the office, filterable by status and round."""
    qs = (
        Application.objects.filter(fund=fund)
        .exclude(status=S.DRAFT)
        .select_related("round", "category")
        .order_by("-submitted_at", "-pk")
    )
    if status and status in S.values:
        qs = qs.filter(status=status)
    if round_id:
        qs = qs.filter(round_id=round_id)
    return qs


def funded_projects(quarter):
    """Funded projects of every year, for the public page."""
    return (
        Application.objects.filter(quarter=quarter, status__in=Application.FUNDED_STATES)
        .select_related("fund", "category", "quarter")
        .order_by("-decided_at", "-pk")
    )


def session_items(session):
    """The agenda with applications, votes, recusals and the office's latest assessment in a fixed number of queries."""
    from .models import Note

    return list(
        AgendaItem.objects.filter(session=session)
        .select_related(
            "session", "session__fund", "application", "application__category", "application__round"
        )
        .prefetch_related(
            Prefetch("votes", queryset=Vote.objects.select_related("voter", "member", "entered_by")),
            "recusals__user",
            "recusals__member",
            Prefetch(
                "application__notes",
                queryset=Note.objects.filter(kind=Note.Kind.ASSESSMENT).order_by("-created_at"),
                to_attr="assessments",
            ),
            "application__attachments",
            "application__cost_items",
        )
        .order_by("position", "pk")
    )


def voting_members(fund: Fund, on=None) -> list:
    """The persons holding a current voting seat in the fund's award team, with or without an account."""
    from quartierwerk.actors.models import Person

    from .rules import VOTING_ROLES

    if fund.award_team_id is None:
        return []
    on = on or timezone.localdate()
    return list(
        Person.objects.filter(
            group_memberships__group_id=fund.award_team_id,
            group_memberships__role__in=VOTING_ROLES,
            group_memberships__start_date__lte=on,
        )
        .filter(Q(group_memberships__end_date__isnull=True) | Q(group_memberships__end_date__gte=on))
        .select_related("user")
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def budget_overview(quarter) -> list[dict]:
    """Per year and kind: planned (budget), requested in open applications, committed, paid, remaining."""
    funds = list(
        Fund.objects.filter(quarter=quarter)
        .annotate(
            requested_open=Coalesce(
                Sum("applications__requested_amount", filter=Q(applications__status__in=OPEN_STATES)), ZERO
            )
        )
        .order_by("-year")
    )
    categories = (
        Category.objects.filter(fund__in=funds)
        .annotate(
            paid=Coalesce(Sum("applications__paid_amount"), ZERO),
            requested_open=Coalesce(
                Sum("applications__requested_amount", filter=Q(applications__status__in=OPEN_STATES)), ZERO
            ),
        )
        .order_by("position", "name")
    )
    by_fund: dict[int, list] = {}
    for category in categories:
        by_fund.setdefault(category.fund_id, []).append(category)
    return [{"fund": f, "categories": by_fund.get(f.pk, [])} for f in funds]


def figures_per_year(quarter) -> list[dict]:
    """Applications, approval rate, amounts by kind and the share of first-time applicants, per year."""
    rows = (
        Application.objects.filter(quarter=quarter, submitted_at__isnull=False)
        .values("fund__year")
        .annotate(
            applications=Count("pk"),
            decided=Count("pk", filter=Q(decided_at__isnull=False) & ~Q(status=S.DEFERRED)),
            approved=Count("pk", filter=Q(status__in=Application.FUNDED_STATES)),
            first_time=Count("pk", filter=Q(is_first_time=True)),
            requested=Coalesce(Sum("requested_amount"), ZERO),
            approved_sum=Coalesce(Sum("approved_amount"), ZERO),
            paid=Coalesce(Sum("paid_amount"), ZERO),
        )
        .order_by("-fund__year")
    )
    kinds = (
        Application.objects.filter(quarter=quarter, status__in=Application.FUNDED_STATES)
        .values("fund__year", "category__name")
        .annotate(amount=Coalesce(Sum("approved_amount"), ZERO), count=Count("pk"))
        .order_by("category__name")
    )
    by_year: dict[int, list] = {}
    for k in kinds:
        by_year.setdefault(k["fund__year"], []).append(k)
    result = []
    for row in rows:
        year = row["fund__year"]
        result.append(
            {
                **row,
                "year": year,
                "approval_rate": round(100 * row["approved"] / row["decided"]) if row["decided"] else None,
                "first_time_share": round(100 * row["first_time"] / row["applications"])
                if row["applications"]
                else None,
                "kinds": by_year.get(year, []),
            }
        )
    return result


def dashboard_figures(fund: Fund) -> dict:
    """The staff dashboard's figures in one aggregate query."""
    return Application.objects.filter(fund=fund).aggregate(
        new=Count("pk", filter=Q(status=S.SUBMITTED)),
        awaiting=Count("pk", filter=Q(status__in=[S.COMPLETE, S.SCHEDULED, S.RECOMMENDED, S.DEFERRED])),
        proofs=Count("pk", filter=Q(status=S.PROOF_SUBMITTED)),
        overdue=Count("pk", filter=Q(status=S.APPROVED, proof_due_date__lt=timezone.localdate())),
    )


def decisions_for_export(quarter):
    return (
        Decision.objects.filter(application__quarter=quarter)
        .select_related("application", "application__fund", "decided_by")
        .order_by("decided_at", "pk")
    )


def payouts_for_export(quarter):
    return (
        Payout.objects.filter(application__quarter=quarter)
        .select_related("application", "application__fund", "recorded_by")
        .order_by("paid_on", "pk")
    )


def remaining(fund: Fund) -> Decimal:
    return fund.budget - fund.committed
