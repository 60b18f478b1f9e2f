"""The staff dashboard at desktop widths: the budget reads as words and one figure (never a letter per line),
amounts carry the thousands separator, and no request ends in a 404 (the favicon included)."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import assert_accessible, login


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


@pytest.mark.parametrize("page", [1024, 1280, 1920], indirect=True)
def test_budget_on_the_dashboard_reads_on_one_line(page, demo_data):
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    page.goto(page.live_url + "/q/gruenau/staff/")
    label = page.get_by_role("link", name="Verfügbares Budget")
    figure = page.locator("dl.facts dd", has_text="€").first
    expect(figure).to_have_text("14.270,00 €")
    line = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight) || 24")
    assert figure.bounding_box()["height"] < 1.6 * line
    assert label.bounding_box()["height"] < 2.6 * line
    assert label.bounding_box()["width"] > 60
    assert_accessible(page)
    icon = page.request.get(page.live_url + "/favicon.ico")
    assert icon.ok and icon.body().startswith(b"<svg")
    assert not missing, missing
