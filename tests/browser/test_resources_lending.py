"""The resource pool end to end: an association offers a cargo bike, another books it, the owner approves,
hands it over against the pick-up code and takes it back early; a resident books an office-hour slot
without an account and confirms it by the link in the e-mail. Every page is checked with axe."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from quartierwerk.actors.models import Organisation, Representation
from quartierwerk.core import demo
from quartierwerk.core.models import OutboxMail, User
from quartierwerk.resources.models import Booking, Resource
from tests.browser.conftest import assert_accessible, click_and_load, login

OWNER = "verein@demo.quartierwerk.example"
BORROWER = "garten@demo.quartierwerk.example"


@pytest.fixture
def demo_data(transactional_db):
    data = demo.load()
    quarter = data.quarters["gruenau"]
    user = User.objects.create_user(email=BORROWER, password=demo.DEMO_PASSWORD, display_name="Petra Sommer")
    garden = Organisation.objects.filter(quarter=quarter).exclude(representations__user__email=OWNER).first()
    Representation.objects.create(organisation=garden, user=user, status=Representation.Status.APPROVED)
    data.garden = garden
    return data


def _logout(page):
    page.context.clear_cookies()


def test_association_lends_a_cargo_bike_and_resident_books_office_hours(page, demo_data):
    base = page.live_url
    day = datetime.date.today() + datetime.timedelta(days=3)

    # The owner's association offers its cargo bike.
    login(page, OWNER, demo.DEMO_PASSWORD)
    page.goto(f"{base}/q/gruenau/")
    click_and_load(page, page.get_by_role("link", name="Ausleihen und buchen"))
    assert_accessible(page)
    click_and_load(page, page.get_by_role("link", name="Etwas anbieten"))
    assert_accessible(page)
    page.locator("#id_name").fill("Lastenrad Bruno")
    page.get_by_label("Wo es abgeholt wird").fill("Ladestation am Vereinshaus")
    page.get_by_label("Nutzungsbedingungen").fill("Schäden sofort melden.")
    for weekday in ("Samstag", "Sonntag"):
        page.get_by_label(weekday, exact=True).check()
    page.get_by_label("Von", exact=True).fill("08:00")
    page.get_by_label("Bis", exact=True).fill("20:00")
    click_and_load(page, page.get_by_role("button", name="Etwas anbieten"))
    expect(page.get_by_text("Ihr Angebot ist im Pool.")).to_be_visible()
    bike = Resource.objects.get(name="Lastenrad Bruno")
    assert_accessible(page)
    _logout(page)

    # Another association books it for an afternoon.
    login(page, BORROWER, demo.DEMO_PASSWORD)
    page.goto(f"{base}{bike.get_absolute_url()}")
    page.get_by_label("Von (Tag)").fill(day.isoformat())
    page.get_by_label("Von (Uhrzeit)").fill("14:00")
    page.get_by_label("Bis (Tag)").fill(day.isoformat())
    page.get_by_label("Bis (Uhrzeit)").fill("18:00")
    page.get_by_label("Im Namen von").select_option(label=demo_data.garden.name)
    page.get_by_label("Ich akzeptiere die Nutzungsbedingungen.").check()
    click_and_load(page, page.get_by_role("button", name="Buchungsanfrage senden"))
    expect(page.get_by_text("Ihre Anfrage wurde an die Eigentümerin geschickt.")).to_be_visible()
    assert_accessible(page)
    _logout(page)

    # The owner approves.
    login(page, OWNER, demo.DEMO_PASSWORD)
    page.goto(f"{base}/q/gruenau/resources/requests/")
    assert_accessible(page)
    request = page.locator("li", has_text="Lastenrad Bruno")
    click_and_load(page, request.get_by_role("button", name="Bestätigen", exact=True))
    expect(page.get_by_text("Buchung bestätigt; die buchende Person hat den Abholcode.")).to_be_visible()
    _logout(page)

    # The borrower reads the pick-up code among their bookings.
    login(page, BORROWER, demo.DEMO_PASSWORD)
    page.goto(f"{base}/resources/my/")
    code = page.locator("code.pickup-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    assert_accessible(page)
    _logout(page)

    # Hand-over against the code, then an early return with a note.
    login(page, OWNER, demo.DEMO_PASSWORD)
    page.goto(f"{base}/q/gruenau/resources/requests/")
    request = page.locator("li", has_text="Lastenrad Bruno")
    request.get_by_label("Abholcode").fill(code)
    click_and_load(page, request.get_by_role("button", name="Übergeben"))
    expect(page.get_by_text("Übergeben.", exact=True)).to_be_visible()
    request = page.locator("li", has_text="Lastenrad Bruno")
    request.get_by_label("Zustand bei Rückgabe").fill("Alles in Ordnung, Akku halb voll.")
    click_and_load(page, request.get_by_role("button", name="Zurückgegeben"))
    expect(page.get_by_text("Zurückgegeben. Die restliche Zeit der Buchung ist wieder frei.")).to_be_visible()
    assert_accessible(page)
    booking = Booking.objects.get(resource=bike)
    assert booking.status == Booking.Status.RETURNED and booking.condition_note.startswith("Alles in Ordnung")
    assert booking.ends_at < datetime.datetime.combine(day, datetime.time(18), tzinfo=datetime.UTC)
    _logout(page)

    # A resident without an account books a slot of the office hours in three steps.
    hours = Resource.objects.get(quarter__slug="gruenau", kind="office_hours")
    page.goto(f"{base}/q/gruenau/resources/")
    click_and_load(page, page.get_by_role("link", name=hours.name))
    assert_accessible(page)
    click_and_load(page, page.locator("ul.slot-list a").first)
    assert_accessible(page)
    page.get_by_label("Ihr Name").fill("Samira Haddad")
    page.get_by_label("E-Mail").fill("samira@example.org")
    page.get_by_label("Sprache, in der Sie sprechen möchten (optional)").fill("Arabisch")
    page.get_by_label("Ich brauche eine Dolmetscherin oder einen Dolmetscher.").check()
    click_and_load(page, page.get_by_role("button", name="Termin buchen"))
    expect(page.get_by_text("Schritt 3 von 3: Bestätigen")).to_be_visible()
    assert_accessible(page)
    mail = OutboxMail.objects.get(purpose="resources.appointment_confirm")
    link = re.search(r"https?://\S+/resources/appointments/confirm/\S+/", mail.body).group(0)
    page.goto(base + link[link.index("/resources/") :])
    click_and_load(page, page.get_by_role("button", name="Termin bestätigen"))
    expect(page.get_by_text("ist bestätigt. Bis dann!")).to_be_visible()
    assert_accessible(page)
    appointment = Booking.objects.get(resource=hours, name="Samira Haddad")
    assert appointment.status == Booking.Status.APPROVED and appointment.wants_interpreter
