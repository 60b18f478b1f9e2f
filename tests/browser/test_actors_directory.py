"""Actor directory end to end: self-registration with verification, finding offers by filter and map,
and a working group with its contact list."""

import csv
import io

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import assert_accessible, click_and_load, login


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def test_initiative_registers_itself_and_staff_verify_it(page, demo_data):
    login(page, "bewohnerin@demo.quartierwerk.example", demo.DEMO_PASSWORD)
    page.goto(page.live_url + "/q/gruenau/actors/")
    page.get_by_role("link", name="Organisation eintragen").click()
    page.wait_for_url("**/q/gruenau/actors/register/")
    assert_accessible(page)
    page.get_by_label("Name (Pflichtfeld)").fill("Nachbarschaftsgarten Grünau")
    page.get_by_label("Art (Pflichtfeld)").select_option(label="Initiative")
    page.get_by_label("Was Sie tun").fill("Wir gärtnern gemeinsam im Innenhof.")
    page.get_by_label("Umwelt").check()
    page.get_by_label("Möglichkeiten zum Engagement").check()
    page.get_by_label("Ich darf diese Organisation eintragen", exact=False).check()
    click_and_load(page, page.get_by_role("button", name="Anmeldung senden"))
    expect(page.get_by_role("heading", name="Anmeldung eingegangen")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    page.goto(page.live_url + "/q/gruenau/staff/actors/")
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="Nachbarschaftsgarten Grünau").first)
    expect(page.get_by_role("heading", name="Anmeldung wartet auf Prüfung")).to_be_visible()
    assert_accessible(page)
    click_and_load(page, page.get_by_role("button", name="Eintrag bestätigen"))
    expect(page.get_by_text("Der Eintrag ist bestätigt")).to_be_visible()

    page.context.clear_cookies()
    page.goto(page.live_url + "/q/gruenau/actors/?q=Nachbarschaftsgarten")
    click_and_load(page, page.get_by_role("link", name="Nachbarschaftsgarten Grünau"))
    expect(page.get_by_role("heading", name="Nachbarschaftsgarten Grünau")).to_be_visible()
    assert "Wir gärtnern gemeinsam" in page.content()
    assert_accessible(page)


def test_resident_finds_arabic_speaking_counselling_by_filter_and_on_the_map(page, demo_data):
    page.goto(page.live_url + "/q/gruenau/")
    page.get_by_role("link", name="Wer hier aktiv ist").click()
    page.wait_for_url("**/q/gruenau/actors/")
    markers = page.locator("#directory-map path.map-point")
    # Zoomed out, the server groups nearby entries into clusters: single points and cluster counts add up to 6.
    page.wait_for_function(
        """() => {
            const map = document.querySelector("#directory-map");
            let shown = map.querySelectorAll("path.map-point").length;
            map.querySelectorAll(".map-cluster span").forEach((s) => { shown += Number(s.textContent); });
            return shown === 6;
        }""",
        timeout=15000,
    )
    assert_accessible(page)
    page.get_by_label("Gesprochene Sprache").select_option(label="Arabisch")
    page.get_by_label("Angebot", exact=True).select_option(label="Beratung")
    page.evaluate("window.qwSamePage = true")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_url("**language=ar**")
    expect(page.locator(".directory-list > li")).to_have_count(1)
    assert page.evaluate("window.qwSamePage === true"), "htmx swapped the results without a reload"
    results = page.locator(".directory-list > li h3")
    assert results.all_inner_texts() == ["Beratungsstelle Brücke Grünau"]
    expect(page.get_by_role("heading", name="1 Eintrag gefunden")).to_be_visible()
    # The map shows exactly the one entry found; its popup leads to the entry.
    expect(markers).to_have_count(1)
    markers.first.click(force=True)
    popup_link = page.locator(".leaflet-popup-content a")
    expect(popup_link).to_have_text("Beratungsstelle Brücke Grünau")
    page.wait_for_timeout(500)  # let Leaflet's fade-in finish before axe measures contrast
    assert_accessible(page)
    popup_link.click()
    page.wait_for_url("**/q/gruenau/actors/beratungsstelle-brucke-grunau/")
    expect(page.get_by_text("Arabisch").first).to_be_visible()
    assert_accessible(page)


