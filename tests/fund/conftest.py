"""Fixtures of the fund tests: a fund with rules, its award team, applications in every state."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from quartierwerk.actors.models import Group, GroupMembership, Person
from quartierwerk.core.models import Membership
from quartierwerk.fund import services
from quartierwerk.fund.models import Application, Category, Fund, Round

TODAY = timezone.localdate


@pytest.fixture
def fund(quarter):
    group = Group.objects.create(
        quarter=quarter, name="Vergabeteam Grünau", slug="vergabeteam", kind="award_team"
    )
    fund = Fund.objects.create(
        quarter=quarter,
        year=TODAY().year,
        budget=Decimal("10000.00"),
        max_per_application=Decimal("5000.00"),
        staff_decision_limit=Decimal("500.00"),
        quorum=3,
        award_team=group,
        purpose="Nachbarschaftsprojekte",
    )
    Round.objects.create(fund=fund, name="Runde 1", deadline=TODAY() + datetime.timedelta(days=30))
    return fund


@pytest.fixture
def categories(fund):
    building = Category.objects.create(
        fund=fund, name="Baumaßnahmen", max_amount=Decimal("5000.00"), max_share_percent=50, position=1
    )
    other = Category.objects.create(
        fund=fund, name="Sonstige Projekte", max_amount=Decimal("1000.00"), position=2
    )
    return {"building": building, "other": other}


@pytest.fixture
def seat(fund):
    """Give a user a seat in the fund's award team (and the core award_team role)."""

    def make(user, role="member", *, with_role=True):
        person = Person.objects.create(quarter=fund.quarter, user=user, first_name=str(user), last_name="")
        GroupMembership.objects.create(group=fund.award_team, person=person, role=role)
        if with_role:
            Membership.objects.get_or_create(user=user, role="award_team", quarter=fund.quarter)
        return user

    return make


@pytest.fixture
def members(user_with_role, seat):
    """Five award-team members, the first one chairs."""
    users = [user_with_role("award_team") for _ in range(5)]
    seat(users[0], "chair", with_role=False)
    for u in users[1:]:
        seat(u, "member", with_role=False)
    return users


@pytest.fixture
def staff(user_with_role):
    return user_with_role("staff")


def fill(application, *, amounts=("800.00",), own="0", title="Hoffest", **extra):
    data = {
        "title": title,
        "summary": "Ein Fest für alle im Hof.",
        "benefit": "Nachbarn lernen sich kennen.",
        "own_contribution": own,
        "is_of_age": True,
        **extra,
    }
    return services.update_application(
        application=application, data=data, cost_items=[(f"Posten {i}", a) for i, a in enumerate(amounts)]
    )


@pytest.fixture
def make_application(fund, user_with_role):
    """Factory: an application in the requested state (draft, submitted, complete)."""
    counter = {"n": 0}

    def make(state="submitted", *, amounts=("800.00",), own="0", email=None, user=None, **extra):
        counter["n"] += 1
        application, token = services.start_application(
            fund=fund,
            applicant_name=f"Antragstellerin {counter['n']}",
            email=email or f"antrag{counter['n']}@example.org",
            applicant_kind=extra.pop("applicant_kind", Application.ApplicantKind.ASSOCIATION),
            organisation_name="Grünauer Nachbarn e. V.",
            user=user,
        )
        application = fill(application, amounts=amounts, own=own, **extra)
        application.token = token
        if state == "draft":
            return application
        application = services.submit_application(application=application, consent=True)
        application.token = token
        if state == "submitted":
            return application
        if "office" not in counter:
            counter["office"] = user_with_role("staff")
        application = services.mark_complete(application=application, actor=counter["office"])
        application.token = token
        assert state == "complete", state
        return application

    return make


@pytest.fixture
def many_applications(fund, categories):
    """300 submitted applications, inserted in bulk."""
    from django.utils import timezone

    now = timezone.now()
    rows = [
        Application(
            fund=fund,
            quarter=fund.quarter,
            category=categories["other"] if i % 2 else categories["building"],
            round=fund.rounds.first(),
            reference=f"VF-T-{i:04d}",
            status="approved" if i % 3 == 0 else "submitted",
            token_hash=f"{i:064d}",
            applicant_name=f"Person {i}",
            email=f"p{i}@example.org",
            title=f"Projekt {i}",
            summary="kurz",
            requested_amount=100,
            approved_amount=100 if i % 3 == 0 else 0,
            submitted_at=now,
            decided_at=now if i % 3 == 0 else None,
        )
        for i in range(300)
    ]
    Application.objects.bulk_create(rows)
    return rows


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages are asserted in English (msgids); pages and the API answer in German by default."""
    from django.utils import translation

    with translation.override("en"):
        yield
