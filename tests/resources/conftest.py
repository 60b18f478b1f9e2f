"""Fixtures of the resource pool: two associations, a cargo bike, the office hours, dates in Berlin time."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from quartierwerk.actors.models import Organisation, Representation
from quartierwerk.resources.models import Category, Resource, Timeframe

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


def next_weekday(weekday: int, weeks: int = 1) -> datetime.date:
    """A date `weeks` weeks ahead on the given weekday (0 = Monday)."""
    today = datetime.date.today()
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)


def make_organisation(quarter, name, user=None):
    org = Organisation.objects.create(
        quarter=quarter, city=quarter.city, name=name, slug=name.lower().replace(" ", "-")
    )
    if user is not None:
        Representation.objects.create(organisation=org, user=user, status=Representation.Status.APPROVED)
    return org


@pytest.fixture(autouse=True)
def _english_messages():
    """Services answer in the language of the request; these tests read their English wording."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def owner(user_with_role):
    return user_with_role("actor_representative")


@pytest.fixture
def booker(user_with_role):
    return user_with_role("actor_representative")


@pytest.fixture
def owner_org(quarter, owner):
    return make_organisation(quarter, "Lastenrad Kollektiv", owner)


@pytest.fixture
def booker_org(quarter, booker):
    return make_organisation(quarter, "Nachbarschaftsgarten", booker)


@pytest.fixture(autouse=True)
def _booker_represents_an_association(request):
    """A test that asks for `booker` gets one who represents an association (they may book association things)."""
    if "booker" in request.fixturenames and "booker_org" not in request.fixturenames:
        request.getfixturevalue("booker_org")


@pytest.fixture
def category(quarter):
    return Category.objects.create(quarter=quarter, name="Fahrzeuge", max_days_per_week=3)


@pytest.fixture
def bike(quarter, owner_org, category):
    resource = Resource.objects.create(
        quarter=quarter,
        owner=owner_org,
        category=category,
        kind=Resource.Kind.EQUIPMENT,
        name="Lastenrad Emma",
        place="Stuttgarter Allee 12",
        terms="Haftung bei grober Fahrlässigkeit.",
        buffer_minutes=30,
    )
    Timeframe.objects.create(
        resource=resource,
        weekdays="0123456",
        opens_at=datetime.time(8),
        closes_at=datetime.time(20),
        max_hours=10,
    )
    return resource


@pytest.fixture
def office_hours(quarter):
    resource = Resource.objects.create(
        quarter=quarter,
        kind=Resource.Kind.OFFICE_HOURS,
        name="Sprechstunde im Stadtteilbüro",
        bookable_by=Resource.Bookers.ANYONE,
        needs_approval=False,
        slot_minutes=20,
        languages="Arabisch, Türkisch",
        offers_interpreter=True,
    )
    Timeframe.objects.create(
        resource=resource, weekdays="13", opens_at=datetime.time(10), closes_at=datetime.time(12)
    )
    return resource
