"""The language switch works on the first click, also while the page still fetches its CSRF token."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import click_and_load

EMPTY_TOKEN = 'input[name="csrfmiddlewaretoken"][value=""]'


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


@pytest.mark.parametrize("code, direction", [("ar", "rtl"), ("uk", "ltr")])
def test_first_click_on_the_switch_changes_the_language(page, demo_data, code, direction):
    # The second visit is served from the anonymous page cache: its forms carry no token until the page has
    # fetched one, so the click right after loading races that request the way a visitor's first click does.
    page.goto(page.live_url + "/q/gruenau/")
    page.goto(page.live_url + "/q/gruenau/")
    assert page.locator('script[src$="js/csrf-fill.js"]').count() == 1
    assert page.locator(f".language-switch {EMPTY_TOKEN}").count() == 1
    click_and_load(page, page.locator(f'.language-switch button[lang="{code}"]'))
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("html")).to_have_attribute("dir", direction)
