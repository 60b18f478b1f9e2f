"""The office sets the fund's rules per quarter and year; the budget never drops below what is committed."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from quartierwerk.core.errors import Conflict, NotAllowed
from quartierwerk.core.models import AuditEntry
from quartierwerk.fund import services
from quartierwerk.fund.models import Fund
from tests.conftest import permission_matrix


@permission_matrix(
    {
        "anonymous": 403,
        "resident": 403,
        "actor_representative": 403,
        "award_team": 403,
        "staff": 200,
        "staff_other_quarter": 403,
        "city_staff": 403,
        "city_staff_other_city": 403,
        "admin": 200,
    }
)
def test_who_sets_the_rules(role, allowed, client, login_as, user_with_role, fund):
    login_as(user_with_role(role))
    assert client.get(reverse("fund:settings", args=[fund.quarter.slug])).status_code == allowed


def test_office_changes_rules_with_audit(client, login_as, staff, fund):
    login_as(staff)
    url = reverse("fund:settings", args=[fund.quarter.slug])
    data = {
        "action": "settings",
        "name": "Quartiersfonds",
        "budget": "12.000",
        "max_share_percent": "100",
        "min_own_share_percent": "10",
        "min_applicant_age": "14",
        "allow_private": "on",
        "consent_text": "Einwilligung",
        "staff_decision_limit": "500",
        "award_team_power": "decides",
        "award_team": str(fund.award_team_id),
        "quorum": "5",
        "majority": "qualified",
        "tie_rule": "chair",
        "proof_due_days": "90",
        "is_open": "on",
    }
    assert client.post(url, data).status_code == 302
    fund.refresh_from_db()
    assert (
        fund.budget == Decimal("12000.00") and fund.majority == "qualified" and fund.min_applicant_age == 14
    )
    assert not fund.allow_associations
    entry = AuditEntry.objects.get(action="fund.settings_changed")
    assert entry.actor == staff and entry.changes["budget"] == ["10000.00", "12000.00"]


def test_budget_cannot_drop_below_committed(staff, fund, make_application):
    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=1000)
    services.decide(
        application=make_application("complete", amounts=("800.00",)), outcome="approved", actor=staff
    )
    with pytest.raises(Conflict, match="already committed"):
        services.update_fund(fund=fund, data={"budget": Decimal("700.00")}, actor=staff)
    assert Fund.objects.get(pk=fund.pk).budget == Decimal("10000.00")


def test_rounds_kinds_and_next_year(staff, user_with_role, fund, categories):
    with pytest.raises(NotAllowed):
        services.add_round(
            fund=fund, name="x", deadline=datetime.date(fund.year, 9, 30), actor=user_with_role("city_staff")
        )
    services.add_round(fund=fund, name="Herbst", deadline=datetime.date(fund.year, 9, 30), actor=staff)
    with pytest.raises(Conflict):
        services.add_round(fund=fund, name="Nochmal", deadline=datetime.date(fund.year, 9, 30), actor=staff)
    services.add_category(fund=fund, name="Kultur", actor=staff, max_amount=Decimal("700.00"))
    new = services.start_next_year(fund=fund, budget="20.000,00", actor=staff)
    assert new.year == fund.year + 1 and new.budget == Decimal("20000.00") and new.committed == 0
    assert sorted(new.categories.values_list("name", flat=True)) == [
        "Baumaßnahmen",
        "Kultur",
        "Sonstige Projekte",
    ]
    assert new.rounds.filter(deadline=datetime.date(new.year, 9, 30)).exists()
    with pytest.raises(Conflict):
        services.start_next_year(fund=fund, budget="1", actor=staff)
