"""The list beside a map follows the map, and the map follows the list: a visitor ticks "only what the map
shows" with the keyboard, zooms the map with the keyboard and the list shows only that view (the address keeps
it, so it can be shared); a filter chosen in the list is asked of the map feed too."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from quartierwerk.actors import selectors as actor_selectors
from quartierwerk.core import demo, mapgrid
from quartierwerk.reports import selectors as report_selectors

from .conftest import assert_accessible


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def _view_of(url):
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    return mapgrid.list_view(params)


@pytest.mark.parametrize("page", [1024], indirect=True)
def test_visitor_narrows_the_reports_list_to_the_map_view_by_keyboard(page, demo_data):
    quarter = demo_data.quarters["gruenau"]
    page.goto(page.live_url + "/q/gruenau/reports/")
    map_el = page.locator("#reports-map")
    expect(map_el).to_have_attribute("data-map-mode", "clusters")
    everything = report_selectors.public_reports(quarter).count()
    toggle = page.get_by_label("Nur was die Karte zeigt")
    toggle.focus()
    page.keyboard.press("Space")
    page.wait_for_url("**in_view=1**")
    view = _view_of(page.url)
    assert view is not None
    in_view = view.restrict(report_selectors.public_reports(quarter)).count()
    assert in_view < everything  # the reports without a place are not on the map
    expect(page.locator("[data-list-count]")).to_contain_text(f"{in_view} Meldung")
    expect(page.locator("[data-list-status]")).to_contain_text(f"{in_view} Meldung")
    # Zoom in with the keyboard: the list follows the new view and the address keeps it.
    url_before = page.url
    map_el.focus()
    for key in ["+", "+", "+"] + ["ArrowLeft"] * 6:  # closer, then towards the quarter's western edge
        page.keyboard.press(key)
        page.wait_for_timeout(350)  # Leaflet takes no key while it animates
    page.wait_for_function("u => window.location.href !== u", arg=url_before)
    page.wait_for_timeout(1500)  # the last move's answer
    view = _view_of(page.url)
    zoomed = view.restrict(report_selectors.public_reports(quarter)).count()
    expect(page.locator("[data-list-count]")).to_contain_text(f"{zoomed} Meldung")
    assert zoomed < in_view, (
        url_before,
        page.url,
        page.evaluate("document.getElementById('reports-map').qwMap.getZoom()"),
    )
    # The shared address opens the same list.
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    expect(other.locator("[data-list-count]")).to_contain_text(f"{zoomed} Meldung")
    expect(other.get_by_label("Nur was die Karte zeigt")).to_be_checked()
    other.close()
    # A filter of the list goes to the map feed too, with the same view.
    category = report_selectors.categories_for(quarter).first()
    page.get_by_label("Kategorie").select_option(value=category.code)
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_url(f"**category={category.code}**")
    page.wait_for_function(
        "code => document.getElementById('reports-map').getAttribute('data-map-url').includes('category=' + code)",
        arg=category.code,
    )
    assert "in_view" not in map_el.get_attribute("data-map-url")
    assert_accessible(page)


@pytest.mark.parametrize("page", [1024], indirect=True)
def test_directory_list_follows_the_map_and_the_map_follows_the_filters(page, demo_data):
    quarter = demo_data.quarters["gruenau"]
    page.goto(page.live_url + "/q/gruenau/actors/")
    map_el = page.locator("#directory-map")
    expect(map_el).to_have_attribute("data-map-mode", "clusters")
    page.get_by_label("Nur was die Karte zeigt").check()
    page.wait_for_url("**in_view=1**")
    page.evaluate("() => document.getElementById('directory-map').qwMap.setZoom(17, {animate: false})")
    page.wait_for_function("() => new URLSearchParams(location.search).get('bbox') !== null")
    page.wait_for_timeout(1200)
    view = _view_of(page.url)
    expected = sorted(
        view.restrict(
            actor_selectors.shown_on_map(actor_selectors.public_organisations(quarter))
        ).values_list("name", flat=True)
    )
    expect(page.locator(".directory-list > li h3")).to_have_count(len(expected) or 1)
    if expected:
        assert sorted(page.locator(".directory-list > li h3").all_inner_texts()) == expected
    # The map follows the list's filters.
    page.get_by_label("Gesprochene Sprache").select_option(label="Arabisch")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_function(
        "() => document.getElementById('directory-map').getAttribute('data-map-url').includes('language=ar')"
    )


def test_a_cluster_shows_its_count_in_the_middle_of_its_circle(page, demo_data):
    # Leaflet's own stylesheet comes after ours; the count must not slip to the circle's corner under its border.
    page.goto(page.live_url + "/q/gruenau/reports/")
    cluster = page.locator("#reports-map .map-cluster").first
    cluster.wait_for()
    circle = cluster.bounding_box()
    count = cluster.locator("span").bounding_box()
    assert abs((circle["x"] + circle["width"] / 2) - (count["x"] + count["width"] / 2)) <= 2
    assert abs((circle["y"] + circle["height"] / 2) - (count["y"] + count["height"] / 2)) <= 2
