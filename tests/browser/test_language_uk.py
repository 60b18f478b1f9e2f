"""A visitor switches the interface to Ukrainian and files a report in Ukrainian."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import assert_accessible, click_and_load


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def test_report_form_in_ukrainian(page, demo_data):
    page.goto(page.live_url + "/q/gruenau/")
    switch = page.locator('button[lang="uk"]')
    expect(switch).to_have_text("Українська")
    # Cached pages fetch their CSRF token when a form is first touched; wait for it before sending.
    switch.focus()
    page.wait_for_function("""!document.querySelector('input[name="csrfmiddlewaretoken"][value=""]')""")
    click_and_load(page, switch)
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", name="Що тут можна зробити")).to_have_count(1)

    click_and_load(page, page.get_by_role("link", name="Повідомити про проблему, запитання чи ідею"))
    expect(page.locator("h1")).to_have_text("Повідомити про щось")
    expect(page.get_by_role("heading", name="Про що йдеться?")).to_have_count(1)

    click_and_load(page, page.locator('main a[href*="/reports/new/"]').first)
    expect(page.locator("h1")).to_contain_text("Звернення:")
    expect(page.locator("legend").first).to_have_text("Де?")
    expect(page.get_by_role("button", name="Надіслати звернення")).to_have_count(1)
    assert_accessible(page)
