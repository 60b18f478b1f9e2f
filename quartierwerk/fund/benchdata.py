"""Benchmark data of the fund: one fund per quarter with rounds and kinds, many applications in every state,
with cost items, decisions and payouts; sums kept consistent so the budget constraints hold."""

import datetime
from decimal import Decimal

from django.utils import timezone

from quartierwerk.core.benchdata import BenchContext, Endpoint

from .models import Application, Category, CostItem, Decision, Fund, Payout, Round

S = Application.Status
STATES = [S.SUBMITTED, S.COMPLETE, S.CHANGES_REQUESTED, S.APPROVED, S.REJECTED, S.CLOSED, S.PROOF_SUBMITTED]
WEIGHTS = [20, 15, 5, 25, 15, 15, 5]
WORDS = (
    "Hoffest Nachbarschaftsgarten Lesecafé Repair-Café Spielplatzfest Kiezkino Bücherschrank Sportturnier "
    "Hochbeete Stadtteilzeitung Seniorentreff Kochkurs Malwerkstatt Tauschbörse Laternenumzug"
).split()
THINGS = "Material Miete Technik Honorar Flyer Verpflegung Holz Farbe Werkzeug Versicherung".split()


def _flush(model, rows, ctx) -> int:
    if not rows:
        return 0
    return len(model.objects.bulk_create(rows, batch_size=ctx.batch_size))


def generate(ctx: BenchContext) -> dict[str, int]:
    rng = ctx.rng
    year = timezone.localdate().year
    now = timezone.now()
    per_quarter = ctx.per_quarter("applications")
    counts = {
        "funds": 0,
        "fund_applications": 0,
        "fund_cost_items": 0,
        "fund_decisions": 0,
        "fund_payouts": 0,
    }
    for quarter in ctx.quarters:
        amounts = [Decimal(rng.randint(10, 100) * 10) for _ in range(per_quarter)]
        # Budget large enough for every approval the generator makes.
        budget = sum(amounts, Decimal(0)) + Decimal("10000.00")
        fund = Fund.objects.create(
            quarter=quarter,
            year=year,
            budget=budget,
            max_per_application=Decimal("5000.00"),
            staff_decision_limit=Decimal("500.00"),
            purpose="Kleine Projekte für das Quartier.",
        )
        counts["funds"] += 1
        rounds = [
            Round.objects.create(fund=fund, name=f"Frist {m}", deadline=datetime.date(year, m, 15))
            for m in (2, 5, 8)
        ]
        categories = [
            Category.objects.create(fund=fund, name="Baumaßnahmen", position=1, max_share_percent=50),
            Category.objects.create(fund=fund, name="Sonstige Projekte", position=2),
        ]
        rows = []
        for i, amount in enumerate(amounts):
            status = rng.choices(STATES, WEIGHTS)[0]
            funded = status in Application.FUNDED_STATES
            paid = (
                amount
                if status == S.CLOSED
                else (amount / 2 if funded and rng.random() < 0.5 else Decimal(0))
            )
            submitted = now - datetime.timedelta(days=rng.randint(1, 300))
            rows.append(
                Application(
                    fund=fund,
                    quarter=quarter,
                    round=rng.choice(rounds),
                    category=rng.choice(categories),
                    reference=f"VF-B{quarter.pk}-{year}-{i:06d}",
                    status=status,
                    token_hash=f"{rng.getrandbits(256):064x}",
                    applicant_kind=rng.choice(Application.ApplicantKind.values),
                    applicant_name=f"Antragsteller {i}",
                    organisation_name=f"Verein {rng.randint(1, 500)}",
                    email=f"antrag{i}@bench.quartierwerk.example",
                    title=f"{rng.choice(WORDS)} {rng.randint(1, 999)}",
                    summary="Ein Projekt für die Nachbarschaft.",
                    benefit="Begegnung im Quartier.",
                    total_cost=amount,
                    requested_amount=amount,
                    approved_amount=amount if funded else Decimal(0),
                    paid_amount=paid,
                    is_first_time=rng.random() < 0.4,
                    submitted_at=submitted,
                    decided_at=submitted + datetime.timedelta(days=30)
                    if funded or status == S.REJECTED
                    else None,
                    proof_due_date=(submitted + datetime.timedelta(days=120)).date() if funded else None,
                    public_report="Das Projekt fand statt und war gut besucht." if status == S.CLOSED else "",
                    consent_given_at=submitted,
                )
            )
            if len(rows) >= ctx.batch_size:
                counts["fund_applications"] += _flush(Application, rows, ctx)
                rows = []
        counts["fund_applications"] += _flush(Application, rows, ctx)
        committed = Decimal(0)
        paid_total = Decimal(0)
        items, decisions, payouts = [], [], []
        for pk, amount, approved, paid, decided in (
            Application.objects.filter(fund=fund)
            .values_list("pk", "requested_amount", "approved_amount", "paid_amount", "decided_at")
            .iterator(chunk_size=ctx.batch_size)
        ):
            items.append(
                CostItem(application_id=pk, position=0, description=rng.choice(THINGS), amount=amount)
            )
            if decided:
                decisions.append(
                    Decision(
                        application_id=pk,
                        outcome=Decision.Outcome.APPROVED if approved else Decision.Outcome.REJECTED,
                        level=Decision.Level.AWARD_TEAM,
                        amount=approved,
                        decided_at=decided,
                    )
                )
                committed += approved
            if paid:
                payouts.append(Payout(application_id=pk, amount=paid, paid_on=decided.date()))
                paid_total += paid
            if len(items) >= ctx.batch_size:
                counts["fund_cost_items"] += _flush(CostItem, items, ctx)
                counts["fund_decisions"] += _flush(Decision, decisions, ctx)
                counts["fund_payouts"] += _flush(Payout, payouts, ctx)
                items, decisions, payouts = [], [], []
        counts["fund_cost_items"] += _flush(CostItem, items, ctx)
        counts["fund_decisions"] += _flush(Decision, decisions, ctx)
        counts["fund_payouts"] += _flush(Payout, payouts, ctx)
        Fund.objects.filter(pk=fund.pk).update(committed=committed, paid=paid_total)
    return counts


