"""Events in the browser: a resident moves up from the waiting list and gets the .ics; a working group's chair
records attendance, writes and releases the minutes, and the tasks show on the next session's agenda."""

import base64
import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quartierwerk.core import demo
from quartierwerk.core.models import OutboxMail
from quartierwerk.events import services
from quartierwerk.events.models import ActionItem, AgendaItem, Event, Minutes, Registration
from tests.browser.conftest import assert_accessible, click_and_load, login


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def test_resident_moves_up_from_the_waiting_list_of_a_full_workshop(page, demo_data):
    workshop = Event.objects.get(title="Werkstatt Hochbeete bauen")
    assert workshop.registrations.filter(status="confirmed").count() == workshop.capacity == 2

    login(page, "bewohnerin@demo.quartierwerk.example", demo.DEMO_PASSWORD)
    page.goto(page.live_url + "/q/gruenau/")
    page.get_by_role("link", name="Kalender", exact=True).click()
    page.wait_for_url("**/q/gruenau/events/")
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="Werkstatt Hochbeete bauen").first)
    expect(page.get_by_text("Ausgebucht")).to_have_count(1)
    assert_accessible(page)
    assert page.get_by_label("Ihr Name").input_value() == "Anna Krüger"
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Auf die Warteliste setzen").click()
    page.get_by_text("Sie sind Nummer 1 auf der Warteliste").first.wait_for()
    assert_accessible(page)
    mine = Registration.objects.get(event=workshop, email="bewohnerin@demo.quartierwerk.example")
    assert mine.status == "waiting" and mine.waiting_position == 1

    # Another participant cancels with the link from their confirmation e-mail.
    other = workshop.registrations.get(email="teilnahme1@demo.quartierwerk.example")
    page.goto(services.cancel_url(other).replace("http://127.0.0.1:8000", page.live_url))
    assert_accessible(page)
    page.get_by_role("button", name="Ja, Anmeldung stornieren").click()
    page.get_by_text("Ihre Anmeldung ist storniert").wait_for()

    mine.refresh_from_db()
    assert mine.status == "confirmed"
    moved = OutboxMail.objects.filter(to=[mine.email], subject__startswith="Ein Platz für Sie").get()
    ics = next(a for a in moved.attachments if a["filename"] == "termin.ics")
    assert ics["content_type"] == "text/calendar"
    assert b"SUMMARY:Werkstatt Hochbeete bauen" in base64.b64decode(ics["content_b64"])

    page.goto(page.live_url + "/events/my/")
    expect(page.get_by_role("link", name="Werkstatt Hochbeete bauen")).to_have_count(1)
    expect(page.get_by_text("Bestätigt").first).to_be_visible()
    assert_accessible(page)


