"""The fund's whole path in the browser: an association applies, the office asks for a change, the award team
decides with one member recused, the money is paid and the proof of use accepted; the public page shows it."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import assert_accessible, click_and_load, login


@pytest.fixture
def demo_data(transactional_db):
    """The demo, plus three more award-team members with log-ins (the demo's other seats have no accounts)."""
    from quartierwerk.actors.models import GroupMembership, Person
    from quartierwerk.core.models import Membership, User
    from quartierwerk.fund.models import Fund

    data = demo.load()
    fund = Fund.objects.get(quarter__slug="gruenau")
    for i, name in enumerate(["Gisela Brandt", "Ömer Yıldız", "Paula Neumann"], start=1):
        user = User.objects.create_user(
            email=f"quartiersrat{i}@demo.quartierwerk.example", password=demo.DEMO_PASSWORD, display_name=name
        )
        Membership.objects.create(user=user, role="award_team", quarter=fund.quarter)
        first, last = name.split()
        Person.objects.filter(quarter=fund.quarter, first_name=first, last_name=last).update(user=user)
        assert GroupMembership.objects.filter(group=fund.award_team, person__user=user).exists()
    return data


def other_page(browser, live_url):
    """A second person at another computer: own cookies, the same guard against third-party requests."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="de-DE")
    p = context.new_page()
    p.set_default_timeout(15_000)
    allowed = urlsplit(live_url).netloc
    p.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).netloc == allowed
            or route.request.url.startswith(("data:", "blob:"))
            else route.abort()
        ),
    )
    errors = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.live_url = live_url
    p.js_errors = errors
    return p


def pdf_bytes():
    from weasyprint import HTML

    return HTML(string="<h1>Angebot Musikanlage</h1><p>600 Euro</p>").write_pdf()


def test_association_applies_and_award_team_decides_with_recusal(page, browser, demo_data):
    live = page.live_url
    # 1. The association applies, without an account.
    page.goto(live + "/q/gruenau/fund/")
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="Jetzt Antrag stellen"))
    assert_accessible(page)
    page.get_by_label("Wer stellt den Antrag?").select_option("association")
    page.get_by_label("Ihr Name").fill("Mirko Seidel")
    page.get_by_label("Verein oder Einrichtung").fill("Sportfreunde Grünau e. V.")
    page.get_by_label("E-Mail").fill("sportfreunde@example.org")
    page.get_by_role("button", name="Antrag beginnen").click()
    page.wait_for_url("**/edit/applicant/")
    private_link = page.url.split("/edit/")[0] + "/"
    assert_accessible(page)
    page.get_by_role("button", name="Speichern und weiter").click()
    page.wait_for_url("**/edit/project/")
    page.get_by_label("Projektart").select_option(label="Sonstige Projekte")
    page.get_by_label("Projekttitel").fill("Sommerfest am Sportplatz")
    page.get_by_label("Kurzbeschreibung").fill("Ein Fest mit Turnier für alle Nachbarinnen und Nachbarn.")
    page.get_by_label("Nutzen für das Quartier").fill("Junge und alte Menschen kommen zusammen.")
    # The place: a click on the map of the quarter fills latitude and longitude.
    page.locator("#place-map .leaflet-interactive").first.wait_for()
    x, y = page.evaluate(
        """([lat, lon]) => { const m = document.getElementById('place-map').qwMap;
            m.setView([lat, lon], 15, {animate: false});
            const p = m.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }""",
        [51.317, 12.285],
    )
    page.locator("#place-map").click(position={"x": x, "y": y})
    expect(page.locator("#id_lat")).not_to_have_value("", timeout=5000)
    expect(page.locator("#id_lon")).not_to_have_value("")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern und weiter").click()
    page.wait_for_url("**/edit/costs/")
    page.locator("#id_lines-0-description").fill("Musikanlage")
    page.locator("#id_lines-0-amount").fill("1.200")
    # The rule is checked while typing: above the 1,000 € maximum of this kind of project.
    page.locator("#rule-check").get_by_text("über dem Höchstbetrag").wait_for()
    expect(page.locator("#rule-check")).to_contain_text("1.200,00 €")
    assert_accessible(page)
    page.locator("#id_lines-0-amount").fill("600")
    page.get_by_label("Eine andere Finanzierung ist nicht möglich").check()
    page.locator("#rule-check").get_by_text("entspricht den Regeln").wait_for()
    page.get_by_role("button", name="Speichern und weiter").click()
    page.wait_for_url("**/edit/documents/")
    page.get_by_label("Art des Dokuments").select_option("cost_plan")
    page.get_by_label("Datei").set_input_files(
        files=[{"name": "angebot.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.get_by_role("button", name="Dokument hinzufügen").click()
    page.get_by_role("link", name="angebot.pdf").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Weiter").click()
    page.wait_for_url("**/edit/submit/")
    assert_accessible(page)
    page.get_by_label("Ich willige in die Verarbeitung meiner Daten").check()
    page.get_by_role("button", name="Antrag einreichen").click()
    page.wait_for_url(private_link)
    heading = page.locator("h1").inner_text()
    assert heading.startswith("Ihr Antrag VF-GRU-")
    reference = heading.split()[-1]
    assert_accessible(page)

    # 2. The office checks it and asks for a change.
    office = other_page(browser, live)
    login(office, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    office.wait_for_url("**/staff/")
    office.goto(live + "/q/gruenau/staff/fund/?status=submitted")
    assert_accessible(office)
    click_and_load(office, office.get_by_role("link", name=reference))
    assert_accessible(office)
    office.locator('a[data-dialog="dialog-request_changes"]').click()
    office.get_by_label("Was soll geändert werden?").fill("Bitte den Eigenanteil für Getränke angeben.")
    office.locator("#dialog-request_changes").get_by_role("button", name="Bitte senden").click()
    office.get_by_text("Nachbesserung erbeten").first.wait_for()

    # 3. The applicant changes the cost plan and submits again.
    page.goto(private_link)
    assert "Bitte den Eigenanteil für Getränke angeben." in page.content()
    click_and_load(page, page.get_by_role("link", name="Ändern und neu einreichen"))
    page.get_by_role("link", name="Kostenplan").click()
    page.wait_for_url("**/edit/costs/")  # and for htmx to be loaded
    page.get_by_label("Eigenanteil (€)").fill("50")
    page.locator("#rule-check").get_by_text("550,00 €").wait_for()
    click_and_load(page, page.get_by_role("button", name="Speichern und weiter"))
    page.goto(private_link + "edit/submit/")
    page.get_by_label("Ich willige in die Verarbeitung meiner Daten").check()
    page.get_by_role("button", name="Antrag einreichen").click()
    page.wait_for_url(private_link)

    # 4. The office marks it complete and puts it on the agenda; both versions are kept.
    office.reload()
    # Each next step opens in a dialog from the side panel.
    office.locator('a[data-dialog="dialog-complete"]').click()
    click_and_load(
        office, office.locator("#dialog-complete").get_by_role("button", name="Als vollständig markieren")
    )
    office.locator('a[data-dialog="dialog-schedule"]').click()
    assert_accessible(office)
    click_and_load(
        office, office.locator("#dialog-schedule").get_by_role("button", name="Auf die Tagesordnung setzen")
    )
    office.get_by_text("Fassung 2 vom").wait_for()
    expect(office.get_by_text("Fassung 1 vom")).to_have_count(1)
    application_url = office.url
    click_and_load(office, office.get_by_role("link", name="Sitzungen").first)
    click_and_load(office, office.locator("main ul a").first)
    session_url = office.url

    # 5. The award team: the chair and two members vote yes, one member declares a conflict of interest.
    for email, action in [
        ("quartiersrat1@demo.quartierwerk.example", "recuse"),
        ("vergabeteam@demo.quartierwerk.example", "yes"),
        ("quartiersrat2@demo.quartierwerk.example", "yes"),
        ("quartiersrat3@demo.quartierwerk.example", "yes"),
    ]:
        member = other_page(browser, live)
        login(member, email, demo.DEMO_PASSWORD)
        member.wait_for_url(live + "/staff/")
        member.goto(session_url)
        item = member.locator("section.fund-item", has_text="Sommerfest am Sportplatz")
        if action == "recuse":
            item.get_by_label("Grund der Befangenheit").fill("Mitglied im Verein")
            item.get_by_role("button", name="Befangenheit erklären").click()
            member.get_by_text("Sie haben sich für befangen erklärt").first.wait_for()
            expect(
                member.locator("section.fund-item", has_text="Sommerfest").get_by_role(
                    "button", name="Abstimmen"
                )
            ).to_have_count(0)
        else:
            assert_accessible(member)
            item.get_by_label("Ja").check()
            item.get_by_role("button", name="Abstimmen").click()
            member.get_by_text("Ihre Stimme ist erfasst.").wait_for()
        assert not member.js_errors
        member.context.close()

    # 6. The office counts the votes; the award team recommended, the office records the decision.
    office.goto(session_url)
    assert_accessible(office)
    click_and_load(office, office.get_by_role("link", name="Stimmen zu „Sommerfest am Sportplatz“ auszählen"))
    expect(office.get_by_text("3 Ja, 0 Nein, 0 Enthaltungen")).to_be_visible()
    assert_accessible(office)
    office.get_by_role("button", name="Jetzt auszählen: Bewilligt").click()
    office.get_by_text("Ergebnis erfasst").wait_for()
    minutes = office.request.get(session_url + "minutes.pdf")
    assert minutes.ok and minutes.body().startswith(b"%PDF")
    office.goto(application_url)
    office.get_by_role("link", name="Entscheidung erfassen").click()
    office.locator("#id_decide-outcome").select_option("approved")
    office.locator("#id_decide-reasons").fill("Wie vom Quartiersrat empfohlen.")
    office.locator("#dialog-decide").get_by_role("button", name="Entscheiden").click()
    office.get_by_role("link", name="Bescheid (PDF)").wait_for()
    letter = office.request.get(
        live + office.get_by_role("link", name="Bescheid (PDF)").first.get_attribute("href")
    )
    assert letter.ok and letter.body().startswith(b"%PDF")
    assert_accessible(office)

    # 7. The payout is recorded.
    office.get_by_role("link", name="Auszahlung erfassen").click()
    expect(office.locator("#dialog-payout")).to_contain_text("0,00 € von 550,00 € ausgezahlt.")
    office.locator("#id_payout-amount").fill("550")
    click_and_load(office, office.locator("#dialog-payout").get_by_role("button", name="Auszahlung erfassen"))
    expect(office.get_by_role("heading", name="Auszahlungen")).to_be_visible()

    # 8. The applicant sends the proof of use; the office accepts it.
    page.goto(private_link)
    click_and_load(page, page.get_by_role("link", name="Verwendungsnachweis einreichen"))
    assert_accessible(page)
    page.get_by_label("Was ist passiert?").fill("Das Fest fand statt, 150 Gäste kamen.")
    page.get_by_label("Kurzbericht für die öffentliche Seite").fill(
        "150 Gäste feierten beim Turnier am Sportplatz."
    )
    page.get_by_label("Ausgegebene Fördermittel (€)").fill("550")
    page.get_by_role("button", name="Verwendungsnachweis einreichen").click()
    page.get_by_text("Ihr Verwendungsnachweis ist eingereicht").wait_for()
    office.reload()
    office.get_by_role("link", name="Verwendungsnachweis prüfen").click()
    office.locator("#id_check_proof-outcome").select_option("accepted")
    office.get_by_role("button", name="Prüfung speichern").click()
    office.get_by_text("Abgeschlossen, Verwendungsnachweis anerkannt").first.wait_for()
    office.context.close()

    # 9. The public page shows the funded project with its short report.
    page.goto(live + "/q/gruenau/fund/")
    page.get_by_role("link", name="Sommerfest am Sportplatz").click()
    page.get_by_text("150 Gäste feierten beim Turnier am Sportplatz.").wait_for()
    expect(page.locator("#project-map .leaflet-interactive")).to_have_count(1)  # the place on the map
    assert_accessible(page)
