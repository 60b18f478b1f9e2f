"""Twenty people at once on PostgreSQL: the budget on the project stays the exact sum of its sources."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from quartierwerk.planning import services
from quartierwerk.planning.models import FundingSource, Project
from tests.conftest import run_concurrently

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_simultaneous_sources_and_moves_keep_the_budget_exact(quarter, user_with_role):
    staff = user_with_role("staff")
    project = services.create_project(by=staff, quarter=quarter, title="Gemeinschaftsgarten")
    early = [
        services.add_source(
            project=project, by=staff, kind="sponsor", name=f"Sponsor {i}", amount_applied="100"
        )
        for i in range(10)
    ]

    def work(i):
        if i < 10:
            return services.add_source(
                project=project, by=staff, kind="programme", name=f"Programm {i}", amount_applied="10.10"
            ).pk
        return services.advance(source=early[i - 10], by=staff, action="apply").state

    results = run_concurrently(work, [(i,) for i in range(20)])
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    project = Project.objects.get(pk=project.pk)
    sums = FundingSource.objects.filter(project=project).aggregate(all=Sum("amount_applied"))
    assert sums["all"] == Decimal("1101.00") == project.budget_planned
    assert project.budget_applied == Decimal("1000.00")
    assert isinstance(project.budget_planned, Decimal)
