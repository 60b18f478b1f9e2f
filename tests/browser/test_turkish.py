"""A visitor switches the page to Turkish and reads the neighbourhood fund in Turkish."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import assert_accessible, click_and_load


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def test_fund_page_in_turkish(page, demo_data):
    page.goto(page.live_url + "/q/gruenau/fund/")
    expect(page.get_by_role("heading", name="Wofür der Fonds da ist")).to_have_count(1)
    click_and_load(page, page.get_by_role("button", name="Türkçe"))
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", name="Fon ne için")).to_have_count(1)
    expect(page.get_by_role("heading", name="Anlaşılır dille kurallar")).to_have_count(1)
    expect(page.get_by_role("link", name="Hemen başvurun")).to_have_count(1)
    assert_accessible(page)
