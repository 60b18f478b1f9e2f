"""Money: commitments at decision time never exceed the budget (row lock and database constraint), payouts,
corrections as new rows with a reason, and every movement in the audit history."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, NotAllowed
from quartierwerk.core.models import AuditEntry
from quartierwerk.fund import services
from quartierwerk.fund.models import Application, Category, Decision, Fund, LedgerEntry, Payout
from tests.conftest import run_concurrently


@pytest.fixture
def office_fund(fund):
    """The office decides up to 1,000 €, so decisions need no session."""
    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=Decimal("1000.00"), budget=Decimal("5000.00"))
    fund.refresh_from_db()
    return fund


def test_approval_commits_the_amount_and_records_everything(office_fund, make_application, staff):
    application = make_application("complete", amounts=("500.00", "300.00"), own="100")
    decision = services.decide(application=application, outcome="approved", actor=staff, reasons="Passt gut")
    office_fund.refresh_from_db()
    assert office_fund.committed == Decimal("700.00")
    assert decision.amount == Decimal("700.00") and decision.level == "office"
    application.refresh_from_db()
    assert application.status == "approved" and application.proof_due_date is not None
    entry = AuditEntry.objects.get(action="fund.decided", target_id=str(application.pk))
    assert entry.actor == staff and entry.changes["amount"] == "700.00" and entry.created_at
    assert LedgerEntry.objects.get(application=application).amount == Decimal("700.00")
    # The decision letter went out with the mail.
    from quartierwerk.core.models import OutboxMail

    mail = OutboxMail.objects.filter(purpose="fund/mail/decision").get()
    assert mail.attachments[0]["filename"].endswith("-bescheid.pdf")


def test_decision_that_does_not_fit_is_refused_and_nothing_changes(office_fund, make_application, staff):
    Fund.objects.filter(pk=office_fund.pk).update(budget=Decimal("600.00"))
    application = make_application("complete", amounts=("800.00",))
    with pytest.raises(Conflict, match="budget is not enough"):
        services.decide(application=application, outcome="approved", actor=staff)
    application.refresh_from_db()
    assert application.status == "complete" and application.decisions.count() == 0
    assert Fund.objects.get(pk=office_fund.pk).committed == 0
    # A reduced amount that fits is accepted.
    decision = services.decide(application=application, outcome="approved", amount="600", actor=staff)
    assert decision.outcome == "approved_conditions" and decision.amount == Decimal("600.00")


def test_category_budget_is_guarded_too(office_fund, make_application, staff, categories):
    Category.objects.filter(pk=categories["other"].pk).update(budget=Decimal("1000.00"))
    first = make_application("complete", amounts=("700.00",), category=categories["other"])
    second = make_application("complete", amounts=("700.00",), category=categories["other"])
    services.decide(application=first, outcome="approved", actor=staff)
    with pytest.raises(Conflict, match="Sonstige Projekte"):
        services.decide(application=second, outcome="approved", actor=staff)


def test_database_refuses_overcommitment_even_without_the_service(office_fund):
    with pytest.raises(IntegrityError), transaction.atomic():
        Fund.objects.filter(pk=office_fund.pk).update(committed=F("budget") + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Fund.objects.filter(pk=office_fund.pk).update(paid=Decimal("1.00"))


def test_office_may_not_decide_above_its_limit(fund, make_application, staff):
    application = make_application("complete", amounts=("800.00",))  # limit 500 €
    with pytest.raises(NotAllowed, match="award team decides"):
        services.decide(application=application, outcome="approved", actor=staff)


def test_payouts_partial_and_corrected_never_above_approved(
    office_fund, make_application, staff, user_with_role
):
    application = make_application("complete", amounts=("800.00",))
    services.decide(application=application, outcome="approved", actor=staff)
    city = user_with_role("city_staff")
    services.record_payout(application=application, amount="300", paid_on=datetime.date.today(), actor=city)
    services.record_payout(
        application=application, amount="500,00", paid_on=datetime.date.today(), actor=staff
    )
    with pytest.raises(Conflict, match="exceed the approved amount"):
        services.record_payout(
            application=application, amount="0.01", paid_on=datetime.date.today(), actor=staff
        )
    with pytest.raises(DomainError, match="needs a reason"):
        services.record_payout(
            application=application, amount="-100", paid_on=datetime.date.today(), actor=staff
        )
    services.record_payout(
        application=application,
        amount="-100",
        paid_on=datetime.date.today(),
        actor=staff,
        reason="Doppelt gebucht",
    )
    application.refresh_from_db()
    assert application.paid_amount == Decimal("700.00")
    assert Payout.objects.filter(application=application).count() == 3  # nothing deleted
    assert Fund.objects.get(pk=office_fund.pk).paid == Decimal("700.00")
    entries = AuditEntry.objects.filter(target_id=str(application.pk), action="fund.payout_recorded")
    actions = sorted((e.actor_id, e.changes["amount"], e.changes["reason"]) for e in entries)
    assert actions == sorted(
        [(city.pk, "300.00", ""), (staff.pk, "500.00", ""), (staff.pk, "-100.00", "Doppelt gebucht")]
    )


def test_residents_may_not_record_payouts(office_fund, make_application, staff, user_with_role):
    application = make_application("complete", amounts=("800.00",))
    services.decide(application=application, outcome="approved", actor=staff)
    with pytest.raises(NotAllowed):
        services.record_payout(
            application=application,
            amount="10",
            paid_on=datetime.date.today(),
            actor=user_with_role("resident"),
        )


def test_amount_correction_is_a_new_decision_with_reason(office_fund, make_application, staff):
    application = make_application("complete", amounts=("800.00",))
    first = services.decide(application=application, outcome="approved", actor=staff)
    services.record_payout(application=application, amount="200", paid_on=datetime.date.today(), actor=staff)
    with pytest.raises(DomainError, match="reason"):
        services.correct_amount(application=application, amount="500", reason="", actor=staff)
    with pytest.raises(DomainError, match="paid already"):
        services.correct_amount(application=application, amount="100", reason="zu wenig", actor=staff)
    second = services.correct_amount(
        application=application, amount="500", reason="Angebot günstiger", actor=staff
    )
    assert second.supersedes == first and second.correction_reason == "Angebot günstiger"
    assert Decision.objects.filter(application=application).count() == 2
    assert Fund.objects.get(pk=office_fund.pk).committed == Decimal("500.00")
    assert list(LedgerEntry.objects.filter(application=application).values_list("amount", flat=True)) == [
        Decimal("800.00"),
        Decimal("-300.00"),
    ]
    entry = AuditEntry.objects.get(action="fund.amount_corrected")
    assert entry.actor == staff and entry.changes["amount"] == ["800.00", "500.00"]


def test_rejection_commits_nothing(office_fund, make_application, staff):
    application = make_application("complete", amounts=("400.00",))
    decision = services.decide(application=application, outcome="rejected", actor=staff, reasons="Kein Bezug")
    assert decision.amount == 0
    assert Fund.objects.get(pk=office_fund.pk).committed == 0
    with pytest.raises(InvalidTransition):
        services.decide(application=application, outcome="approved", actor=staff)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_decisions_never_overcommit_the_budget(office_fund, make_application, staff):
    # 20 × 800 € = 16,000 € against 5,000 €: six fit, fourteen are refused.
    applications = [make_application("complete", amounts=("800.00",)) for _ in range(20)]

    def approve(app_id):
        application = Application.objects.get(pk=app_id)
        return services.decide(application=application, outcome="approved", actor=staff).amount

    results = run_concurrently(approve, [(a.pk,) for a in applications])
    approved = [r for r, exc in results if exc is None]
    refused = [exc for r, exc in results if exc is not None]
    assert len(approved) == 6 and len(refused) == 14
    # Worker threads answer in the default language (German).
    assert all(isinstance(e, Conflict) and "Budget reicht nicht" in str(e) for e in refused), refused
    fund = Fund.objects.get(pk=office_fund.pk)
    assert fund.committed == Decimal("4800.00") <= fund.budget
    assert Application.objects.filter(status="approved").count() == 6
    assert Application.objects.filter(status="complete").count() == 14
    assert LedgerEntry.objects.filter(fund=fund).count() == 6