def test_staff_create_working_group_add_members_and_export_contact_list(page, demo_data):
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    page.goto(page.live_url + "/q/gruenau/staff/actors/groups/")
    assert_accessible(page)
    page.get_by_label("Name (Pflichtfeld)").fill("AG Stadtteilfest")
    page.get_by_label("Art (Pflichtfeld)").select_option(label="Arbeitsgruppe")
    page.get_by_label("Zweck").fill("Plant das Stadtteilfest im Sommer.")
    click_and_load(page, page.get_by_role("button", name="Gruppe anlegen"))
    expect(page.get_by_role("heading", name="AG Stadtteilfest")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Organisation", exact=True).select_option(label="Jugendclub Kirschberg")
    page.get_by_label("Rolle (Pflichtfeld)").select_option(label="Vorsitz")
    click_and_load(page, page.get_by_role("button", name="Mitglied hinzufügen"))
    expect(page.get_by_text("Das Mitglied wurde hinzugefügt.")).to_be_visible()
    page.get_by_label("Person", exact=True).select_option(label="Petra Lindner")
    click_and_load(page, page.get_by_role("button", name="Mitglied hinzufügen"))
    members = page.locator("table tbody tr")
    expect(members).to_have_count(2)
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="CSV herunterladen").click()
    content = open(info.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
    assert {r["organisation"] or r["name"] for r in rows} == {"Jugendclub Kirschberg", "Petra Lindner"}
    assert {r["role"] for r in rows} == {"Vorsitz", "Mitglied"}
    assert any(r["email"] == "petra.lindner@demo.quartierwerk.example" for r in rows)


def test_staff_work_through_persons_import_volunteering_and_a_withdrawal_page_accessibly(page, demo_data):
    from quartierwerk.actors import services
    from quartierwerk.actors.models import Person

    petra = Person.objects.get(email="petra.lindner@demo.quartierwerk.example")
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    page.goto(page.live_url + "/q/gruenau/staff/")
    base = page.live_url + "/q/gruenau/staff/actors/"
    for path in ("persons/", f"persons/{petra.pk}/", "duplicates/", "volunteers/", "import/", "persons/new/"):
        page.goto(base + path)
        assert_accessible(page)
    page.goto(base + "import/")
    page.get_by_label("CSV- oder XLSX-Datei (Pflichtfeld)").set_input_files(
        files=[
            {
                "name": "liste.csv",
                "mimeType": "text/csv",
                "buffer": b"name;kind\nTreff Ost;initiative\n;school\n",
            }
        ]
    )
    click_and_load(page, page.get_by_role("button", name="Vorschau anzeigen"))
    expect(page.get_by_role("heading", name="Fehlerhafte Zeilen")).to_be_visible()
    assert_accessible(page)
    click_and_load(page, page.get_by_role("button", name="Fehlerfreie Zeilen importieren"))
    expect(
        page.get_by_text("Importiert: 1 neu, 0 aktualisiert, 1 fehlerhafte Zeilen nicht importiert.").first
    ).to_be_visible()

    page.context.clear_cookies()
    page.goto(page.live_url + "/q/gruenau/actors/grunauer-nachbarn-e-v/")
    assert "Petra Lindner" in page.content()
    page.goto(services.withdraw_url(petra).replace("http://127.0.0.1:8000", page.live_url))
    assert_accessible(page)
    click_and_load(page, page.get_by_role("button", name="Meine Einwilligung widerrufen"))
    expect(page.get_by_text("Ihre Einwilligung wurde widerrufen.")).to_be_visible()
    page.goto(page.live_url + "/q/gruenau/actors/grunauer-nachbarn-e-v/")
    assert "Petra Lindner" not in page.content()
