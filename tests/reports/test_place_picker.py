"""The report form asks for a place by address and map pin; coordinates are hidden fields, tiles wait for a click."""

import re

from quartierwerk.core.places import tiles

from .test_pages import new_url


def test_coordinates_are_hidden_fields_and_the_address_is_a_combobox(client, quarter, category):
    page = client.get(new_url(quarter)).content.decode()
    assert re.search(r'<input type="hidden" name="lat"[^>]*id="id_lat"', page)
    assert re.search(r'<input type="hidden" name="lon"[^>]*id="id_lon"', page)
    assert 'role="combobox"' in page and "data-locate" in page and "data-pin-centre" in page
    assert f"/api/v1/places/search?quarter={quarter.slug}" in page
    assert "Latitude" not in page


def test_third_party_tiles_wait_for_the_click(client, quarter, category, settings):
    settings.MAP_TILE_URL = "https://sgx.geodatenzentrum.de/wmts/{z}/{y}/{x}.png"
    settings.SITE_URL = "https://quartierwerk.example"
    page = client.get(new_url(quarter)).content.decode()
    assert 'data-tile-consent="report-map-consent"' in page
    assert "sgx.geodatenzentrum.de" in page.split('id="report-map-consent"')[1]


def test_own_tile_server_loads_at_once(client, quarter, category, settings):
    settings.MAP_TILE_URL = "https://quartierwerk.example/tiles/{z}/{x}/{y}.png"
    settings.SITE_URL = "https://quartierwerk.example"
    page = client.get(new_url(quarter)).content.decode()
    assert "data-tile-url=" in page and "data-tile-consent" not in page


def test_tile_presets_and_third_party_rule():
    url, attribution = tiles.resolve("basemap.de", "", "")
    assert url.startswith("https://sgx.geodatenzentrum.de/") and "BKG" in attribution
    assert tiles.resolve("osm", "https://tiles.city.example/{z}/{x}/{y}.png", "© Stadt") == (
        "https://tiles.city.example/{z}/{x}/{y}.png",
        "© Stadt",
    )
    assert tiles.resolve("", "", "") == ("", "")
    assert tiles.is_third_party("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://qw.example")
    assert not tiles.is_third_party("/tiles/{z}/{x}/{y}.png", "https://qw.example")
    assert not tiles.is_third_party("https://qw.example/tiles/{z}/{x}/{y}.png", "https://qw.example")
