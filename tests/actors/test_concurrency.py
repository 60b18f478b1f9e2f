"""Concurrent writes on PostgreSQL: one seat per member, one import run, one open claim per user."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quartierwerk.actors import services, transfer
from quartierwerk.actors.models import GroupMembership, Organisation, Representation
from quartierwerk.core.errors import Conflict, InvalidTransition
from tests.conftest import run_concurrently

from .conftest import make_org, make_person

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_seats_for_the_same_member_give_one_seat(quarter, group, staff):
    person = make_person(quarter)
    results = run_concurrently(
        lambda: services.add_member(by=staff, group=group, person=person), [() for _ in range(6)]
    )
    assert sum(1 for r, e in results if e is None) == 1
    assert all(isinstance(e, Conflict) for r, e in results if e is not None)
    assert GroupMembership.objects.filter(group=group, person=person).count() == 1


def test_the_same_import_run_twice_at_once_writes_once(quarter, staff):
    data = "name;kind\n" + "\n".join(f"Verein {i};association" for i in range(200))
    batch = transfer.parse_upload(
        by=staff, quarter=quarter, uploaded=SimpleUploadedFile("a.csv", data.encode())
    )
    results = run_concurrently(lambda: transfer.run_import(by=staff, batch=batch), [() for _ in range(4)])
    assert sum(1 for r, e in results if e is None) == 1
    assert all(isinstance(e, InvalidTransition) for r, e in results if e is not None)
    assert Organisation.objects.filter(quarter=quarter).count() == 200


def test_concurrent_claims_by_one_user_leave_one_open_request(quarter, user_with_role):
    org = make_org(quarter)
    user = user_with_role("resident")
    results = run_concurrently(
        lambda: services.claim_organisation(by=user, organisation=org), [() for _ in range(5)]
    )
    assert sum(1 for r, e in results if e is None) == 1
    assert all(isinstance(e, Conflict) for r, e in results if e is not None)
    assert Representation.objects.filter(organisation=org, user=user).count() == 1


def test_the_review_reminder_job_twice_at_once_asks_once(quarter, org, user_with_role):
    from datetime import timedelta

    from django.utils import timezone

    from quartierwerk.core.models import OutboxMail

    Representation.objects.create(
        organisation=org, user=user_with_role("actor_representative"), status="approved"
    )
    Organisation.objects.filter(pk=org.pk).update(updated_at=timezone.now() - timedelta(days=400))
    results = run_concurrently(lambda: services.remind_representatives(), [(), ()])
    assert [exc for _r, exc in results if exc is not None] == []
    assert sorted(r for r, _exc in results) == [0, 1]
    assert OutboxMail.objects.filter(purpose="actors/mail/review_reminder").count() == 1
