"""The office looks at the fund's budget, figures and the signed minutes of a past session; all pages accessible."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import assert_accessible, click_and_load, login


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def test_office_reviews_budget_figures_and_past_session(page, demo_data):
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    page.goto(page.live_url + "/q/gruenau/staff/")
    # The dashboard panel leads into the fund.
    page.get_by_role("link", name="Warten auf Entscheidung").click()
    page.wait_for_url("**/staff/fund/")
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="Budget", exact=True))
    expect(page.get_by_role("cell", name="15.000,00 €").first).to_be_visible()
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="Zahlen und Exporte"))
    assert_accessible(page)
    xlsx = page.request.get(page.live_url + "/q/gruenau/staff/fund/export/applications.xlsx")
    assert xlsx.ok and xlsx.body()[:2] == b"PK"
    click_and_load(page, page.get_by_role("link", name="Regeln", exact=True))
    page.get_by_role("heading", name="Runden und Fristen").wait_for()
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="Sitzungen").first)
    assert_accessible(page)
    click_and_load(page, page.locator("main ul a").first)
    page.get_by_role("heading", name="Hochbeete am Jugendclub").wait_for()
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="mit allen Unterlagen"))
    page.get_by_text("verein@demo.quartierwerk.example").wait_for()
    # Reflow: nothing widens the page beyond the 360 px screen, not even a long e-mail address.
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
    # The public page in English lists the completed project with its report.
    page.goto(page.live_url + "/q/gruenau/fund/")
    click_and_load(page, page.get_by_role("button", name="English"))
    page.get_by_role("heading", name="Funded projects").wait_for()
    page.get_by_role("link", name="Hoffest Stuttgarter Allee").click()
    page.get_by_text("Rund 200 Nachbarinnen und Nachbarn").wait_for()
    assert_accessible(page)
