"""A two-stage process: residents bring in ideas (one without an account, with a code the office printed),
then prioritise them with dots; the office answers every idea and the results page ranks them with the
answers. Every page is checked with axe."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from quartierwerk.core import clock, demo
from quartierwerk.core.models import OutboxMail
from quartierwerk.participation.models import Idea, Phase, Process
from tests.browser.conftest import assert_accessible, click_and_load, login

STAFF = "qm-gruenau@demo.quartierwerk.example"
RESIDENT = "bewohnerin@demo.quartierwerk.example"


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def _prioritising_starts(process):
    """The collecting phase is over: the timeline moves on to prioritising (as the days pass)."""
    today = clock.today()
    for phase in process.phases.all():
        if phase.kind == "prioritising":
            Phase.objects.filter(pk=phase.pk).update(
                starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=9)
            )
        elif phase.kind in ("information", "collecting"):
            Phase.objects.filter(pk=phase.pk).update(
                starts_on=phase.starts_on - timedelta(days=60),
                ends_on=today - timedelta(days=2 + (phase.kind == "information") * 30),
            )
        elif phase.kind == "commenting":
            Phase.objects.filter(pk=phase.pk).update(
                starts_on=today - timedelta(days=31), ends_on=today - timedelta(days=31)
            )


def _dots_form(page, title):
    label = f"Ihre Punkte für „{title}“"
    return page.locator("form.dots-form", has=page.get_by_label(label)), page.get_by_label(label)


def _logout(page):
    page.context.clear_cookies()


def test_residents_collect_ideas_with_a_code_then_prioritise_and_read_the_answers(page, demo_data):
    process = Process.objects.get(quarter__slug="gruenau")
    base = page.live_url

    # The office prints codes for the neighbourhood festival.
    login(page, STAFF, demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.goto(f"{base}/participation/{process.pk}/staff/")
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="Codes drucken"))
    page.get_by_label("Anzahl der Codes").fill("2")
    page.get_by_label("Notiz (z. B. die Veranstaltung, für die sie sind)").fill("Stadtteilfest")
    click_and_load(page, page.get_by_role("button", name="Codes zum Drucken erzeugen"))
    codes = page.locator("code.participation-code").all_inner_texts()
    assert len(codes) == 2 and all(re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", c) for c in codes)
    assert_accessible(page)
    _logout(page)

    # Stage one: a neighbour without an account finds the process from the quarter page and uses a code.
    page.goto(f"{base}/q/gruenau/")
    click_and_load(page, page.get_by_role("link", name="Mitmachen"))
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name=process.title))
    expect(page.get_by_text("Jetzt: Ideen sammeln")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ihr Code").fill(codes[0].lower())
    click_and_load(page, page.get_by_role("button", name="Code verwenden"))
    expect(page.get_by_text("Ihr Code ist angenommen.")).to_be_visible()
    click_and_load(page, page.get_by_role("link", name="Idee einbringen"))
    page.locator("#idea-map.leaflet-container").wait_for()
    assert_accessible(page)
    page.get_by_label("Titel Ihrer Idee").fill("Tischtennisplatte am Spielplatz")
    page.get_by_label(re.compile(r"^Ihre Idee")).fill("Eine Platte aus Beton, für Jugendliche und Familien.")
    page.get_by_label("Kategorie").select_option("play")
    page.get_by_label("E-Mail für die Antwort (freiwillig)").fill("nachbarin@demo.quartierwerk.example")
    click_and_load(page, page.get_by_role("button", name="Idee absenden"))
    expect(page.get_by_text("Danke! Ihre Idee ist online.")).to_be_visible()
    assert_accessible(page)
    by_code = Idea.objects.get(title="Tischtennisplatte am Spielplatz")
    assert by_code.code_id and by_code.author_id is None and by_code.language == "de"
    _logout(page)

    # A resident with an account brings in another idea.
    login(page, RESIDENT, demo.DEMO_PASSWORD)
    page.goto(f"{base}/participation/{process.pk}/ideas/new/")
    page.get_by_label("Titel Ihrer Idee").fill("Hochbeete für alle")
    page.get_by_label(re.compile(r"^Ihre Idee")).fill("Beete, in denen Nachbarn gemeinsam gärtnern.")
    page.get_by_label("Kategorie").select_option("green")
    click_and_load(page, page.get_by_role("button", name="Idee absenden"))
    expect(page.get_by_text("Danke! Ihre Idee ist online.")).to_be_visible()

    # Stage two: the timeline moves on to prioritising with dots.
    _prioritising_starts(process)
    page.goto(f"{base}/participation/{process.pk}/")
    expect(page.get_by_text("Jetzt: Priorisieren mit Punkten")).to_be_visible()
    click_and_load(page, page.get_by_role("link", name="Punkte vergeben"))
    assert_accessible(page)
    form, field = _dots_form(page, "Tischtennisplatte am Spielplatz")
    field.fill("3")
    click_and_load(page, form.get_by_role("button", name="Punkte speichern"))
    expect(page.get_by_text("Gespeichert. Sie haben noch 2 von 5 Punkten.")).to_be_visible()
    # More dots than are left are refused with a clear message.
    form, field = _dots_form(page, "Hochbeete für alle")
    field.fill("4")
    click_and_load(page, form.get_by_role("button", name="Punkte speichern"))
    expect(page.get_by_text("Sie haben noch 2 von 5 Punkten.").first).to_be_visible()
    assert Idea.objects.get(title="Hochbeete für alle").dot_count == 0
    _logout(page)

    # The second printed code: someone from the festival places dots without an account.
    page.goto(f"{base}/participation/{process.pk}/ideas/")
    page.get_by_label("Ihr Code").fill(codes[1])
    click_and_load(page, page.get_by_role("button", name="Code verwenden"))
    form, field = _dots_form(page, "Hochbeete für alle")
    field.fill("2")
    click_and_load(page, form.get_by_role("button", name="Punkte speichern"))
    expect(page.get_by_text("Gespeichert. Sie haben noch 3 von 5 Punkten.")).to_be_visible()
    assert_accessible(page)
    _logout(page)

    # The office answers both ideas; the neighbour hears of it at the address she gave.
    login(page, STAFF, demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.goto(f"{base}/participation/{process.pk}/staff/ideas/")
    assert_accessible(page)
    for title, answer_label, answer in (
        ("Tischtennisplatte am Spielplatz", "Aufgegriffen", "Kommt in den Entwurf für den Grünen Bogen."),
        ("Hochbeete für alle", "Nicht umsetzbar", "Die Fläche ist verpachtet; wir suchen einen anderen Ort."),
    ):
        click_and_load(page, page.get_by_role("link", name=title))
        page.get_by_label(answer_label).check()
        page.get_by_label("Öffentliche Antwort").fill(answer)
        click_and_load(page, page.get_by_role("button", name="Antwort veröffentlichen"))
        expect(page.get_by_text("Die Antwort ist veröffentlicht und verschickt.")).to_be_visible()
    mail = OutboxMail.objects.get(
        purpose="participation.idea_answered", to=["nachbarin@demo.quartierwerk.example"]
    )
    assert "Kommt in den Entwurf" in mail.body and mail.language == "de"
    _logout(page)

    # The results page ranks the ideas by dots, each with its answer.
    page.goto(f"{base}/participation/{process.pk}/results/")
    rows = page.locator("table.results tbody tr")
    expect(rows.first).to_contain_text("Tischtennisplatte am Spielplatz")
    expect(rows.first).to_contain_text("Aufgegriffen")
    expect(rows.first).to_contain_text("Kommt in den Entwurf für den Grünen Bogen.")
    expect(page.locator("table.results")).to_contain_text("Die Fläche ist verpachtet")
    assert_accessible(page)
