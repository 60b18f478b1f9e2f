"""Open311 GeoReport v2: the PyPI client `georeport` against a live server in JSON and XML, and every rule."""

import re
from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
from django.utils import timezone
from georeport import GeoReport

from quartierwerk.reports import services
from quartierwerk.reports.models import CategoryAttribute, Report, ReportUpdate

from .conftest import LAT, LON

ISO_TZ = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


@pytest.fixture
def api_key(quarter, user_with_role):
    _client, key = services.create_api_client(quarter=quarter, name="Stadt-App", by=user_with_role("staff"))
    return key


def post(client, fmt="json", **data):
    return client.post(f"/open311/v2/requests.{fmt}", data)


def parse_xml(response):
    text = response.content.decode()
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_client_reads_services_and_requests(live_server, quarter, category, rubbish, api_key, fmt):
    import requests

    created = requests.post(
        f"{live_server.url}/open311/v2/requests.json",
        data={
            "api_key": api_key,
            "service_code": "streetlight",
            "lat": LAT,
            "long": LON,
            "description": "Laterne aus",
        },
        timeout=10,
    )
    assert created.status_code == 201, created.text
    request_id = created.json()[0]["service_request_id"]
    requests.post(
        f"{live_server.url}/open311/v2/requests.json",
        data={
            "api_key": api_key,
            "service_code": "rubbish",
            "address_string": "Ringstraße 3",
            "attribute[rubbish_type]": "bags",
            "description": "Säcke",
        },
        timeout=10,
    ).raise_for_status()

    client = GeoReport(f"{live_server.url}/open311/v2", output_format=fmt)
    services_ = client.get_service_list()
    codes = {s["service_code"] for s in services_}
    assert codes == {"streetlight", "rubbish"}
    meta = {s["service_code"]: s["metadata"] for s in services_}
    assert meta["rubbish"] in (True, "true") and meta["streetlight"] in (False, "false")

    definition = client.get_service_definition("rubbish")
    assert definition["service_code"] == "rubbish"
    attrs = definition["attributes"] if fmt == "json" else definition["attributes"]["attribute"]
    first = attrs[0]
    assert first["code"] == "rubbish_type" and first["datatype"] == "singlevaluelist"
    values = first["values"] if fmt == "json" else first["values"]["value"]
    assert {v["key"] for v in values} == {"bulky", "bags"}

    found = client.get_service_requests(service_code="streetlight")
    found = found if isinstance(found, list) else [found]  # xmltodict gives a dict for a single element
    assert [r["service_request_id"] for r in found] == [request_id]
    assert found[0]["status"] == "open" and ISO_TZ.match(found[0]["requested_datetime"])

    one = client.get_service_request(request_id)
    assert one["service_code"] == "streetlight" and one["description"] == "Laterne aus"
    assert float(one["lat"]) == pytest.approx(LAT)


def test_discovery_lists_the_endpoint_in_both_formats(client, db):
    data = client.get("/open311/v2/discovery.json").json()
    endpoint = data["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    root = parse_xml(client.get("/open311/v2/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.find("endpoints/endpoint/formats")] == ["text/xml", "application/json"]


def test_post_without_attributes_returns_the_request_id(client, quarter, category, api_key):
    response = post(
        client,
        api_key=api_key,
        service_code="streetlight",
        lat=LAT,
        long=LON,
        description="Laterne <b>aus</b>",
        email="anna@test.example",
        first_name="Anna",
        last_name="Beispiel",
        phone="0341 1",
    )
    assert response.status_code == 201
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert list(body[0]) == ["service_request_id", "service_notice", "account_id"] and "token" not in body[0]
    report = Report.objects.get(pk=body[0]["service_request_id"])
    assert report.description == "Laterne aus"  # HTML removed
    assert report.reporter_name == "Anna Beispiel" and report.reporter_email == "anna@test.example"
    assert report.source == "open311" and report.quarter == quarter


def test_post_with_attributes_in_xml(client, quarter, rubbish, api_key):
    CategoryAttribute.objects.create(
        category=rubbish,
        code="where",
        description="Wo genau?",
        datatype="multivaluelist",
        values=[{"key": "street", "name": "Straße"}, {"key": "park", "name": "Park"}],
    )
    response = client.post(
        "/open311/v2/requests.xml",
        {
            "api_key": api_key,
            "service_code": "rubbish",
            "lat": LAT,
            "long": LON,
            "description": "Müll",
            "attribute[rubbish_type]": "bulky",
            "attribute[where][]": ["street", "park"],
        },
    )
    assert response.status_code == 201
    root = parse_xml(response)
    request_id = root.find("request/service_request_id").text
    assert Report.objects.get(pk=request_id).attributes == {
        "rubbish_type": "bulky",
        "where": ["street", "park"],
    }


