"""A visitor reads what the office wrote in Arabic where it exists and in German otherwise, each block marked
with the language it is in; the quarter page and an event are free of WCAG violations in both languages."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from quartierwerk.events.models import Event
from tests.browser.conftest import assert_accessible

SUMMARY_AR = "مكتب إدارة الحي في غروناو"
SUMMARY_DE = "Das Quartiersmanagement Grünau ist Anlaufstelle"
WORKSHOP_AR = "ورشة الحي"
WORKSHOP_DESCRIPTION_DE = "Die jährliche Stadtteilwerkstatt"


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def _read_in(page, language: str):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.live_url}])


def test_the_quarter_page_in_arabic_and_german(page, demo_data):
    _read_in(page, "ar")
    page.goto(page.live_url + "/q/gruenau/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    summary = page.locator("span[lang]", has_text=SUMMARY_AR)
    expect(summary).to_have_attribute("lang", "ar")
    expect(summary).to_have_attribute("dir", "rtl")
    expect(page.get_by_text(SUMMARY_DE)).to_have_count(0)
    assert_accessible(page)

    _read_in(page, "de")
    page.goto(page.live_url + "/q/gruenau/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    summary = page.locator("span[lang]", has_text=SUMMARY_DE)
    expect(summary).to_have_attribute("lang", "de")
    expect(page.get_by_text(SUMMARY_AR)).to_have_count(0)
    assert_accessible(page)


def test_an_event_in_arabic_keeps_its_german_description_marked_german(page, demo_data):
    event = Event.objects.get(quarter__slug="gruenau", title__startswith="Stadtteilwerkstatt")
    _read_in(page, "ar")
    page.goto(page.live_url + event.get_absolute_url())
    title = page.locator("h1 span[lang]")
    expect(title).to_contain_text(WORKSHOP_AR)
    expect(title).to_have_attribute("lang", "ar")
    description = page.locator("span[lang]", has_text=WORKSHOP_DESCRIPTION_DE)
    expect(description).to_have_attribute("lang", "de")
    expect(description).to_have_attribute("dir", "ltr")
    assert_accessible(page)

    _read_in(page, "de")
    page.goto(page.live_url + event.get_absolute_url())
    expect(page.locator("h1 span[lang]")).to_have_attribute("lang", "de")
    expect(page.get_by_text(WORKSHOP_AR)).to_have_count(0)
    assert_accessible(page)


def test_the_quarter_page_team_stays_above_the_footer_on_a_phone(page, demo_data):
    """A card outside a card grid is as tall as its content: the contact card must not push the team list into
    the footer (KERN gives every card the full height of its container)."""
    _read_in(page, "ar")
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(page.live_url + "/q/gruenau/")
    team_bottom = page.evaluate(
        "document.querySelector('aside ul.inline-list').getBoundingClientRect().bottom"
    )
    aside_bottom = page.evaluate("document.querySelector('aside').getBoundingClientRect().bottom")
    footer_top = page.evaluate("document.querySelector('footer').getBoundingClientRect().top")
    assert team_bottom <= aside_bottom + 1
    assert team_bottom <= footer_top
