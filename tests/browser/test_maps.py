"""Maps that ask for their view: the directory map follows moves and keeps an open popup; the venue form
places its pin from a typed address."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from quartierwerk.core.places.models import Address
from quartierwerk.events.models import Venue

from .conftest import assert_accessible, login


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


@pytest.mark.parametrize("page", [1024], indirect=True)
def test_visitor_moves_the_directory_map_and_the_open_popup_stays(page, demo_data):
    page.goto(page.live_url + "/q/gruenau/actors/")
    map_el = page.locator("#directory-map")
    expect(map_el).to_have_attribute("data-map-mode", "clusters")
    # Zoomed in far enough, the map shows the organisations themselves.
    page.evaluate(
        "() => { const m = document.getElementById('directory-map').qwMap; m.setZoom(16, {animate: false}); }"
    )
    expect(map_el).to_have_attribute("data-map-mode", "points")
    point = page.locator("#directory-map path.map-point")
    if point.count() == 0:
        # Centre the view on the first organisation with a point and ask again.
        page.evaluate(
            """async () => {
                const el = document.getElementById('directory-map');
                const r = await fetch(el.getAttribute('data-geojson-url'));
                const data = await r.json();
                const c = data.features[0].geometry.coordinates;
                el.qwMap.setView([c[1], c[0]], 16, {animate: false});
            }"""
        )
    expect(point.first).to_be_visible()
    point.first.click()
    popup = page.locator("#directory-map .leaflet-popup")
    expect(popup).to_have_count(1)
    title = popup.locator("a").first.inner_text()
    url_before = map_el.get_attribute("data-map-url")
    page.evaluate("() => document.getElementById('directory-map').qwMap.panBy([25, 15], {animate: false})")
    expect(map_el).not_to_have_attribute("data-map-url", url_before)
    assert "bbox=" in map_el.get_attribute("data-map-url")
    # The same point is in the new answer: its marker and the popup stayed.
    expect(popup).to_have_count(1)
    expect(popup.locator("a").first).to_have_text(title)
    assert_accessible(page, context="#directory-map")


def test_staff_places_a_venue_by_typing_its_address(page, demo_data):
    address = Address.objects.filter(postcode="04209", house_number="5").order_by("-street").first()
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    page.goto(page.live_url + "/q/gruenau/staff/events/venues/")
    page.locator("#venue-map.leaflet-container").wait_for()
    page.get_by_label("Name").fill("Stadtteilladen")
    page.get_by_role("combobox").fill(address.street.replace("straße", "str.").lower() + " 5")
    page.get_by_role("option", name=address.label).wait_for()
    page.get_by_role("combobox").press("ArrowDown")
    page.get_by_role("combobox").press("Enter")
    expect(page.locator("#id_lat")).to_have_value(f"{address.lat:.6f}")
    expect(page.locator("#id_lon")).to_have_value(f"{address.lon:.6f}")
    expect(page.locator("#venue-map .leaflet-marker-icon")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("button", name="Ort hinzufügen").click()
    page.wait_for_url("**/q/gruenau/staff/events/")
    venue = Venue.objects.get(name="Stadtteilladen")
    assert (round(venue.lat, 6), round(venue.lon, 6)) == (round(address.lat, 6), round(address.lon, 6))
    assert venue.address == address.label
