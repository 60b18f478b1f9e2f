"""City-wide events belong to their city: another city's staff neither see them nor their registrants."""

import pytest
from django.urls import reverse

from quartierwerk.events import rules, selectors
from quartierwerk.events.models import Event, Registration

from .conftest import at


@pytest.fixture
def marburg_internal_event(other_quarter):
    """An internal city-wide event of Marburg (the city of `other_quarter`) with one registrant."""
    event = Event.objects.create(
        city=other_quarter.city,
        quarter=None,
        title="Interne Runde der Stadtverwaltung",
        is_public=False,
        starts_at=at(5),
        ends_at=at(5, 20),
    )
    Registration.objects.create(
        event=event, name="Greta Geheim", email="greta@marburg.example", status=Registration.Status.CONFIRMED
    )
    return event


@pytest.mark.django_db
def test_city_staff_of_another_city_do_not_see_a_city_wide_event_nor_its_registrants(
    client, login_as, user_with_role, marburg_internal_event
):
    leipzig = user_with_role("city_staff")
    assert not rules.can_view_event(leipzig, marburg_internal_event)
    assert not rules.can_view_registrations(leipzig, marburg_internal_event)
    assert marburg_internal_event not in selectors.visible_events(leipzig)

    login_as(leipzig)
    pk = marburg_internal_event.pk
    assert client.get(reverse("events:city_detail", args=[pk])).status_code == 404
    assert client.get(f"/api/v1/events/{pk}").status_code == 404
    answer = client.get(f"/api/v1/events/{pk}/registrations")
    assert answer.status_code == 403
    assert "greta@marburg.example" not in answer.content.decode()
    assert "Greta Geheim" not in answer.content.decode()


@pytest.mark.django_db
def test_city_staff_of_the_events_city_see_it_and_its_registrants(
    client, login_as, user_with_role, marburg_internal_event
):
    marburg = user_with_role("city_staff_other_city")
    assert rules.can_view_event(marburg, marburg_internal_event)
    assert marburg_internal_event in selectors.visible_events(marburg)
    login_as(marburg)
    answer = client.get(f"/api/v1/events/{marburg_internal_event.pk}/registrations")
    assert answer.status_code == 200
    assert "greta@marburg.example" in answer.content.decode()


@pytest.mark.django_db
def test_city_wide_entry_without_a_city_is_seen_by_administrators_only(user_with_role, quarter):
    from quartierwerk.actors import rules as actor_rules
    from quartierwerk.actors.models import Organisation

    org = Organisation.objects.create(quarter=None, city=None, name="Ohne Stadt", slug="ohne-stadt")
    assert not actor_rules.can_read_actors(user_with_role("city_staff"), org)
    assert actor_rules.can_read_actors(user_with_role("admin"), org)
    org.city = quarter.city
    assert actor_rules.can_read_actors(user_with_role("city_staff"), org)
    assert not actor_rules.can_read_actors(user_with_role("city_staff_other_city"), org)
