"""The calendar and the directory across all quarters page with "Weiter" and "Zurück" after a cursor."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quartierwerk.core import demo
from quartierwerk.core.models import Quarter
from quartierwerk.events.models import Event
from tests.actors.conftest import make_org
from tests.browser.conftest import assert_accessible, click_and_load


@pytest.fixture
def many(transactional_db):
    demo.load()
    quarter = Quarter.objects.get(slug="gruenau")
    start = timezone.now() + datetime.timedelta(days=2)
    for i in range(30):
        Event.objects.create(
            quarter=quarter,
            city=quarter.city,
            title=f"Blättertermin {i:02d}",
            starts_at=start + datetime.timedelta(hours=i),
            ends_at=start + datetime.timedelta(hours=i, minutes=30),
        )
        make_org(quarter, name=f"Blätterverein {i:02d}")


@pytest.mark.parametrize("path", ["/events/", "/actors/"])
def test_next_and_previous_page_through_the_list(page, many, path):
    page.goto(page.live_url + path)
    pages = page.get_by_role("navigation", name="Seiten")
    expect(pages.get_by_role("link", name="Zurück")).to_have_count(0)
    click_and_load(page, pages.get_by_role("link", name="Weiter"))
    assert "after=" in page.url
    expect(page.get_by_role("navigation", name="Seiten").get_by_role("link", name="Zurück")).to_have_count(1)
    assert_accessible(page)
    click_and_load(page, page.get_by_role("navigation", name="Seiten").get_by_role("link", name="Zurück"))
    assert re.search(r"before=", page.url)
    expect(page.get_by_role("navigation", name="Seiten").get_by_role("link", name="Zurück")).to_have_count(0)
