"""Text from residents and clients is cleaned once, when stored: Open311 XML stays parseable for every client,
and a lone surrogate in any field is stored cleaned, never a 500."""

import json
from xml.etree import ElementTree as ET

import pytest

from quartierwerk.reports import services
from quartierwerk.reports.models import Report

from .conftest import LAT, LON

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_key(quarter, user_with_role):
    _client, key = services.create_api_client(quarter=quarter, name="Stadt-App", by=user_with_role("staff"))
    return key


def test_a_vertical_tab_in_a_web_report_leaves_requests_xml_parseable(client, quarter, category):
    r = client.post(
        "/api/v1/reports/",
        json.dumps(
            {
                "quarter": quarter.slug,
                "category": "streetlight",
                "description": "Laterne\u000bkaputt\x1b",
                "lat": LAT,
                "lon": LON,
            }
        ),
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    assert Report.objects.get().description == "Laternekaputt"
    xml = client.get("/open311/v2/requests.xml")
    assert xml.status_code == 200
    root = ET.fromstring(xml.content)
    assert [e.text for e in root.iter("description")] == ["Laternekaputt"]


def test_an_open311_post_with_controls_is_stored_cleaned(client, quarter, category, api_key):
    r = client.post(
        "/open311/v2/requests.xml",
        {
            "api_key": api_key,
            "service_code": "streetlight",
            "lat": LAT,
            "long": LON,
            "description": "Mast\u000b schief\u0000",
            "first_name": "Eri\nka",
            "last_name": "Muster\u0007",
            "address_string": "Hauptstr.\r\n1",
        },
    )
    assert r.status_code in (200, 201), r.content
    report = Report.objects.get()
    assert report.description == "Mast schief"
    assert report.reporter_name == "Eri ka Muster" and report.address == "Hauptstr. 1"
    ET.fromstring(client.get("/open311/v2/requests.xml").content)


def test_an_old_row_with_a_control_character_still_gives_parseable_xml(client, make_report):
    """Rows stored before text was cleaned: the XML writer leaves out what XML cannot carry."""
    report = make_report()
    Report.objects.filter(pk=report.pk).update(description="alt\u000bneu\x1b", address="Hof\x0c 1")
    xml = client.get("/open311/v2/requests.xml")
    assert xml.status_code == 200
    root = ET.fromstring(xml.content)
    assert [e.text for e in root.iter("description")] == ["altneu"]
    assert [e.text for e in root.iter("address")] == ["Hof 1"]


@pytest.mark.parametrize("field", ["description", "address", "name"])
def test_a_lone_surrogate_in_a_report_field_is_not_a_500(client, quarter, category, field):
    data = {
        "quarter": quarter.slug,
        "category": "streetlight",
        "description": "Laterne",
        "lat": LAT,
        "lon": LON,
    }
    data[field] = "Laterne \ud800kaputt"
    r = client.post("/api/v1/reports/", json.dumps(data), content_type="application/json")
    assert r.status_code in (201, 400, 422), r.content
    if r.status_code == 201:
        report = Report.objects.get()
        stored = {"description": report.description, "address": report.address, "name": report.reporter_name}
        assert stored[field] == "Laterne kaputt"
