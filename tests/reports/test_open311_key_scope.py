"""An Open311 key files reports only into the quarter it was issued for."""

import pytest

from quartierwerk.reports import services
from quartierwerk.reports.models import ApiClient, Report, RoutingRule
from tests.conftest import OTHER_SQUARE, make_quarter

from .conftest import LAT, LON

URL = "/open311/v2/requests.json"


@pytest.fixture
def key(quarter, user_with_role):
    return services.create_api_client(quarter=quarter, name="Stadt-App", by=user_with_role("staff"))[1]


@pytest.fixture
def neighbour_quarter(city):
    """A second quarter of the same city, in the square the other city's quarter uses elsewhere."""
    return make_quarter(city, slug="lausen", name="Lausen", boundary=OTHER_SQUARE)


def post(client, key, **params):
    return client.post(URL, {"api_key": key, "service_code": "streetlight", "description": "Lampe", **params})


@pytest.mark.django_db
def test_key_files_into_its_own_quarter(client, key, quarter, category):
    answer = post(client, key, lat=LAT, long=LON)
    assert answer.status_code == 201, answer.content
    answer = post(client, key, jurisdiction_id=quarter.slug, address_string="Hauptstraße 1")
    assert answer.status_code == 201, answer.content
    assert set(Report.objects.values_list("quarter_id", flat=True)) == {quarter.pk}


@pytest.mark.django_db
def test_key_cannot_file_into_another_quarter_or_city(
    client, key, category, neighbour_quarter, other_quarter, body
):
    RoutingRule.objects.create(category=category, city=other_quarter.city, body=body)
    attempts = [
        {"jurisdiction_id": other_quarter.slug, "address_string": "Am Markt 1"},
        {"jurisdiction_id": other_quarter.city.slug, "address_string": "Am Markt 1"},
        {"jurisdiction_id": neighbour_quarter.slug, "address_string": "Am Markt 1"},
        {"lat": 52.05, "long": 13.05},  # inside the neighbouring quarter of the same city
    ]
    for params in attempts:
        answer = post(client, key, **params)
        assert answer.status_code == 403, (params, answer.content)
        assert answer.json()[0]["code"] == 403
        assert "jurisdiction_id" in answer.json()[0]["description"]
    assert not Report.objects.exists()
    assert ApiClient.objects.count() == 1
