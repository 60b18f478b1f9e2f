"""The office writes the introduction of its annual report, regenerates the figures with the progress shown
and publishes a version; city staff then compare two quarters side by side. Every page is checked with axe."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import clock, demo
from quartierwerk.insights.models import PublishedReport
from tests.browser.conftest import assert_accessible, click_and_load, login

STAFF = "qm-gruenau@demo.quartierwerk.example"
CITY_STAFF = "stadt@demo.quartierwerk.example"


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def test_office_publishes_its_annual_report_and_city_staff_compare_two_quarters(page, demo_data):
    base = page.live_url
    year = clock.today().year

    login(page, STAFF, demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.goto(f"{base}/q/gruenau/staff/annual-reports/{year}/public/")
    assert_accessible(page)
    page.get_by_label("Einleitung").fill("Ein Jahr mit vielen neuen Nachbarschaften.")
    click_and_load(page, page.get_by_role("button", name="Texte speichern"))
    expect(page.get_by_text("Die Texte sind gespeichert.")).to_be_visible()

    click_and_load(page, page.get_by_role("button", name="Zahlen neu erstellen"))
    progress = page.locator("#report-progress")
    expect(progress).to_contain_text("erstellt")
    expect(progress.locator("progress")).to_have_attribute("value", "100")
    expect(page.locator(".report-preview")).to_contain_text("Ein Jahr mit vielen neuen Nachbarschaften.")
    expect(page.locator(".report-preview")).to_contain_text("Kontakte in der Anlaufstelle")
    assert_accessible(page)

    click_and_load(page, page.get_by_role("button", name="Diese Version veröffentlichen"))
    expect(page.get_by_text("Version 1 ist veröffentlicht.")).to_be_visible()
    version = PublishedReport.objects.get(report__quarter__slug="gruenau", report__year=year)
    assert len(version.sha256) == 64 and bytes(version.pdf).startswith(b"%PDF")
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(f"{base}/q/gruenau/annual-reports/")
    click_and_load(page, page.get_by_role("link", name=str(year)))
    expect(page.locator("main")).to_contain_text("Ein Jahr mit vielen neuen Nachbarschaften.")
    assert_accessible(page)

    login(page, CITY_STAFF, demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.goto(f"{base}/city/leipzig/quarters/")
    page.get_by_label("Grünau").check()
    page.get_by_label("Leipziger Osten").check()
    click_and_load(page, page.get_by_role("button", name="Vergleichen"))
    header = page.locator("table thead")
    expect(header).to_contain_text("Grünau")
    expect(header).to_contain_text("Leipziger Osten")
    expect(header).not_to_contain_text("Connewitz")
    expect(page.locator("table tbody")).to_contain_text("Kontakte in der Anlaufstelle")
    assert_accessible(page)
