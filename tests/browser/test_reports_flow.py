"""A resident reports a broken streetlight; staff triage and forward it; the body answers; the resident sees it."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from quartierwerk.core import demo
from quartierwerk.core.models import OutboxMail
from quartierwerk.reports.models import Report
from tests.browser.conftest import assert_accessible, click_and_load, login


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def _photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 19.0, 0.0), 3: "E", 4: (12.0, 17.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 30, 30)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_resident_reports_broken_streetlight(page, demo_data):
    existing = Report.objects.get(quarter__slug="gruenau", category__code="streetlight", status="open")

    # The resident finds the report form from the quarter page.
    page.goto(page.live_url + "/q/gruenau/")
    page.get_by_role("link", name="Problem, Frage oder Idee melden").click()
    page.wait_for_url("**/q/gruenau/reports/new/")
    assert_accessible(page)
    page.get_by_role("link", name="Straßenbeleuchtung defekt").click()
    page.wait_for_url("**/reports/new/streetlight/")
    page.locator("#report-map.leaflet-container .leaflet-interactive").first.wait_for()
    assert_accessible(page)

    # A pin on the map right next to an open streetlight report: the hint offers it.
    # (The resident zooms in on the street, as one does on a phone, and taps a few metres from that lamp.)
    x, y = page.evaluate(
        """([lat, lon]) => { const m = document.getElementById('report-map').qwMap;
            m.setView([lat, lon], 17, {animate: false});
            const p = m.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }""",
        [existing.lat, existing.lon],
    )
    page.locator("#report-map").click(position={"x": x + 8, "y": y + 8})
    expect(page.locator("#id_lat")).not_to_have_value("")
    assert abs(float(page.locator("#id_lat").input_value()) - existing.lat) < 0.0005
    page.locator("#nearby p, #nearby section").first.wait_for()
    hint = page.get_by_role("heading", name="Ist es eine davon?")
    hint.wait_for()
    assert existing.reference in page.locator("#nearby").inner_text()
    assert_accessible(page)

    # It is a different lamp: the resident sends a new report with a photo.
    page.get_by_label("Worum geht es?").fill("Die Laterne an der Bushaltestelle ist seit Tagen aus.")
    page.get_by_label("Fotos (bis zu 5)").set_input_files(
        files=[{"name": "laterne.jpg", "mimeType": "image/jpeg", "buffer": _photo_with_gps()}]
    )
    page.get_by_label("Ihre E-Mail-Adresse (freiwillig)").fill("anwohnerin@demo.quartierwerk.example")
    page.get_by_role("button", name="Meldung absenden").click()
    page.wait_for_url("**/reports/follow/**")
    report = Report.objects.exclude(pk=existing.pk).get(
        quarter__slug="gruenau",
        category__code="streetlight",
        status="open",
        reporter_email__startswith="anwohnerin",
    )
    assert f"Ihre Meldung hat die Nummer {report.reference}" in page.content()
    follow_url = page.url
    expect(page.get_by_role("img", name=re.compile(f"Foto 1 der Meldung {report.reference}"))).to_have_count(
        1
    )
    assert_accessible(page)

    # Staff triage and forward it.
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    page.goto(page.live_url + "/q/gruenau/staff/reports/")
    assert_accessible(page)
    page.get_by_role("link", name=report.reference).click()
    page.wait_for_url(f"**/staff/reports/{report.pk}/")
    assert "anwohnerin@demo.quartierwerk.example" in page.content()
    assert_accessible(page)
    # Keyboard only: every next step in the side panel opens its dialog with Enter, the focus goes to its first
    # field, and Escape gives the focus back to the step.
    steps = page.locator(".triage .steps a")
    assert steps.count() >= 8
    for n in range(steps.count()):
        step = steps.nth(n)
        step.focus()
        page.keyboard.press("Enter")
        dialog = page.locator("#" + step.get_attribute("data-dialog"))
        expect(dialog).to_be_visible()
        expect(dialog.locator(":focus")).to_have_count(1)
        if n == 0:
            assert_accessible(page)
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        expect(step).to_be_focused()
    page.get_by_role("link", name="Zuweisen").press("Enter")
    page.locator("#id_assign-assignee").select_option(label="Katrin Bergmann")
    click_and_load(page, page.locator("#dialog-assign").get_by_role("button", name="Zuweisen"))
    page.get_by_role("link", name="Weiterleiten").click()
    expect(page.locator("#id_forward-body option:checked")).to_have_text(
        "Verkehrs- und Tiefbauamt, Straßenbeleuchtung"
    )
    click_and_load(page, page.get_by_role("button", name="An diese Stelle weiterleiten"))
    expect(page.locator("dl.facts")).to_contain_text("weitergeleitet")
    assert_accessible(page)
    click_and_load(page, page.get_by_role("button", name="Abmelden"))

    # The responsible body answers through the link in its e-mail, without an account.
    mail = OutboxMail.objects.get(purpose="reports.forwarded")
    link = re.search(r"https?://\S+/reports/answer/\S+/", mail.body).group(0)
    page.goto(page.live_url + link[link.index("/reports/answer/") :])
    assert "Die Laterne an der Bushaltestelle" in page.content()
    assert_accessible(page)
    page.get_by_label("Ihre Antwort").fill("Das Leuchtmittel wurde heute getauscht.")
    page.get_by_label("Stand der Sache").select_option("solved")
    page.get_by_role("button", name="Antwort senden").click()
    page.get_by_text("Ihre Antwort wurde der Meldung hinzugefügt").wait_for()
    assert_accessible(page)

    # The resident's follow link shows the answer and the status.
    page.goto(follow_url)
    assert "Das Leuchtmittel wurde heute getauscht." in page.content()
    expect(page.locator("dl.facts")).to_contain_text("gelöst")
    expect(page.get_by_role("heading", name="Ist das gelöst?")).to_have_count(1)
    assert_accessible(page)
    assert OutboxMail.objects.filter(
        to=["anwohnerin@demo.quartierwerk.example"], purpose="reports.updated"
    ).exists()


def test_visitor_browses_reports_and_staff_issue_an_open311_key(page, demo_data):
    page.goto(page.live_url + "/q/gruenau/reports/?status=open")
    page.locator("#reports-map .leaflet-interactive").nth(
        1
    ).wait_for()  # the outline-less map draws the points
    assert_accessible(page)
    page.locator(".report-title a").first.click()
    page.wait_for_url("**/q/gruenau/reports/*/")
    expect(page.get_by_role("heading", name="Dasselbe Problem?")).to_have_count(1)
    # Without an account a support counts once its e-mail link is confirmed.
    page.get_by_label("Ihre E-Mail-Adresse (ohne Konto", exact=False).fill("nachbarin@example.org")
    page.get_by_role("button", name="Ich auch – Meldung unterstützen").click()
    page.get_by_text("Bitte bestätigen Sie Ihre Unterstützung").wait_for()
    assert_accessible(page)

    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    page.goto(page.live_url + "/q/gruenau/staff/")
    page.get_by_role("link", name="Überfällig", exact=True).click()
    page.wait_for_url("**/staff/reports/?view=overdue")
    expect(page.locator("tbody tr")).to_have_count(1)
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="Zahlen"))
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="Open311-Schlüssel"))
    page.get_by_label("Anwendung").fill("Mängelmelder-App der Stadt")
    click_and_load(page, page.get_by_role("button", name="Schlüssel ausstellen"))
    key = page.locator("code.secret").inner_text()
    assert key.startswith("o311_")
    assert_accessible(page)
    response = page.request.post(
        page.live_url + "/open311/v2/requests.json",
        form={
            "api_key": key,
            "service_code": "question",
            "address_string": "Stuttgarter Allee 12",
            "description": "Wann hat der Stadtteilladen geöffnet?",
        },
    )
    assert response.status == 201
    click_and_load(
        page, page.get_by_role("button", name="Schlüssel von Mängelmelder-App der Stadt widerrufen")
    )
    expect(
        page.get_by_role("button", name="Schlüssel von Mängelmelder-App der Stadt widerrufen")
    ).to_have_count(0)