@pytest.mark.parametrize(
    "data, status, fragment",
    [
        ({"api_key": "falsch"}, 403, "api_key"),
        ({"api_key": None, "service_code": "streetlight"}, 403, "api_key"),
        ({"lat": None, "long": None}, 400, "location"),
        ({"lat": "nord"}, 400, "number"),
        ({"lat": 52.5, "long": 13.4}, 400, "outside"),
        ({"service_code": "ufo"}, 404, "service_code"),
        ({"service_code": ""}, 400, "service_code"),
        ({"description": "x" * 4001}, 400, "4000"),
        ({"email": "kein-mail"}, 400, "email"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
    ],
)
def test_post_errors_use_the_standard_format(
    client, quarter, category, rubbish, api_key, data, status, fragment
):
    payload = {"api_key": api_key, "service_code": "streetlight", "lat": LAT, "long": LON, "description": "x"}
    payload.update(data)
    payload = {k: v for k, v in payload.items() if v is not None}
    response = post(client, **payload)
    assert response.status_code == status
    error = response.json()
    assert error[0]["code"] == status and fragment in error[0]["description"]
    xml = client.post("/open311/v2/requests.xml", payload)
    root = parse_xml(xml)
    assert xml.status_code == status and root.tag == "errors"
    assert root.find("error/code").text == str(status) and fragment in root.find("error/description").text
    assert Report.objects.count() == 0


def test_missing_required_attribute_is_a_400(client, quarter, rubbish, api_key):
    response = post(client, api_key=api_key, service_code="rubbish", lat=LAT, long=LON, description="Müll")
    assert response.status_code == 400 and "Was liegt dort?" in response.json()[0]["description"]


def test_revoked_key_is_refused(client, quarter, category, user_with_role):
    staff = user_with_role("staff")
    api_client, key = services.create_api_client(quarter=quarter, name="Alt", by=staff)
    assert post(client, api_key=key, service_code="streetlight", lat=LAT, long=LON).status_code == 201
    services.revoke_api_client(client=api_client, by=staff)
    assert post(client, api_key=key, service_code="streetlight", lat=LAT, long=LON).status_code == 403


def test_requests_per_key_are_rate_limited(client, quarter, category, user_with_role):
    _c, key = services.create_api_client(
        quarter=quarter, name="Eilig", by=user_with_role("staff"), rate_limit=3
    )
    codes = [
        post(client, api_key=key, service_code="streetlight", lat=LAT, long=LON).status_code for _ in range(5)
    ]
    assert codes == [201, 201, 201, 429, 429]
    assert Report.objects.count() == 3


def test_token_flow_for_clients_that_want_tokens(client, quarter, category, user_with_role):
    _c, key = services.create_api_client(
        quarter=quarter, name="Async", by=user_with_role("staff"), returns_token=True
    )
    body = post(client, api_key=key, service_code="streetlight", lat=LAT, long=LON).json()[0]
    assert "service_request_id" not in body
    token = body["token"]
    answer = client.get(f"/open311/v2/tokens/{token}.json").json()
    assert answer == [{"service_request_id": str(Report.objects.get().pk), "token": token}]
    root = parse_xml(client.get(f"/open311/v2/tokens/{token}.xml"))
    assert root.find("request/token").text == token
    assert client.get("/open311/v2/tokens/unbekannt.json").status_code == 404


def test_request_filters_dates_and_paging(client, make_report, rubbish):
    now = timezone.now()
    old = make_report(created_at=now - timedelta(days=120))
    a = make_report(created_at=now - timedelta(days=2))
    b = make_report(created_at=now - timedelta(days=1), category=rubbish, status="solved")
    hidden = make_report(is_hidden=True)
    ids = lambda r: [x["service_request_id"] for x in r.json()]  # noqa: E731
    # Default: the last 90 days, newest first, hidden ones never.
    assert ids(client.get("/open311/v2/requests.json")) == [str(b.pk), str(a.pk)]
    assert ids(client.get("/open311/v2/requests.json?status=open")) == [str(a.pk)]
    assert ids(client.get("/open311/v2/requests.json?status=closed")) == [str(b.pk)]
    assert ids(client.get("/open311/v2/requests.json?service_code=rubbish")) == [str(b.pk)]
    assert ids(
        client.get(f"/open311/v2/requests.json?service_request_id={old.pk},{a.pk},{hidden.pk}&status=closed")
    ) == [str(a.pk), str(old.pk)]
    start = (now - timedelta(days=130)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (now - timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(client.get(f"/open311/v2/requests.json?start_date={start}&end_date={end}")) == [str(old.pk)]
    too_long = client.get(f"/open311/v2/requests.json?start_date={start}&end_date={now:%Y-%m-%dT%H:%M:%SZ}")
    assert too_long.status_code == 400 and "90 days" in too_long.json()[0]["description"]
    assert client.get("/open311/v2/requests.json?start_date=gestern").status_code == 400
    assert client.get("/open311/v2/requests.json?status=kaputt").status_code == 400
    assert ids(client.get("/open311/v2/requests.json?page_size=1&page=2")) == [str(a.pk)]
    assert client.get("/open311/v2/requests.json?page=0").status_code == 400
    assert client.get("/open311/v2/requests.json?jurisdiction_id=").status_code == 200
    assert client.get("/open311/v2/requests.json?jurisdiction_id=atlantis").status_code == 404


def test_request_detail_fields_dates_and_xml(client, make_report, user_with_role, body):
    report = make_report(address="Ringstraße 3")
    services.forward(report=report, by=user_with_role("staff"), body=body)
    services.change_status(
        report=report, by=user_with_role("staff"), status="in_progress", note="Termin steht"
    )
    data = client.get(f"/open311/v2/requests/{report.pk}.json").json()
    assert len(data) == 1
    row = data[0]
    assert row["status"] == "open" and row["status_notes"] == "Termin steht"
    assert row["agency_responsible"] == "Tiefbauamt" and row["address"] == "Ringstraße 3"
    for key in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert ISO_TZ.match(row[key]), key
    root = parse_xml(client.get(f"/open311/v2/requests/{report.pk}.xml"))
    assert root.tag == "service_requests" and root.find("request/service_request_id").text == str(report.pk)
    assert client.get("/open311/v2/requests/999999.json").status_code == 404
    assert client.get("/open311/v2/requests/999999.xml").status_code == 404
    assert client.get("/open311/v2/requests.csv").status_code == 404


def test_xml_escapes_text_and_stays_well_formed(client, make_report):
    make_report(description="Zeichen < > & \" ' und ]]> und ünïcödé")
    root = parse_xml(client.get("/open311/v2/requests.xml"))
    assert root.find("request/description").text == "Zeichen < > & \" ' und ]]> und ünïcödé"
    for path in ("services.xml", "services/streetlight.xml", "discovery.xml", "servicerequestupdates.xml"):
        parse_xml(client.get(f"/open311/v2/{path}"))


def test_service_request_updates_extension(client, report, user_with_role):
    staff = user_with_role("staff")
    services.change_status(report=report, by=staff, status="acknowledged", note="Gesehen")
    services.answer(report=report, by=staff, text="intern", public=False)
    services.change_status(report=report, by=staff, status="solved", note="Repariert")
    data = client.get("/open311/v2/servicerequestupdates.json").json()
    assert [(u["status"], u["description"]) for u in data] == [("open", "Gesehen"), ("closed", "Repariert")]
    assert all(ISO_TZ.match(u["updated_datetime"]) for u in data)
    assert data[0]["service_request_id"] == str(report.pk)
    root = parse_xml(client.get("/open311/v2/servicerequestupdates.xml"))
    assert len(root.findall("request_update")) == 2
    assert ReportUpdate.objects.filter(is_public=False).count() == 1


def test_unknown_service_definition_is_404_and_wrong_method_refused(client, category):
    response = client.get("/open311/v2/services/ufo.json")
    assert response.status_code == 404 and response.json()[0]["code"] == 404
    assert client.post("/open311/v2/services.json").status_code == 405


def test_requests_list_costs_fixed_queries(client, make_reports, django_assert_max_num_queries):
    make_reports(300)
    with django_assert_max_num_queries(3):
        response = client.get("/open311/v2/requests.json?page_size=500")
    assert len(response.json()) == 300


def test_post_path_is_lean_once_warm(client, quarter, category, api_key, django_assert_max_num_queries):
    data = {"api_key": api_key, "service_code": "streetlight", "lat": LAT, "long": LON, "description": "x"}
    assert post(client, **data).status_code == 201
    # Key, category and outlines come from the cache: one INSERT (inside its savepoint), no e-mail.
    with django_assert_max_num_queries(3):
        assert post(client, **data).status_code == 201
    from quartierwerk.core.models import OutboxMail

    assert not OutboxMail.objects.exists()


def test_multipart_media_upload_extension(client, quarter, category, api_key):
    from .conftest import html_as_jpg, jpeg_with_gps

    data = {
        "api_key": api_key,
        "service_code": "streetlight",
        "lat": LAT,
        "long": LON,
        "description": "Laterne",
    }
    response = client.post("/open311/v2/requests.json", {**data, "media": jpeg_with_gps()})
    assert response.status_code == 201
    report = Report.objects.get(pk=response.json()[0]["service_request_id"])
    assert report.photos.count() == 1
    row = client.get(f"/open311/v2/requests/{report.pk}.json").json()[0]
    # Unchecked, the photo has no public address; once the office approved it, it has.
    assert row["media_url"] == ""
    photo = report.photos.get()
    photo.review, photo.is_public = "approved", True
    photo.save()
    row = client.get(f"/open311/v2/requests/{report.pk}.json").json()[0]
    assert row["media_url"].endswith(f"/reports/photos/{photo.pk}/")
    refused = client.post("/open311/v2/requests.json", {**data, "media": html_as_jpg()})
    assert refused.status_code == 400 and "text/html" in refused.json()[0]["description"]
    assert Report.objects.count() == 1


def test_status_notes_come_from_status_changes_not_from_added_information(client, report, user_with_role):
    services.change_status(report=report, by=user_with_role("staff"), status="acknowledged", note="Gesehen")
    services.add_reporter_info(report=report, text="Meine Telefonnummer ist …")
    row = client.get(f"/open311/v2/requests/{report.pk}.json").json()[0]
    assert row["status_notes"] == "Gesehen"
