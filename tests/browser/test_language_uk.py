"""A visitor switches the interface to Ukrainian, files a report and signs up for an event in Ukrainian."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import ARTIFACTS, assert_accessible, click_and_load
from tests.core.test_arabic_pages import content_texts, german_words


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def switch_to_ukrainian(page):
    page.goto(page.live_url + "/q/gruenau/")
    switch = page.locator('button[lang="uk"]')
    expect(switch).to_have_text("Українська")
    # Cached pages fetch their CSRF token when a form is first touched; wait for it before sending.
    switch.focus()
    # The language form's token is filled by a script; wait for it without evaluating a string (the CSP forbids eval).
    expect(page.locator('input[name="csrfmiddlewaretoken"][value=""]')).to_have_count(0)
    click_and_load(page, switch)


def test_report_form_in_ukrainian(page, demo_data):
    switch_to_ukrainian(page)
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", name="Що тут можна зробити")).to_have_count(1)

    click_and_load(page, page.get_by_role("link", name="Повідомити про проблему, запитання чи ідею"))
    expect(page.locator("h1")).to_have_text("Повідомити про щось")
    expect(page.get_by_role("heading", name="Про що йдеться?")).to_have_count(1)

    click_and_load(page, page.locator('main a[href*="/reports/new/"]').first)
    expect(page.locator("h1")).to_contain_text("Звернення:")
    expect(page.locator("legend").first).to_have_text("Де?")
    expect(page.get_by_role("button", name="Надіслати звернення")).to_have_count(1)
    assert_accessible(page)


def check_ukrainian(page, step: str, content: list[str]):
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    assert german_words(page.content(), content) == set(), (step, page.url)
    assert_accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"ukrainian-{step}.png"), full_page=True)


def test_resident_signs_up_for_the_workshop_in_ukrainian(page, demo_data):
    from django.utils import translation

    from quartierwerk.core import formats
    from quartierwerk.core.models import OutboxMail
    from quartierwerk.events.models import Event, Registration

    workshop = Event.objects.get(
        quarter__slug="gruenau", title__startswith="Stadtteilwerkstatt: Wie soll unser"
    )
    # "Leichte Sprache" is the name of the language form, kept in brackets beside its Ukrainian name on purpose.
    content = [*content_texts(), "Leichte Sprache"]
    switch_to_ukrainian(page)
    click_and_load(page, page.get_by_role("link", name="Календар", exact=True))
    check_ukrainian(page, "calendar", content)
    # The list writes dates the Ukrainian way (short weekday, day, month in the genitive).
    with translation.override("uk"):
        when = formats.compact_date(workshop.starts_at, with_time=True)
        long_when = formats.long_datetime(workshop.starts_at)
    expect(page.locator("main")).to_contain_text(when)

    click_and_load(page, page.get_by_role("link", name=workshop.title).first)
    expect(page.locator("main")).to_contain_text(long_when)
    expect(page.get_by_role("heading", name="Реєстрація")).to_have_count(1)
    check_ukrainian(page, "event", content)
    page.locator("#id_name").fill("Олена Коваленко")
    page.locator("#id_email").fill("olena.kovalenko@example.org")
    page.locator("#id_consent").check()
    click_and_load(page, page.get_by_role("button", name="Зареєструватися на цей захід"))
    expect(page.get_by_text("Ви зареєструвалися. Ми надіслали вам підтвердження на e-mail.")).to_have_count(1)
    check_ukrainian(page, "registered", content)
    registration = Registration.objects.get(event=workshop, email="olena.kovalenko@example.org")
    assert registration.status == "confirmed"
    # The confirmation goes out in the language the resident used.
    mail = OutboxMail.objects.filter(to=[registration.email]).latest("created_at")
    assert mail.language == "uk"
