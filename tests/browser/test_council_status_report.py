"""The office records a status report on a resolution point: its traffic light changes on the paper, and the
quarter's overview of open points shows it."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import assert_accessible, click_and_load, login


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def test_staff_record_a_status_report_and_the_light_turns_green(page, demo_data):
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")

    # Grünau's decision has one point overdue and one whose deadline is near.
    page.goto(f"{page.live_url}/q/gruenau/council/")
    counts = page.locator("#council-counts")
    expect(counts).to_contain_text("1 Punkt überfällig")
    assert_accessible(page)

    click_and_load(page, page.get_by_role("link", name="VII-A-01120").first)
    point = page.get_by_role("article").filter(has_text="zehn Bänke")
    expect(point.locator(".council-light")).to_have_text("Überfällig")
    assert_accessible(page)

    click_and_load(page, point.get_by_role("link", name="Sachstand zu Punkt 1 eintragen"))
    assert_accessible(page)
    page.get_by_label("Stand der Umsetzung").select_option("done")
    page.get_by_role("textbox", name="Bericht (Pflichtfeld)").fill(
        "Alle zehn Bänke stehen seit letzter Woche."
    )
    click_and_load(page, page.get_by_role("button", name="Sachstand eintragen"))

    point = page.get_by_role("article").filter(has_text="zehn Bänke")
    expect(point.locator(".council-light")).to_have_text("Erledigt")
    expect(point).to_contain_text("Alle zehn Bänke stehen seit letzter Woche.")

    page.goto(f"{page.live_url}/q/gruenau/council/")
    expect(counts).to_contain_text("0 Punkte überfällig")
    open_points = page.get_by_role("table", name="Offene Beschlusspunkte")
    expect(open_points.locator(".council-light")).to_have_text(["Frist naht"])
    assert_accessible(page)
