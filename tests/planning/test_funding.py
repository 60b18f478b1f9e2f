"""A project's money: sources with their states, amounts guarded by the database, a fund application's
amounts read from the fund, and the budget sums kept on the project."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from quartierwerk.core.errors import DomainError, InvalidTransition
from quartierwerk.planning import selectors, services
from quartierwerk.planning.models import FundingSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(quarter, staff):
    return services.create_project(by=staff, quarter=quarter, title="Gemeinschaftsgarten")


def test_sources_move_through_their_states_and_the_budget_follows(project, staff):
    source = services.add_source(
        project=project,
        by=staff,
        kind="programme",
        name="Sozialer Zusammenhalt",
        amount_applied="10000",
        own_share="1000",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    services.add_source(project=project, by=staff, kind="own", name="Eigenmittel", amount_applied="500,50")
    project.refresh_from_db()
    assert (project.budget_planned, project.budget_applied) == (Decimal("10500.50"), Decimal("0.00"))
    services.advance(source=source, by=staff, action="apply")
    services.set_amounts(
        source=source, by=staff, amount_applied="10000", amount_granted="8000", amount_called=""
    )
    services.advance(source=source, by=staff, action="grant")
    project.refresh_from_db()
    assert (project.budget_applied, project.budget_granted) == (Decimal("10000.00"), Decimal("8000.00"))
    with pytest.raises(InvalidTransition):
        services.advance(source=source, by=staff, action="account")
    with pytest.raises(DomainError):
        services.set_amounts(source=source, by=staff, amount_applied="10000", amount_granted="12000")
    rows = {row["code"]: row for row in selectors.budget_by_kind(selectors.project(project.pk))}
    assert rows["programme"]["granted"] == Decimal("8000.00")
    assert all(isinstance(v, Decimal) for v in (project.budget_planned, project.budget_granted))


def test_the_database_refuses_what_the_money_rules_forbid(project):
    bad = [
        {"amount_applied": Decimal("-1")},
        {"amount_applied": Decimal("10"), "amount_granted": Decimal("20")},
        {"amount_applied": Decimal("10"), "amount_granted": Decimal("5"), "amount_called": Decimal("6")},
        {"period_start": datetime.date(2026, 5, 1), "period_end": datetime.date(2026, 4, 1)},
        {"kind": "fund"},  # a fund source without its application
    ]
    for fields in bad:
        with pytest.raises(IntegrityError), transaction.atomic():
            FundingSource.objects.create(project=project, **{"kind": "sponsor", "name": "X", **fields})


def test_a_fund_source_reads_its_amounts_from_the_fund(project, staff, quarter):
    from quartierwerk.fund.models import Application, Fund

    fund = Fund.objects.create(quarter=quarter, year=2026, budget=Decimal("20000"))
    application = Application.objects.create(
        fund=fund, quarter=quarter, reference="VF-2026-001", title="Beete", status="approved"
    )
    Application.objects.filter(pk=application.pk).update(
        requested_amount=Decimal("1200"), approved_amount=Decimal("1000")
    )
    application.refresh_from_db()
    source = services.add_source(project=project, by=staff, kind="fund", fund_application=application)
    assert (source.state, source.applied, source.granted) == ("granted", Decimal("1200"), Decimal("1000"))
    with pytest.raises(DomainError):
        services.set_amounts(source=source, by=staff, amount_applied="5")
    Application.objects.filter(pk=application.pk).update(paid_amount=Decimal("400"))
    project = services.refresh_from_fund(project=project)
    assert (project.budget_granted, project.budget_called) == (Decimal("1000.00"), Decimal("400.00"))
    assert FundingSource.objects.get(pk=source.pk).state == "called"


def test_the_office_adds_a_source_and_moves_it_on_the_project_page(client, login_as, project, staff):
    login_as(staff)
    response = client.post(
        reverse("planning:staff_source_new", args=[project.pk]),
        {"source-kind": "sponsor", "source-name": "Stadtwerke", "source-amount_applied": "2500"},
    )
    assert response.status_code == 302
    source = FundingSource.objects.get(project=project)
    client.post(reverse("planning:staff_source", args=[project.pk, source.pk]), {"action": "apply"})
    source.refresh_from_db()
    assert source.state == "applied"
    page = client.get(reverse("planning:staff_project", args=[project.pk])).content.decode()
    assert "Stadtwerke" in page and "2.500,00" in page
    public = client.get(reverse("planning:project", args=[project.pk])).content.decode()
    assert "2.500,00" in public
