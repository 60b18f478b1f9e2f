"""Who may do what with a resource and a booking: every role, checked on the rule, the page and the API."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from quartierwerk.resources import rules, services
from quartierwerk.resources.models import Booking
from tests.conftest import ROLES, create_user

from .conftest import at, make_organisation, next_weekday

pytestmark = pytest.mark.django_db

# The roles of the issue on top of the shared ones: the owner's and the booker's representatives, and a
# representative of another association of the quarter.
ALL_ROLES = (*ROLES, "owner", "booker", "other_association")


def matrix(expected: dict):
    assert set(expected) == set(ALL_ROLES), set(ALL_ROLES) ^ set(expected)
    return pytest.mark.parametrize("role, allowed", list(expected.items()), ids=list(expected))


@pytest.fixture
def who(user_with_role, owner, booker, quarter):
    def make(role):
        if role == "owner":
            return owner
        if role == "booker":
            return booker
        if role == "other_association":
            user = create_user("andere@test.example")
            make_organisation(quarter, "Anderer Verein", user)
            return user
        return user_with_role(role)

    return make


@pytest.fixture
def requested(bike, booker, booker_org):
    day = next_weekday(2)
    return services.book(
        resource=bike,
        user=booker,
        organisation=booker_org,
        starts_at=at(day, 10),
        ends_at=at(day, 10) + datetime.timedelta(hours=2),
        accept_terms=True,
    )


@matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,  # represents no organisation in this test
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": False,
        "city_staff_other_city": False,
        "admin": False,
        "owner": True,
        "booker": True,
        "other_association": True,
    }
)
def test_who_may_book_a_resource_for_associations(role, allowed, who, bike):
    assert rules.can_book(who(role), bike) is allowed


@matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": False,
        "city_staff_other_city": False,
        "admin": True,
        "owner": True,
        "booker": False,
        "other_association": False,
    }
)
def test_who_may_decide_on_a_booking(role, allowed, who, requested, login_as, client):
    user = who(role)
    assert rules.can_decide(user, requested) is allowed
    c = login_as(user)
    response = c.post(f"/resources/bookings/{requested.pk}/approve/")
    requested.refresh_from_db()
    assert (requested.status == Booking.Status.APPROVED) is allowed
    if not isinstance(user, AnonymousUser) and not allowed:
        # Who cannot see the booking gets 404; who sees it but may not decide (city staff, the booker) 403.
        assert response.status_code in (403, 404)


@matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": True,
        "city_staff_other_city": False,
        "admin": True,
        "owner": True,
        "booker": True,
        "other_association": False,
    }
)
def test_who_sees_a_booking_and_the_bookers_data(role, allowed, who, requested, login_as, client):
    user = who(role)
    assert rules.can_view_booking(user, requested) is allowed
    c = login_as(user)
    response = c.get(f"/api/v1/resources/bookings/{requested.pk}")
    assert response.status_code == (200 if allowed else 404 if user.is_authenticated else 401) or (
        not allowed and response.status_code in (401, 403, 404)
    )
    if allowed:
        assert response.json()["booker"] == requested.booker_label


@matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": False,
        "city_staff_other_city": False,
        "admin": True,
        "owner": True,
        "booker": False,
        "other_association": False,
    }
)
def test_who_may_close_a_resource_for_repair(role, allowed, who, bike):
    assert rules.can_close(who(role), bike) is allowed


def test_the_calendar_shows_names_only_to_the_owner(requested, bike, client, login_as, owner, who):
    page = client.get(bike.get_absolute_url())
    assert page.status_code == 200 and "Nachbarschaftsgarten" not in page.content.decode()
    assert "Nachbarschaftsgarten" in login_as(owner).get(bike.get_absolute_url()).content.decode()
    ics = client.get(f"{bike.get_absolute_url()}calendar.ics").content.decode()
    assert "BEGIN:VEVENT" in ics and "Nachbarschaftsgarten" not in ics
