"""A resident opens the calendar on a desktop and on a phone: the weekly consultation hour shows once under
"Regelmäßige Termine", and "Monat" is a grid of weeks on the desktop and a list of days on the phone."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import assert_accessible, click_and_load

SERIES = "Offene Sprechstunde im Stadtteilbüro"


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


@pytest.mark.parametrize("page", [1280, 360], indirect=True)
def test_resident_sees_the_series_once_and_the_month(page, demo_data):
    wide = page.viewport_size["width"] >= 600
    page.goto(page.live_url + "/q/gruenau/events/")
    series = page.locator(".calendar-series")
    expect(series.get_by_role("heading", name="Regelmäßige Termine")).to_be_visible()
    expect(series.get_by_text("jeden Dienstag, 10–12 Uhr")).to_be_visible()
    expect(page.get_by_role("link", name=SERIES)).to_have_count(1)
    expect(series.get_by_role("link", name=SERIES)).to_be_visible()
    expect(series.get_by_text("nächster Termin:")).to_be_visible()
    expect(page.locator(".calendar-dated").get_by_role("link", name=SERIES)).to_have_count(0)
    assert_accessible(page)

    click_and_load(page, page.get_by_role("link", name="Monat", exact=True))
    month = timezone.localdate().strftime("%Y-%m")
    grid = page.locator("table.month-grid")
    days = page.locator(".month-list")
    if wide:
        expect(grid).to_be_visible()
        expect(days).to_be_hidden()
        expect(grid.get_by_role("columnheader")).to_have_count(7)
        expect(grid.get_by_role("columnheader").first).to_have_text("Mo")
        today = grid.locator('td[aria-current="date"]')
        expect(today).to_have_count(1)
        expect(today).to_contain_text("heute")
        # The weekly consultation hour is in every week of the grid that has one of its dates.
        assert grid.get_by_role("link", name=SERIES).count() >= 3
    else:
        expect(grid).to_be_hidden()
        expect(days).to_be_visible()
        assert days.get_by_role("link", name=SERIES).count() >= 3
    assert_accessible(page)

    click_and_load(page, page.get_by_role("link", name="Nächster Monat"))
    assert month not in page.url and "view=month" in page.url
    expect(grid if wide else days).to_be_visible()
    assert_accessible(page)
