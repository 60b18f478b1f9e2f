"""Street labels for a map without tiles: one point per street inside the view, bounded, one query."""

import pytest

from quartierwerk.core.places import selectors

from .test_search import add


@pytest.fixture
def streets(city):
    for n in range(1, 6):
        add(city, "Hauptstraße", str(n), 51.05 + n * 0.0002, 12.05)
    add(city, "Müllerstraße", "3", 51.06, 12.06)
    add(city, "Fernweg", "1", 51.5, 12.5)  # outside the view


@pytest.mark.django_db
def test_streets_in_the_view_come_with_one_point_each(
    client, quarter, streets, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):  # the quarter, the streets
        data = client.get(f"/api/v1/places/streets?quarter={quarter.slug}&bbox=12.0,51.0,12.1,51.1").json()
    assert [s["name"] for s in data["streets"]] == ["Hauptstraße", "Müllerstraße"]
    main = data["streets"][0]
    assert main["lat"] == pytest.approx(51.0506) and main["lon"] == pytest.approx(12.05)
    assert data["truncated"] is False


@pytest.mark.django_db
def test_street_labels_are_bounded(city, streets):
    found, truncated = selectors.street_labels(city.pk, (12.0, 51.0, 12.1, 51.1), limit=1)
    assert [s["name"] for s in found] == ["Hauptstraße"] and truncated
    assert selectors.street_labels(city.pk, (5.0, 47.0, 15.0, 55.0)) == ([], True)  # a whole country: none
