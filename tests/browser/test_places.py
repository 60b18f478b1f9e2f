"""Places in the browser: a resident reports by address only, moves the pin by keyboard, asks for their
location outside the quarter; the third-party map sends nothing before "Karte laden"."""

import copy

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from quartierwerk.core.places.models import Address
from quartierwerk.reports.models import Report

FORM = "/q/gruenau/reports/new/streetlight/"


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def _grünau_address():
    return Address.objects.filter(postcode="04209", house_number="5").order_by("-street").first()


def test_resident_reports_by_typing_an_address_only(page, demo_data):
    address = _grünau_address()
    page.goto(page.live_url + FORM)
    page.locator("#report-map.leaflet-container").wait_for()
    typed = address.street.replace("straße", "str.").lower() + " 5"
    page.get_by_role("combobox").fill(typed)
    option = page.get_by_role("option", name=address.label)
    option.wait_for()
    page.get_by_role("combobox").press("ArrowDown")
    page.get_by_role("combobox").press("Enter")
    expect(page.get_by_role("combobox")).to_have_value(address.label)
    # The pin follows the chosen address.
    expect(page.locator("#id_lat")).to_have_value(f"{address.lat:.6f}")
    expect(page.locator("#id_lon")).to_have_value(f"{address.lon:.6f}")
    expect(page.locator("#report-map .leaflet-marker-icon")).to_have_count(1)
    page.get_by_label("Worum geht es?").fill("Die Laterne vor dem Haus ist aus.")
    page.get_by_role("button", name="Meldung absenden").click()
    page.wait_for_url("**/reports/follow/**")
    report = Report.objects.get(description="Die Laterne vor dem Haus ist aus.")
    assert (round(report.lat, 6), round(report.lon, 6)) == (round(address.lat, 6), round(address.lon, 6))
    assert report.address == address.label


def test_resident_places_and_moves_the_pin_with_the_keyboard(page, demo_data):
    page.goto(page.live_url + FORM)
    page.locator("#report-map.leaflet-container").wait_for()
    page.get_by_role("button", name="Markierung in die Kartenmitte setzen").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_lat")).not_to_have_value("")
    pin = page.locator("#report-map .leaflet-marker-icon")
    expect(pin).to_be_focused()
    lat0 = float(page.locator("#id_lat").input_value())
    lon0 = float(page.locator("#id_lon").input_value())
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#id_lat")).not_to_have_value(f"{lat0:.6f}")
    assert float(page.locator("#id_lat").input_value()) > lat0
    assert float(page.locator("#id_lon").input_value()) > lon0
    # A pin placed by hand gets the nearest address from the register.
    expect(page.get_by_role("status")).to_contain_text("Nächste Adresse:")
    assert page.get_by_role("combobox").input_value() != ""


def test_my_location_outside_the_quarter_gets_a_clear_message(browser, live_server, demo_data, page):
    # Fake position: inside Leipziger Osten, a neighbouring quarter of the same city.
    osten = demo_data.quarters["leipziger-osten"]
    lat = (osten.min_lat + osten.max_lat) / 2
    lon = (osten.min_lon + osten.max_lon) / 2
    from quartierwerk.core import geo

    assert geo.contains(osten, lat, lon)
    page.context.grant_permissions(["geolocation"], origin=page.live_url)
    page.context.set_geolocation({"latitude": lat, "longitude": lon})
    page.goto(page.live_url + FORM)
    page.locator("#report-map.leaflet-container").wait_for()
    page.get_by_role("button", name="Meinen Standort verwenden").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Dieser Ort liegt in Leipziger Osten, nicht in Leipzig-Grünau"
    )


def test_third_party_tiles_load_only_after_the_click(page, demo_data, settings):
    tile_host = "tiles.example.org"
    settings.MAP_TILE_URL = f"https://{tile_host}/{{z}}/{{x}}/{{y}}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Beispiel-Kacheln"
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["img-src"] = [*policy["DIRECTIVES"]["img-src"], f"https://{tile_host}"]
    settings.CONTENT_SECURITY_POLICY = policy
    page.goto(page.live_url + FORM)
    page.locator("#report-map.leaflet-container").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.foreign_requests == []
    expect(page.get_by_text(f"Die Hintergrundkarte kommt von {tile_host}")).to_be_visible()
    page.get_by_role("button", name="Karte laden").click()
    expect(page.locator("#report-map .leaflet-tile").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert page.foreign_requests, "no tile was requested after the click"
    assert all(url.startswith(f"https://{tile_host}/") for url in page.foreign_requests)
    assert page.evaluate("sessionStorage.getItem('qw-map-tiles')") == settings.MAP_TILE_URL
    # Remembered for the session: the next page loads tiles without asking again.
    page.foreign_requests.clear()
    page.goto(page.live_url + FORM)
    expect(page.locator("#report-map .leaflet-tile").first).to_be_attached()
    expect(page.get_by_role("button", name="Karte laden")).to_be_hidden()
    # The guard fixture fails on any foreign request left over; these went only to the configured host.
    assert all(url.startswith(f"https://{tile_host}/") for url in page.foreign_requests)
    page.foreign_requests.clear()