def test_chair_records_attendance_writes_and_releases_minutes(page, demo_data):
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
    page.goto(page.live_url + session.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Sitzung bearbeiten: Anwesenheit, Protokoll, Aufgaben").click()
    page.wait_for_url(f"**/events/{session.pk}/session/")
    assert_accessible(page)

    for name, status in (
        ("Dirk Lehmann", "Anwesend"),
        ("Sabine Roth", "Anwesend"),
        ("Mehmet Kaya", "Anwesend"),
        ("Ute Brandt", "Entschuldigt"),
    ):
        page.get_by_role("group", name=name).get_by_label(status).check()
    page.get_by_role("button", name="Anwesenheit speichern").click()
    page.get_by_text("3 von 4 Mitgliedern anwesend").wait_for()
    expect(page.get_by_text("Beschlussfähig.")).to_have_count(1)

    item = page.get_by_role("group", name="1. Gießplan für den Sommer")
    item.get_by_label("Diskussion").fill("Wer gießt wann? Die Hochbeete brauchen im Juli täglich Wasser.")
    item.get_by_label("Beschluss").fill("Die AG gießt im Wechsel nach Plan.")
    item.get_by_label("Ja-Stimmen").fill("3")
    item.get_by_label("Nein-Stimmen").fill("0")
    page.get_by_role("button", name="Protokoll speichern").click()
    page.get_by_text("Das Protokoll wurde gespeichert.").wait_for()

    for title, who in (("Gießplan aufstellen", "Sabine Roth"), ("Schläuche besorgen", "Mehmet Kaya")):
        page.get_by_label("Was ist zu tun").fill(title)
        page.get_by_label("Wer", exact=True).select_option(label=who)
        page.get_by_label("Bis wann").fill((timezone.localdate() + datetime.timedelta(days=14)).isoformat())
        page.get_by_role("button", name="Aufgabe speichern").click()
        page.get_by_text("Die Aufgabe wurde erfasst.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Protokoll freigeben").click()
    page.get_by_text("Das Protokoll ist freigegeben.").wait_for()
    assert_accessible(page)

    minutes = Minutes.objects.get(event=session)
    assert minutes.is_released and minutes.released_by.email == "verein@demo.quartierwerk.example"
    assert set(ActionItem.objects.filter(event=session).values_list("title", flat=True)) == {
        "Gießplan aufstellen",
        "Schläuche besorgen",
    }

    click_and_load(page, page.get_by_role("link", name="Protokoll lesen"))
    expect(page.get_by_text("Die AG gießt im Wechsel nach Plan.")).to_have_count(1)
    assert_accessible(page)

    page.goto(page.live_url + group_event.get_absolute_url())
    open_tasks = page.locator(".open-tasks")
    expect(open_tasks).to_contain_text("Gießplan aufstellen – Sabine Roth")
    expect(open_tasks).to_contain_text("Schläuche besorgen – Mehmet Kaya")
    assert_accessible(page)


def test_staff_plans_a_workshop_and_sees_the_waiting_list(page, demo_data):
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    page.goto(page.live_url + "/q/gruenau/staff/")
    page.get_by_role("link", name="Kalender des Quartiersmanagements").first.click()
    page.wait_for_url("**/q/gruenau/staff/events/")
    # Internal sessions are on the staff calendar.
    expect(page.get_by_text("Sitzung des Quartiersrats").first).to_be_visible()
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="Neuer Termin"))
    assert_accessible(page)
    page.locator("#id_title").fill("Zukunftswerkstatt Spielplatz")
    page.get_by_label("Art").select_option(label="Werkstatt")
    start = timezone.localdate() + datetime.timedelta(days=20)
    page.get_by_label("Beginn").fill(f"{start.isoformat()}T17:00")
    page.get_by_label(re.compile(r"^Ende")).fill(f"{start.isoformat()}T19:00")
    page.get_by_label("Anmeldung erforderlich").check()
    page.get_by_label("Plätze").fill("1")
    page.get_by_label("Fragen bei der Anmeldung").fill("Essenswünsche")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Der Termin steht im Kalender.").wait_for()
    event = Event.objects.get(title="Zukunftswerkstatt Spielplatz")
    services.register(event=event, name="Erika Erste", email="erika@demo.quartierwerk.example")
    services.register(event=event, name="Willi Warte", email="willi@demo.quartierwerk.example")
    page.reload()
    expect(page.get_by_role("cell", name="Willi Warte", exact=True)).to_have_count(1)
    expect(page.get_by_role("cell", name="Warteliste (1)")).to_have_count(1)
    assert_accessible(page)

    page.goto(page.live_url + "/q/gruenau/events/?view=month")
    assert_accessible(page)
    page.goto(page.live_url + "/events/")
    page.get_by_label("Art").select_option(label="Sprechstunde")
    page.get_by_role("button", name="Termine anzeigen").click()
    page.wait_for_url("**/events/?*kind=consultation_hours*")
    page.get_by_role("link", name="Offene Sprechstunde im Stadtteilbüro").first.wait_for()
    expect(page.get_by_role("link", name="Kultursommer im Quartier")).to_have_count(0)
    assert_accessible(page)
