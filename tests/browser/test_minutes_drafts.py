"""Nothing typed into the minutes is lost: drafts save as one types, survive saving a task and a reload,
and a second editor's save shows a conflict notice instead of being overwritten."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quartierwerk.core import demo
from quartierwerk.events import services
from quartierwerk.events.models import AgendaItem, Event, Minutes
from tests.browser.conftest import assert_accessible, click_and_load, login


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def test_chair_minutes_survive_saving_a_task_and_a_reload(page, demo_data):
    quarter = demo_data.quarters["gruenau"]
    group_event = Event.objects.get(title="Nächste Sitzung der AG Grünes Grünau")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    session = Event.objects.create(
        quarter=quarter,
        city=quarter.city,
        title="Sondersitzung der AG Grünes Grünau",
        kind="working_group",
        group=group_event.group,
        starts_at=yesterday,
        ends_at=yesterday + datetime.timedelta(hours=2),
        venue=group_event.venue,
    )
    Minutes.objects.create(event=session)
    AgendaItem.objects.create(event=session, position=1, title="Gießplan für den Sommer")

    login(page, "verein@demo.quartierwerk.example", demo.DEMO_PASSWORD)
    page.goto(page.live_url + f"/q/gruenau/events/{session.pk}/session/")
    notes = "Frau Roth berichtet vom Hoffest; die AG dankt allen Helfenden."
    page.get_by_label("Allgemeine Notizen").fill(notes)
    # Moving on to the task saves the draft (no button pressed).
    page.get_by_label("Was ist zu tun").fill("Gießplan aufstellen")
    expect(page.locator("#minutes-status")).to_contain_text("Entwurf gespeichert")
    assert_accessible(page)
    click_and_load(page, page.get_by_role("button", name="Aufgabe speichern"))
    page.get_by_text("Die Aufgabe wurde erfasst.").wait_for()
    expect(page.get_by_label("Allgemeine Notizen")).to_have_value(notes)
    page.reload()
    expect(page.get_by_label("Allgemeine Notizen")).to_have_value(notes)
    assert Minutes.objects.get(event=session).notes == notes

    # Someone else saves meanwhile: typing on gives a conflict notice, and their text stays.
    office = demo_data.users["staff"]
    minutes = Minutes.objects.get(event=session)
    services.save_minutes(by=office, event=session, notes="Fassung des Büros", version=minutes.version)
    page.get_by_label("Allgemeine Notizen").fill(notes + " Nachtrag.")
    expect(page.get_by_role("alert")).to_contain_text("inzwischen gespeichert")
    assert Minutes.objects.get(event=session).notes == "Fassung des Büros"
    assert_accessible(page)
