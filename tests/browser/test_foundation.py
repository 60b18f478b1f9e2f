"""A visitor finds a quarter, switches to English, and a staff member logs in with TOTP to the dashboard."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import assert_accessible, click_and_load, login


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def test_visitor_to_staff_dashboard(page, demo_data):
    page.goto(page.live_url + "/")
    expect(page.locator("h1")).to_have_text("Quartiersmanagement in unseren Stadtteilen")
    for q in (
        "Leipzig-Grünau",
        "Leipziger Osten",
        "Connewitz (Pilotquartier)",
        "Leimen Innenstadt",
        "Marburg Stadtwald-Ockershausen",
    ):
        expect(page.get_by_role("link", name=q)).to_have_count(1)
    expect(page.locator(".leaflet-interactive")).to_have_count(5)  # the map draws the five outlines
    assert_accessible(page)

    page.get_by_role("link", name="Leipzig-Grünau").click()
    page.wait_for_url("**/q/gruenau/")
    assert "Stuttgarter Allee 12" in page.content()
    assert_accessible(page)

    click_and_load(page, page.get_by_role("button", name="English"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Contact point")).to_have_count(1)
    assert_accessible(page)

    click_and_load(page, page.get_by_role("link", name="Log in"))
    assert_accessible(page)
    page.get_by_label("E-mail").fill("qm-gruenau@demo.quartierwerk.example")
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/account/login/verify/")
    assert_accessible(page)
    from tests.browser.conftest import totp_now

    page.get_by_label("Six-digit code").fill(totp_now(demo.DEMO_TOTP_BASE32))
    page.get_by_role("button", name="Confirm").click()
    # The office lands on "My work", whose office part leads to the quarter's dashboard.
    page.wait_for_url("**/staff/")
    expect(page.locator("h1")).to_have_text("My work")
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="Dashboard Leipzig-Grünau"))
    page.wait_for_url("**/q/gruenau/staff/")
    expect(page.locator("h1")).to_have_text("Dashboard Leipzig-Grünau")
    assert_accessible(page)


def test_keyboard_user_reaches_content_with_skip_link(page, demo_data):
    page.goto(page.live_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_german_login_with_helper_and_arabic_layout(page, demo_data):
    login(page, "bewohnerin@demo.quartierwerk.example", demo.DEMO_PASSWORD)
    # Residents land on "My work": their reports, applications, registrations and tasks.
    page.wait_for_url(page.live_url + "/staff/")
    click_and_load(page, page.locator('button[lang="ar"]'))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/barrierefreiheit/",
        "/leichte-sprache/",
        "/account/register/",
        "/account/password-reset/",
        "/datenschutz/",
    ],
)
def test_static_pages_are_accessible(page, demo_data, path):
    page.goto(page.live_url + path)
    assert_accessible(page)
