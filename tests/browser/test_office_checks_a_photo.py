"""A resident's photo is shown blurred until the office has checked it; the office approves it from its work."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import expect

from quartierwerk.core import demo
from quartierwerk.core.models import Quarter
from quartierwerk.reports import services
from quartierwerk.reports.models import Category, ReportPhoto
from tests.browser.conftest import assert_accessible, click_and_load, login


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def _striped_jpeg() -> bytes:
    img = Image.new("RGB", (320, 240), "white")
    for x in range(0, 320, 16):
        img.paste((0, 0, 0), (x, 0, x + 8, 240))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=95)
    return out.getvalue()


def test_office_checks_a_residents_photo(page, demo_data):
    quarter = Quarter.objects.get(slug="gruenau")
    report = services.create_report(
        quarter=quarter,
        category=Category.objects.get(code="streetlight"),
        description="Die Laterne am Spielplatz flackert.",
        lat=(quarter.min_lat + quarter.max_lat) / 2,
        lon=(quarter.min_lon + quarter.max_lon) / 2,
        photos=[SimpleUploadedFile("laterne.jpg", _striped_jpeg(), content_type="image/jpeg")],
    )
    photo = ReportPhoto.objects.get(report=report)
    with photo.image.open("rb") as fh:
        original = fh.read()
    photo_url = f"{page.live_url}/reports/photos/{photo.pk}/"

    # A visitor sees the photo, blurred: Grünau's office shows unchecked photos that way.
    page.goto(f"{page.live_url}/q/gruenau/reports/{report.pk}/")
    expect(page.get_by_role("img", name=f"Foto 1 der Meldung {report.reference}")).to_have_count(1)
    assert page.request.get(photo_url).body() != original

    # The office lands on its work, which counts the photo to check, and approves it there.
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    expect(page.locator("h1")).to_have_text("Meine Arbeit")
    click_and_load(page, page.get_by_role("link", name="Zu prüfende Fotos"))
    page.wait_for_url("**/q/gruenau/staff/reports/photos/")
    expect(page.get_by_role("heading", name="1 Foto wartet auf eine Prüfung")).to_have_count(1)
    expect(page.get_by_label("Fotos unscharf zeigen, bis sie geprüft sind")).to_be_checked()
    # On a phone each radio sits beside its label, and the photo's card is not pushed in by a list bullet.
    radio = page.locator("#mode-blur").bounding_box()
    label = page.locator("label[for=mode-blur]").bounding_box()
    assert label["y"] < radio["y"] + radio["height"] and radio["y"] < label["y"] + label["height"]
    assert page.locator(".photo-checks").evaluate("ul => getComputedStyle(ul).listStyleType") == "none"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    # Rejecting looks different from approving.
    approve = page.get_by_role("button", name=f"Foto von {report.reference} freigeben")
    reject = page.get_by_role("button", name=f"Foto von {report.reference} ablehnen")
    colour = "b => getComputedStyle(b).backgroundColor"
    assert approve.evaluate(colour) != reject.evaluate(colour)
    assert_accessible(page)
    click_and_load(page, page.get_by_role("button", name=f"Foto von {report.reference} freigeben"))
    page.get_by_text("Das Foto ist jetzt öffentlich.").wait_for()
    page.get_by_text("Keine Fotos warten auf eine Prüfung.").wait_for()
    assert_accessible(page)

    # The office switches to holding photos back until they are checked.
    page.get_by_label("Fotos zurückhalten, bis sie geprüft sind").check()
    click_and_load(page, page.get_by_role("button", name="Auswahl speichern"))
    expect(page.get_by_label("Fotos zurückhalten, bis sie geprüft sind")).to_be_checked()
    click_and_load(page, page.get_by_role("button", name="Abmelden"))

    # Approved, the original is public.
    assert page.request.get(photo_url).body() == original
    photo.refresh_from_db()
    assert photo.review == "approved" and photo.reviewed_by.email.startswith("qm-gruenau")
