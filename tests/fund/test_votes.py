"""Award-team votes: who may vote, recusal, one vote per member (also concurrently), quorum/majority/tie rules."""

import pytest

from quartierwerk.core.errors import Conflict, NotAllowed
from quartierwerk.fund import rules, services
from quartierwerk.fund.models import AgendaItem, Application, Fund, Vote
from tests.conftest import permission_matrix, run_concurrently


@pytest.fixture
def item(fund, make_application, staff):
    from quartierwerk.fund.models import AwardSession  # noqa: F401

    session = services.plan_session(fund=fund, date=fund.rounds.first().deadline, actor=staff)
    application = make_application("complete", amounts=("2000.00",))
    return services.schedule(application=application, session=session, actor=staff)


R = AgendaItem.Result


@pytest.mark.parametrize(
    "yes, no, abstain, quorum, majority, tie_rule, chair, expected",
    [
        (3, 1, 0, 3, "simple", "rejected", None, R.APPROVED),
        (1, 3, 0, 3, "simple", "rejected", None, R.REJECTED),
        (2, 0, 0, 3, "simple", "rejected", None, R.NO_QUORUM),
        (1, 1, 1, 3, "simple", "rejected", None, R.REJECTED),
        (2, 2, 0, 3, "simple", "rejected", "yes", R.REJECTED),
        (2, 2, 0, 3, "simple", "deferred", "yes", R.DEFERRED),
        (2, 2, 0, 3, "simple", "chair", "yes", R.APPROVED),
        (2, 2, 0, 3, "simple", "chair", "no", R.REJECTED),
        (2, 2, 1, 3, "simple", "chair", "abstain", R.REJECTED),
        (0, 0, 3, 3, "simple", "deferred", None, R.DEFERRED),
        (4, 2, 0, 3, "qualified", "rejected", None, R.APPROVED),
        (3, 2, 0, 3, "qualified", "rejected", None, R.REJECTED),
        (2, 1, 5, 3, "qualified", "rejected", None, R.APPROVED),
        (0, 0, 4, 3, "qualified", "rejected", None, R.REJECTED),
        (3, 0, 0, 0, "simple", "rejected", None, R.APPROVED),
    ],
)
def test_result_follows_quorum_majority_and_tie_rules(
    yes, no, abstain, quorum, majority, tie_rule, chair, expected
):
    result = services.tally(
        yes=yes, no=no, abstain=abstain, quorum=quorum, majority=majority, tie_rule=tie_rule, chair_vote=chair
    )
    assert result.result == expected
    assert (result.yes, result.no, result.abstain) == (yes, no, abstain)


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": True,
        "staff": False,
        "staff_other_quarter": False,
        "city_staff": False,
        "city_staff_other_city": False,
        "admin": False,
    }
)
def test_who_may_vote(role, allowed, user_with_role, seat, item):
    user = user_with_role(role)
    if role == "award_team":
        seat(user, with_role=False)
    assert rules.can_vote(user, item) is allowed
    if allowed:
        vote = services.cast_vote(item=item, voter=user, choice="yes")
        assert vote.pk
    elif getattr(user, "is_authenticated", False):
        with pytest.raises(NotAllowed):
            services.cast_vote(item=item, voter=user, choice="yes")
    assert item.votes.count() == (1 if allowed else 0)


def test_award_team_role_without_a_seat_does_not_vote(user_with_role, item):
    assert rules.can_vote(user_with_role("award_team"), item) is False


def test_ended_seat_does_not_vote(user_with_role, seat, item):
    import datetime

    from quartierwerk.actors.models import GroupMembership

    member = seat(user_with_role("award_team"))
    GroupMembership.objects.filter(person__user=member).update(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2021, 1, 1)
    )
    rules.forget_seats(member)
    assert rules.can_vote(member, item) is False


def test_recused_member_and_applicant_cannot_vote(members, item, staff):
    recused, applicant_member = members[1], members[2]
    services.declare_recusal(item=item, user=recused, reason="Mitglied im antragstellenden Verein")
    with pytest.raises(NotAllowed, match="conflict of interest"):
        services.cast_vote(item=item, voter=recused, choice="yes")
    Application.objects.filter(pk=item.application_id).update(email=applicant_member.email)
    item.refresh_from_db()
    with pytest.raises(NotAllowed, match="Applicants"):
        services.cast_vote(item=item, voter=applicant_member, choice="yes")
    assert item.votes.count() == 0
    # A second declaration is refused, not duplicated.
    with pytest.raises(Conflict):
        services.declare_recusal(item=item, user=recused)


