"""Thirty requests at once on PostgreSQL: support counts once, dots never exceed the budget, a code works once."""

import pytest
from django.test import Client

from quartierwerk.core.errors import Conflict
from quartierwerk.participation import services
from quartierwerk.participation.models import Ballot, Dot, Idea, ParticipationCode, Support
from tests.conftest import run_concurrently

from .conftest import make_idea, run_phase

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _client_for(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    TOTPDevice.objects.get_or_create(user=user, defaults={"name": "t", "confirmed": True})
    return client


def test_thirty_simultaneous_supports_by_one_person_count_once(process, user_with_role):
    idea = make_idea(process)
    resident = user_with_role("resident")
    client = _client_for(resident)

    def support(_i):
        return client.post(f"/api/v1/participation/ideas/{idea.pk}/support").status_code

    results = run_concurrently(support, [(i,) for i in range(30)])
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    assert [r for r, _e in results] == [200] * 30
    idea.refresh_from_db()
    assert idea.support_count == 1 == Support.objects.filter(idea=idea).count()


def test_thirty_simultaneous_dots_spend_the_budget_exactly_once(process, user_with_role):
    ideas = [make_idea(process, n) for n in range(30)]
    run_phase(process, "prioritising")
    voter = user_with_role("resident")
    client = _client_for(voter)

    def one_dot(idea_pk):
        response = client.put(
            f"/api/v1/participation/ideas/{idea_pk}/dots", {"points": 1}, content_type="application/json"
        )
        return response.status_code

    results = run_concurrently(one_dot, [(i.pk,) for i in ideas])
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    statuses = sorted(r for r, _e in results)
    assert statuses == [200] * 5 + [409] * 25
    ballot = Ballot.objects.get(user=voter)
    assert ballot.used == 5 == sum(Dot.objects.filter(ballot=ballot).values_list("points", flat=True))
    assert sum(Idea.objects.values_list("dot_count", flat=True)) == 5


def test_thirty_people_dotting_at_once_each_get_their_own_budget(process, user_with_role):
    idea = make_idea(process)
    run_phase(process, "prioritising")
    voters = [user_with_role("resident") for _ in range(30)]

    def vote(user):
        return services.set_dots(idea=Idea.objects.get(pk=idea.pk), points=3, user=user).used

    results = run_concurrently(vote, [(v,) for v in voters])
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    idea.refresh_from_db()
    assert idea.dot_count == 90 and Ballot.objects.count() == 30


def test_one_code_typed_in_thirty_browsers_at_once_works_once(process, staff):
    raw = services.generate_codes(process=process, by=staff, count=1)[0]

    def redeem(_i):
        try:
            return services.redeem_code(process=process, raw=raw).pk
        except Conflict:
            return None

    results = run_concurrently(redeem, [(i,) for i in range(30)])
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    assert sum(1 for r, _e in results if r) == 1
    assert ParticipationCode.objects.filter(redeemed_at__isnull=False).count() == 1


def test_thirty_codes_made_at_once_are_all_different(process, staff):
    def make(_i):
        return services.generate_codes(process=process, by=staff, count=3)

    results = run_concurrently(make, [(i,) for i in range(30)])
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    codes = [c for r, _e in results for c in r]
    assert len(codes) == 90 == len(set(codes)) == ParticipationCode.objects.count()
