import pytest

from quartierwerk.core.places import selectors
from quartierwerk.core.places.importer import Row
from quartierwerk.core.places.services import address_from_row
from tests.conftest import make_quarter


def add(city, street, number, lat=51.05, lon=12.05, postcode="04209"):
    row = Row(
        line=0, street=street, house_number=number, postcode=postcode, place="Leipzig", lat=lat, lon=lon
    )
    address = address_from_row(city, row)
    address.save()
    return address


@pytest.fixture
def register(city):
    return [
        add(city, "Hauptstraße", "12a", 51.050, 12.050),
        add(city, "Hauptstraße", "12", 51.0501, 12.0501),
        add(city, "Hauptstraße", "2", 51.051, 12.051),
        add(city, "Müllerstraße", "3", 51.06, 12.06),
        add(city, "Am Lindenweg", "1", 51.07, 12.07),
    ]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Hauptstr. 12a", ["Hauptstraße 12a"]),
        ("hauptstrasse 12 a", ["Hauptstraße 12a"]),
        ("Hauptstraße", ["Hauptstraße 2", "Hauptstraße 12", "Hauptstraße 12a"]),
        ("hauptstr 12", ["Hauptstraße 12", "Hauptstraße 12a"]),
        ("Muellerstr 3", ["Müllerstraße 3"]),
        ("müller", ["Müllerstraße 3"]),
        ("lindenweg", ["Am Lindenweg 1"]),
        ("Nirgendwo 5", []),
    ],
)
def test_type_ahead_tolerates_spellings(city, register, typed, expected):
    found = selectors.search(city.pk, typed)
    assert [f"{a.street} {a.house_number}" for a in found] == expected


def test_search_stays_in_its_city(city, register, other_quarter):
    add(other_quarter.city, "Hauptstraße", "99")
    assert all(a.city_id == city.pk for a in selectors.search(city.pk, "Hauptstr"))


@pytest.mark.parametrize("count", [3, 30])
def test_search_api_costs_fixed_queries(client, quarter, django_assert_num_queries, count):
    for n in range(count):
        add(quarter.city, "Birkenweg", str(n + 1))
    with django_assert_num_queries(2):
        response = client.get(
            "/api/v1/places/search", {"quarter": quarter.slug, "q": "Birkenweg", "limit": 20}
        )
    assert response.status_code == 200
    assert len(response.json()) == min(count, 20)


def test_search_api_bounds_its_parameters(client, quarter):
    assert (
        client.get("/api/v1/places/search", {"quarter": quarter.slug, "q": "ab", "limit": 500}).status_code
        == 422
    )
    assert client.get("/api/v1/places/search", {"quarter": quarter.slug, "q": "x" * 101}).status_code == 422
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/places/search" in paths and "/api/v1/places/point" in paths


def test_nearest_address_to_a_pin(city, register):
    address, metres = selectors.nearest(city.pk, 51.05005, 12.05005)
    assert address.house_number in ("12", "12a")
    assert metres < 10
    assert selectors.nearest(city.pk, 40.0, 5.0) is None


def test_point_api_names_the_right_quarter(client, city, quarter, register):
    east = make_quarter(
        city,
        slug="osten",
        name="Leipziger Osten",
        boundary={
            "type": "Polygon",
            "coordinates": [[[12.2, 51.0], [12.3, 51.0], [12.3, 51.1], [12.2, 51.1], [12.2, 51.0]]],
        },
    )
    inside = client.get(
        "/api/v1/places/point", {"quarter": quarter.slug, "lat": 51.0501, "lon": 12.0501}
    ).json()
    assert inside["inside"] is True
    assert inside["address"]["label"] == "Hauptstraße 12, 04209 Leipzig"
    elsewhere = client.get(
        "/api/v1/places/point", {"quarter": quarter.slug, "lat": 51.05, "lon": 12.25}
    ).json()
    assert elsewhere["inside"] is False
    assert elsewhere["quarter"]["slug"] == east.slug
    assert "Leipziger Osten" in elsewhere["message"]


def test_point_outside_every_quarter_names_the_city_channel(client, quarter, settings):
    settings.CITY_CHANNEL = "https://leipzig.example/maengelmelder"
    data = client.get("/api/v1/places/point", {"quarter": quarter.slug, "lat": 50.0, "lon": 10.0}).json()
    assert data["inside"] is False and data["quarter"] is None and data["address"] is None
    assert "https://leipzig.example/maengelmelder" in data["message"]