def endpoints(ctx: BenchContext) -> list[Endpoint]:
    quarter = ctx.quarters[0] if ctx.quarters else None
    result = [
        Endpoint("fund page", "/q/{quarter}/fund/"),
        Endpoint("fund page 3", "/q/{quarter}/fund/?page=3"),
        Endpoint("fund apply form", "/q/{quarter}/fund/apply/"),
        Endpoint("fund inbox", "/q/{quarter}/staff/fund/", login="staff"),
        Endpoint("award team fund inbox", "/q/{quarter}/staff/fund/", login="award_team"),
        Endpoint("city staff fund inbox", "/q/{quarter}/staff/fund/", login="city_staff"),
        Endpoint("fund inbox filtered", "/q/{quarter}/staff/fund/?status=approved&page=2", login="staff"),
        Endpoint("fund budget", "/q/{quarter}/staff/fund/budget/", login="staff"),
        Endpoint("fund figures", "/q/{quarter}/staff/fund/figures/", login="staff"),
        Endpoint("fund api fund", "/api/v1/fund/{quarter}/fund"),
        Endpoint("fund api projects", "/api/v1/fund/{quarter}/projects?page_size=100"),
        Endpoint("fund api applications", "/api/v1/fund/{quarter}/applications?page_size=100", login="staff"),
    ]
    if quarter is not None:
        funded = (
            Application.objects.filter(quarter=quarter, status__in=Application.FUNDED_STATES)
            .values_list("pk", "reference")
            .first()
        )
        if funded:
            result.append(
                Endpoint("fund project", "/q/{quarter}/fund/projects/{ref}/", params={"ref": funded[1]})
            )
            result.append(
                Endpoint(
                    "fund application (staff)",
                    "/q/{quarter}/staff/fund/applications/{app}/",
                    login="staff",
                    params={"app": funded[0]},
                )
            )
    return result
