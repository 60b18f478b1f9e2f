"""In the demo, the mail a resident gets can be read in the demo mailbox, and its private link works."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import assert_accessible, click_and_load


@pytest.fixture
def demo_data(transactional_db, settings):
    settings.DEBUG = True
    return demo.load()


def test_resident_follows_the_private_link_from_the_demo_mailbox(page, demo_data, settings):
    # Mails name SITE_URL; the mailbox points them at the host the demo is served from.
    settings.SITE_URL = "http://127.0.0.1:8000"
    page.goto(page.live_url + "/q/gruenau/fund/apply/")
    page.get_by_label("Wer stellt den Antrag?").select_option("private")
    page.get_by_label("Ihr Name").fill("Lea Winter")
    page.get_by_label("E-Mail").fill("lea.winter@example.org")
    click_and_load(page, page.get_by_role("button", name="Antrag beginnen"))
    page.wait_for_url("**/edit/applicant/")
    draft_url = page.url

    click_and_load(page, page.get_by_role("link", name="Demo-Postfach"))
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="lea.winter@example.org")
    click_and_load(page, row.get_by_role("link"))
    assert_accessible(page)
    link = page.locator(".pre a").filter(has_text="/fund/a/").first
    assert link.get_attribute("href").startswith(page.live_url)
    click_and_load(page, link)
    assert page.url.startswith(draft_url.split("/edit/")[0])
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)


def test_demo_mailbox_fits_a_phone(page, demo_data):
    # The list of mails scrolls sideways in its own frame; the page itself stays 360 px wide.
    page.goto(page.live_url + "/dev/mailbox/")
    assert page.locator(".table-wrap tbody tr").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
