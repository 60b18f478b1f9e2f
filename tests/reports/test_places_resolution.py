"""Open311 address_string / address_id and the web form's typed address resolve through the address register."""

import pytest

from quartierwerk.core.places.importer import Row
from quartierwerk.core.places.services import address_from_row
from quartierwerk.reports import services
from quartierwerk.reports.models import Report
from tests.conftest import make_quarter


def add(city, street, number, lat, lon):
    row = Row(line=0, street=street, house_number=number, postcode="04209", place="Leipzig", lat=lat, lon=lon)
    address = address_from_row(city, row)
    address.save()
    return address


@pytest.fixture
def api_key(quarter, user_with_role):
    _client, key = services.create_api_client(quarter=quarter, name="Stadt-App", by=user_with_role("staff"))
    return key


def post(client, **data):
    return client.post("/open311/v2/requests.json", data)


def test_address_string_gets_the_register_coordinates(client, quarter, category, api_key):
    add(quarter.city, "Lindenstraße", "4b", 51.04, 12.04)
    response = post(
        client,
        api_key=api_key,
        service_code="streetlight",
        address_string="lindenstr. 4 b",
        description="Laterne aus",
    )
    assert response.status_code == 201, response.content
    report = Report.objects.get(pk=response.json()[0]["service_request_id"])
    assert (report.lat, report.lon) == (51.04, 12.04)
    assert report.address == "Lindenstraße 4b, 04209 Leipzig"


def test_address_id_gets_the_register_coordinates(client, quarter, category, api_key):
    address = add(quarter.city, "Lindenstraße", "4", 51.03, 12.03)
    response = post(
        client, api_key=api_key, service_code="streetlight", address_id=str(address.pk), description="x"
    )
    assert response.status_code == 201
    report = Report.objects.get(pk=response.json()[0]["service_request_id"])
    assert (report.lat, report.lon) == (51.03, 12.03)


def test_unknown_address_id_is_refused(client, quarter, category, api_key, other_quarter):
    foreign = add(other_quarter.city, "Lindenstraße", "4", 52.05, 13.05)
    response = post(
        client, api_key=api_key, service_code="streetlight", address_id=str(foreign.pk), description="x"
    )
    assert response.status_code == 400
    assert "Unknown address_id" in response.json()[0]["description"]


def test_address_in_another_quarter_names_it(client, city, quarter, category, api_key):
    make_quarter(
        city,
        slug="osten",
        name="Leipziger Osten",
        boundary={
            "type": "Polygon",
            "coordinates": [[[12.2, 51.0], [12.3, 51.0], [12.3, 51.1], [12.2, 51.1], [12.2, 51.0]]],
        },
    )
    add(city, "Eisenbahnstraße", "1", 51.05, 12.25)
    response = post(
        client,
        api_key=api_key,
        service_code="streetlight",
        address_string="Eisenbahnstraße 1",
        description="x",
    )
    assert response.status_code == 403
    assert "Leipziger Osten" in response.json()[0]["description"]


def test_address_outside_every_quarter_names_the_city_channel(client, quarter, category, api_key, settings):
    settings.CITY_CHANNEL = "https://leipzig.example/melden"
    add(quarter.city, "Fernweg", "1", 50.0, 10.0)
    response = post(
        client, api_key=api_key, service_code="streetlight", address_string="Fernweg 1", description="x"
    )
    assert response.status_code == 400
    assert "https://leipzig.example/melden" in response.json()[0]["description"]


def test_unknown_address_string_stays_free_text(client, quarter, category, api_key):
    response = post(
        client,
        api_key=api_key,
        service_code="streetlight",
        address_string="hinter dem Spielplatz",
        description="x",
    )
    assert response.status_code == 201
    assert Report.objects.get().lat is None


def test_web_form_address_alone_places_the_pin(quarter, category):
    add(quarter.city, "Lindenstraße", "4", 51.04, 12.04)
    assert services.check_location(quarter, None, None, "Lindenstrasse 4, 04209 Leipzig") == (51.04, 12.04)


def test_pin_in_another_quarter_names_it(city, quarter):
    make_quarter(
        city,
        slug="osten",
        name="Leipziger Osten",
        boundary={
            "type": "Polygon",
            "coordinates": [[[12.2, 51.0], [12.3, 51.0], [12.3, 51.1], [12.2, 51.1], [12.2, 51.0]]],
        },
    )
    from quartierwerk.core.errors import DomainError

    with pytest.raises(DomainError, match="Leipziger Osten"):
        services.check_location(quarter, 51.05, 12.25, "")