def test_a_member_votes_once(members, item):
    services.cast_vote(item=item, voter=members[0], choice="yes")
    with pytest.raises(Conflict, match="already been recorded"):
        services.cast_vote(item=item, voter=members[0], choice="no")
    assert list(item.votes.values_list("choice", flat=True)) == ["yes"]


def test_member_who_voted_cannot_recuse_afterwards(members, item):
    services.cast_vote(item=item, voter=members[0], choice="yes")
    with pytest.raises(Conflict):
        services.declare_recusal(item=item, user=members[0])


def test_staff_enter_votes_only_for_paper_sessions(members, item, staff):
    with pytest.raises(NotAllowed):
        services.cast_vote(item=item, voter=members[0], choice="yes", entered_by=staff)
    item.session.on_paper = True
    item.session.save()
    item.refresh_from_db()
    vote = services.cast_vote(item=item, voter=members[0], choice="yes", entered_by=staff)
    assert vote.entered_by == staff and vote.voter == members[0]


def test_closing_counts_votes_and_commits_reduced_amount(members, item, staff, fund):
    services.cast_vote(
        item=item, voter=members[0], choice="yes", amount="1500", conditions="Quittungen sammeln"
    )
    services.cast_vote(item=item, voter=members[1], choice="yes")
    services.cast_vote(item=item, voter=members[2], choice="no")
    services.cast_vote(item=item, voter=members[3], choice="abstain")
    item = services.close_item(item=item, actor=staff)
    assert (item.result, item.yes, item.no, item.abstain) == ("approved", 2, 1, 1)
    application = Application.objects.get(pk=item.application_id)
    assert application.status == "approved" and str(application.approved_amount) == "1500.00"
    decision = application.decisions.get()
    assert decision.outcome == "approved_conditions" and "Quittungen" in decision.conditions
    fund.refresh_from_db()
    assert str(fund.committed) == "1500.00"
    # Closed: no more votes.
    with pytest.raises(NotAllowed):
        services.cast_vote(item=item, voter=members[4], choice="yes")


def test_without_quorum_the_application_goes_onto_the_next_agenda(members, item, staff, fund):
    import datetime

    later = services.plan_session(
        fund=fund, date=item.session.date + datetime.timedelta(days=28), actor=staff
    )
    services.cast_vote(item=item, voter=members[0], choice="yes")
    item = services.close_item(item=item, actor=staff)
    assert item.result == "no_quorum"
    application = Application.objects.get(pk=item.application_id)
    assert application.status == "scheduled"
    assert later.items.get().application_id == application.pk
    assert "next agenda" in application.status_changes.filter(to_status="complete").last().note
    fund.refresh_from_db()
    assert fund.committed == 0


def test_recommending_award_team_leaves_decision_to_the_office(members, item, staff, fund):
    Fund.objects.filter(pk=fund.pk).update(award_team_power="recommends")
    for m in members[:3]:
        services.cast_vote(item=item, voter=m, choice="yes")
    item.refresh_from_db()
    services.close_item(item=item, actor=staff)
    application = Application.objects.get(pk=item.application_id)
    assert application.status == "recommended" and application.decisions.count() == 0
    decision = services.decide(
        application=application, outcome="approved", actor=staff, reasons="Wie empfohlen"
    )
    assert decision.level == "office" and decision.amount == application.requested_amount


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_of_all_members_are_each_recorded_once(members, item):
    # Every member votes twice at the same moment: exactly one vote per member survives.
    args = [(m,) for m in members] * 2

    def vote(member):
        return services.cast_vote(item=AgendaItem.objects.get(pk=item.pk), voter=member, choice="yes").pk

    results = run_concurrently(vote, args)
    ok = [r for r, exc in results if exc is None]
    errors = [exc for r, exc in results if exc is not None]
    assert len(ok) == len(members)
    assert all(isinstance(e, Conflict) for e in errors), errors
    assert Vote.objects.filter(item=item).count() == len(members)
    assert set(Vote.objects.filter(item=item).values_list("voter_id", flat=True)) == {m.pk for m in members}


def test_award_team_approval_that_no_longer_fits_goes_back_to_the_office(members, item, staff, fund):
    Fund.objects.filter(pk=fund.pk).update(budget=1000)  # the item asks for 2,000 €
    for m in members[:3]:
        services.cast_vote(item=item, voter=m, choice="yes")
    item = services.close_item(item=item, actor=staff)
    assert item.result == "approved"  # the vote is recorded as it was
    application = Application.objects.get(pk=item.application_id)
    assert application.status == "recommended" and application.decisions.count() == 0
    assert "budget is not enough" in application.status_changes.last().note
    decision = services.decide(application=application, outcome="approved", amount="1000", actor=staff)
    assert decision.outcome == "approved_conditions" and Fund.objects.get(pk=fund.pk).committed == 1000
