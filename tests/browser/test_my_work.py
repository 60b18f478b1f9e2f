""" "My work" on a phone: a resident and an award-team member log in, land where their work is, and follow
the first thing that waits for them."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import assert_accessible, click_and_load, login


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def _fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_resident_follows_the_answer_to_her_report(page, demo_data):
    from quartierwerk.core.models import Quarter
    from quartierwerk.reports.models import Category, Report, ReportUpdate

    resident = demo_data.users["resident"]
    report = Report.objects.create(
        quarter=Quarter.objects.get(slug="gruenau"),
        category=Category.objects.filter(is_active=True).first(),
        description="Die Laterne vor dem Haus Nr. 12 ist seit Tagen dunkel.",
        reporter=resident,
    )
    ReportUpdate.objects.create(
        report=report, kind=ReportUpdate.Kind.ANSWER, text="Wir haben es weitergegeben."
    )
    login(page, resident.email, demo.DEMO_PASSWORD)
    page.wait_for_url(page.live_url + "/staff/")
    expect(page.get_by_role("heading", name="Meine Arbeit", level=1)).to_be_visible()
    expect(page.locator("#work-summary")).to_contain_text("wartet auf Sie")
    # What waits for her comes first: the answered report.
    first = page.locator("main section.work-section").first
    expect(first.get_by_role("heading", level=2)).to_contain_text("Meine Meldungen")
    expect(first.get_by_text("Neue Antwort vom")).to_be_visible()
    for heading in ("Meine Anträge", "Meine Anmeldungen"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_text("API-Token")).to_have_count(0)
    assert_accessible(page)
    _fits_the_phone(page)
    click_and_load(page, first.get_by_role("link", name=report.reference, exact=False))
    expect(page.get_by_text("Wir haben es weitergegeben.")).to_be_visible()
    assert "/reports/follow/" in page.url


def test_award_team_member_follows_her_next_session(page, demo_data):
    member = demo_data.users["award_team"]
    login(page, member.email, demo.DEMO_PASSWORD)
    page.wait_for_url(page.live_url + "/staff/")
    sessions = page.locator(
        "main section.work-section", has=page.get_by_role("heading", name="Meine Sitzungen")
    )
    expect(
        sessions.get_by_text("Sitzung auf Papier: Das Quartiersbüro trägt die Stimmen ein.")
    ).to_be_visible()
    expect(sessions.get_by_role("link", name="Sitzungen des Vergabeteams", exact=False)).to_be_visible()
    assert_accessible(page)
    _fits_the_phone(page)
    click_and_load(page, sessions.get_by_role("link", name="Sitzung des Vergabeteams am", exact=False))
    expect(page.get_by_role("heading", name="Hochbeete am Jugendclub")).to_be_visible()
    assert_accessible(page)
