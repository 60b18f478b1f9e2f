"""The office holds a paper session: two drawn residents without accounts and the chair make the quorum."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import assert_accessible, click_and_load, login


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def test_office_enters_paper_votes_and_counts_after_confirmation(page, demo_data):
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    page.goto(page.live_url + "/q/gruenau/staff/fund/sessions/")
    click_and_load(page, page.locator("main ul a").first)
    page.get_by_role("heading", name="Hochbeete am Jugendclub").wait_for()
    expect(page.get_by_text("Die Sitzung ist nicht beschlussfähig.")).to_be_visible()
    # Presence: the chair (with an account) and two residents without one.
    for name in ("Heike Vogel", "Gisela Brandt (ohne Konto)", "Ömer Yıldız (ohne Konto)"):
        page.get_by_label(name).check()
    click_and_load(page, page.get_by_role("button", name="Anwesenheit festhalten"))
    expect(page.get_by_text("Die Sitzung ist beschlussfähig.")).to_be_visible()
    assert_accessible(page)
    item = page.locator("section.fund-item").filter(has_text="Hochbeete am Jugendclub")
    for name in ("Heike Vogel", "Gisela Brandt", "Ömer Yıldız"):
        item.get_by_text("Stimme aus der Sitzung auf Papier eintragen").click()
        item.get_by_label("Mitglied", exact=True).select_option(label=name)
        item.get_by_label("Stimme", exact=True).select_option("yes")
        click_and_load(page, item.get_by_role("button", name="Stimme eintragen"))
        item = page.locator("section.fund-item").filter(has_text="Hochbeete am Jugendclub")
    expect(item.get_by_text("Gisela Brandt: Ja · eingetragen von Katrin Bergmann")).to_be_visible()
    # Counting first says what the result will be; nothing is decided until it is confirmed.
    click_and_load(page, item.get_by_role("link", name="Stimmen zu „Hochbeete am Jugendclub“ auszählen"))
    expect(page.get_by_role("heading", name="Wenn Sie jetzt auszählen, lautet das Ergebnis")).to_be_visible()
    expect(page.get_by_text("3 Ja, 0 Nein, 0 Enthaltungen")).to_be_visible()
    assert_accessible(page)
    click_and_load(page, page.get_by_role("button", name="Jetzt auszählen: Bewilligt"))
    item = page.locator("section.fund-item").filter(has_text="Hochbeete am Jugendclub")
    expect(item.get_by_text("Ergebnis: Bewilligt")).to_be_visible()
    assert_accessible(page)
