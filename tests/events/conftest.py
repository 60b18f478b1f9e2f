"""Fixtures of the events tests: events, a working group with a chair who has an account, registrations."""

import datetime

import pytest
from django.utils import timezone

from quartierwerk.actors.models import Group, GroupMembership, Person
from quartierwerk.events.models import Event, Minutes


def at(days: int, hour: int = 18, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def make_event(quarter):
    """Factory for events straight through the ORM (services are tested on their own)."""

    def make(title="Stadtteilwerkstatt", *, days=7, target_quarter=None, **fields):
        q = target_quarter or quarter
        fields.setdefault("starts_at", at(days))
        fields.setdefault("ends_at", fields["starts_at"] + datetime.timedelta(hours=2))
        return Event.objects.create(quarter=q, city=q.city, title=title, **fields)

    return make


@pytest.fixture
def public_event(make_event):
    return make_event("Öffentliche Werkstatt", kind=Event.Kind.WORKSHOP)


@pytest.fixture
def group(quarter):
    return Group.objects.create(
        quarter=quarter, name="AG Grün", slug="ag-gruen", kind="working_group", is_public=True
    )


@pytest.fixture
def internal_group(quarter):
    return Group.objects.create(
        quarter=quarter,
        name="Quartiersrat",
        slug="quartiersrat",
        kind="neighbourhood_council",
        is_public=False,
    )


@pytest.fixture
def chair_user(user_with_role):
    return user_with_role("resident")


@pytest.fixture
def members(quarter, group, chair_user):
    """A chair with an account and three members; returns [chair, m1, m2, m3] as Persons."""
    chair = Person.objects.create(
        quarter=quarter, first_name="Clara", last_name="Vorsitz", email="chair@test.example", user=chair_user
    )
    people = [chair] + [
        Person.objects.create(
            quarter=quarter, first_name=f"M{i}", last_name="Mitglied", email=f"m{i}@test.example"
        )
        for i in range(1, 4)
    ]
    start = datetime.date(2024, 1, 1)
    GroupMembership.objects.create(group=group, person=chair, role="chair", start_date=start)
    for p in people[1:]:
        GroupMembership.objects.create(group=group, person=p, role="member", start_date=start)
    return people


@pytest.fixture
def session_event(make_event, group, members):
    event = make_event("Sitzung AG Grün", kind=Event.Kind.WORKING_GROUP, group=group, days=-1)
    Minutes.objects.create(event=event)
    return event


@pytest.fixture
def internal_session(make_event, internal_group):
    event = make_event(
        "Geheime Sitzung Quartiersrat",
        kind=Event.Kind.COMMITTEE_SESSION,
        group=internal_group,
        is_public=False,
    )
    Minutes.objects.create(event=event, notes="Vertrauliche Notiz", status=Minutes.Status.RELEASED)
    return event
