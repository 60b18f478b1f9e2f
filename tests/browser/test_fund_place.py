"""The fund application's place in the browser: the shared place picker of every form that asks for a place.
An applicant types an address (the pin follows), another sets the pin by keyboard and gets the nearest
address, a third asks for their location outside the quarter and is told which quarter holds it."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo, geo
from quartierwerk.core.places.models import Address
from quartierwerk.fund import services
from quartierwerk.fund.models import Application, Fund


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


@pytest.fixture
def project_url(demo_data):
    fund = Fund.objects.filter(quarter__slug="gruenau").order_by("-year").first()
    application, token = services.start_application(
        fund=fund, applicant_name="Ilse Hartmann", email="ilse.hartmann@example.org"
    )
    return f"/fund/a/{token}/edit/project/", application


def _open(page, url):
    page.goto(page.live_url + url)
    page.locator("#place-map.leaflet-container").wait_for()
    page.get_by_label("Projekttitel").fill("Bank am Spielplatz")
    page.get_by_label("Kurzbeschreibung").fill("Eine Bank für alle")


def test_applicant_places_the_project_by_typing_an_address_only(page, project_url):
    url, application = project_url
    address = Address.objects.filter(postcode="04209", house_number="5").order_by("-street").first()
    _open(page, url)
    assert page.locator("input[type=number][name=lat]").count() == 0
    combobox = page.locator("#id_location")
    combobox.fill(address.street.replace("straße", "str.").lower() + " 5")
    page.get_by_role("option", name=address.label).wait_for()
    combobox.press("ArrowDown")
    combobox.press("Enter")
    expect(combobox).to_have_value(address.label)
    expect(page.locator("#id_lat")).to_have_value(f"{address.lat:.6f}")
    expect(page.locator("#place-map .leaflet-marker-icon")).to_have_count(1)
    page.get_by_role("button", name="Speichern und weiter").click()
    page.wait_for_url("**/edit/costs/")
    application = Application.objects.get(pk=application.pk)
    assert application.location == address.label
    assert (round(application.lat, 6), round(application.lon, 6)) == (
        round(address.lat, 6),
        round(address.lon, 6),
    )


def test_applicant_sets_the_pin_by_keyboard_and_gets_the_nearest_address(page, project_url):
    url, application = project_url
    _open(page, url)
    page.get_by_role("button", name="Markierung in die Kartenmitte setzen").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#place-map .leaflet-marker-icon")).to_be_focused()
    lat0 = float(page.locator("#id_lat").input_value())
    page.keyboard.press("Shift+ArrowUp")
    expect(page.locator("#id_lat")).not_to_have_value(f"{lat0:.6f}")
    assert float(page.locator("#id_lat").input_value()) > lat0
    expect(page.get_by_role("status")).to_contain_text("Nächste Adresse:")
    assert page.locator("#id_location").input_value() != ""
    page.get_by_role("button", name="Speichern und weiter").click()
    page.wait_for_url("**/edit/costs/")
    application = Application.objects.get(pk=application.pk)
    assert application.lat is not None and application.location


def test_my_location_outside_the_quarter_is_named_in_the_fund_form(page, project_url, demo_data):
    url, application = project_url
    osten = demo_data.quarters["leipziger-osten"]
    lat, lon = (osten.min_lat + osten.max_lat) / 2, (osten.min_lon + osten.max_lon) / 2
    assert geo.contains(osten, lat, lon)
    page.context.grant_permissions(["geolocation"], origin=page.live_url)
    page.context.set_geolocation({"latitude": lat, "longitude": lon})
    _open(page, url)
    page.get_by_role("button", name="Meinen Standort verwenden").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Dieser Ort liegt in Leipziger Osten, nicht in Leipzig-Grünau"
    )
    # Saving anyway is refused by the server with the same message.
    page.get_by_role("button", name="Speichern und weiter").click()
    expect(page.locator(".place-picker [role=alert]")).to_contain_text("Dieser Ort liegt in Leipziger Osten")
    assert Application.objects.get(pk=application.pk).lat is None
