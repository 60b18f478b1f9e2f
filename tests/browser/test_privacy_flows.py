"""A resident downloads her data and deletes her account; the office logs a request made at the counter;
the privacy statement and the Impressum are reachable from every footer. axe-core checks every page."""

import io
import json
import zipfile

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from quartierwerk.core.models import SubjectRequest, User
from tests.browser.conftest import assert_accessible, click_and_load, login

RESIDENT = "bewohnerin@demo.quartierwerk.example"


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def test_resident_downloads_her_data_and_deletes_her_account(page, demo_data):
    login(page, RESIDENT, demo.DEMO_PASSWORD)
    page.goto(page.live_url + "/account/profile/")
    click_and_load(page, page.locator('main a[href="/account/my-data/"]'))
    assert_accessible(page)

    # She asks for her data; the export is built and offered for download.
    click_and_load(page, page.locator("main form button[type=submit]").first)
    download_link = page.locator('main a[href^="/account/my-data/"][href$="/download/"]')
    expect(download_link).to_have_count(1)
    assert_accessible(page)
    with page.expect_download() as info:
        download_link.click()
    archive = zipfile.ZipFile(io.BytesIO(open(info.value.path(), "rb").read()))
    names = archive.namelist()
    assert "data.json" in names and "summary.html" in names
    data = json.loads(archive.read("data.json"))
    assert RESIDENT in json.dumps(data)

    # Then she deletes her account.
    click_and_load(page, page.locator('main a[href="/account/delete/"]'))
    assert_accessible(page)
    page.locator("#id_confirm").check()
    click_and_load(page, page.locator("main form button[type=submit]"))
    assert_accessible(page)
    assert not User.objects.filter(email__iexact=RESIDENT).exists()

    # The account is gone: logging in again fails.
    login(page, RESIDENT, demo.DEMO_PASSWORD)
    assert "/account/login/" in page.url


def test_office_logs_a_counter_request_and_the_privacy_pages_are_in_every_footer(page, demo_data):
    # A visitor finds the quarter's privacy statement and Impressum from the footer.
    page.goto(page.live_url + "/q/gruenau/")
    click_and_load(page, page.locator('footer a[href="/q/gruenau/datenschutz/"]'))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Datenschutzerklärung")
    expect(page.locator("main")).to_contain_text("Stadtteilwerk Leipzig-West gGmbH")
    assert_accessible(page)
    click_and_load(page, page.locator('footer a[href="/q/gruenau/impressum/"]'))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Impressum")
    assert_accessible(page)
    page.goto(page.live_url + "/impressum/")
    assert_accessible(page)

    # The office logs an objection made at the counter; the deadline is shown.
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.goto(page.live_url + "/q/gruenau/staff/")
    click_and_load(page, page.locator('#privacy-requests a[href$="/staff/datenschutz/anfragen/"]').first)
    assert_accessible(page)
    page.get_by_label("Art des Antrags").select_option("objection")
    page.get_by_label("Eingegangen per").select_option("counter")
    page.get_by_label("Name der Person").fill("Gustav Gegenrede")
    page.get_by_label("E-Mail-Adresse der Person").fill("gustav@example.org")
    page.get_by_label("Identität geprüft durch").select_option("id_document")
    click_and_load(page, page.get_by_role("button", name="Antrag erfassen"))
    item = SubjectRequest.objects.get(subject_name="Gustav Gegenrede")
    expect(page.locator("main")).to_contain_text(f"{item.due_on:%d.%m.%Y}")
    expect(page.locator("main")).to_contain_text("Widerspruch (Art. 21)")
    assert_accessible(page)

    # The record of processing activities is there for each responsible party.
    page.goto(page.live_url + "/q/gruenau/staff/datenschutz/verzeichnis/")
    assert_accessible(page)
    click_and_load(page, page.locator('main a[href*="/verzeichnis/"]').first)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verzeichnis von Verarbeitungstätigkeiten")
    assert_accessible(page)


def test_city_staff_keep_the_responsible_parties(page, demo_data):
    from quartierwerk.core.models import ResponsibleParty

    login(page, "stadt@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.goto(page.live_url + "/staff/")
    click_and_load(page, page.locator('main a[href="/staff/datenschutz/stellen/"]'))
    assert_accessible(page)
    operator = ResponsibleParty.objects.get(name__startswith="Quartiersbüro Grünau")
    click_and_load(page, page.locator(f'main a[href="/staff/datenschutz/stellen/leipzig/{operator.pk}/"]'))
    assert_accessible(page)
    page.locator("#id_phone").fill("0341 000 999")
    click_and_load(page, page.locator("main form button[type=submit]"))
    operator.refresh_from_db()
    assert operator.phone == "0341 000 999"
    page.goto(page.live_url + "/q/gruenau/impressum/")
    expect(page.locator("main")).to_contain_text("0341 000 999")


def test_privacy_statement_fits_a_phone(page, demo_data):
    # The purposes stand in cards; their long texts wrap instead of running off to the side.
    for path in ("/datenschutz/", "/q/gruenau/datenschutz/"):
        page.goto(page.live_url + path)
        assert page.locator("#purposes ~ section.kern-card dl.facts").count() > 0
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
