"""German first: the calendar and event pages speak German; English is complete."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_in_german_and_english(client, quarter, make_event):
    event = make_event("Werkstatt", registration_required=True, capacity=1, childcare=True)
    html = client.get(
        reverse("events:calendar", args=[quarter.slug]), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert "Kalender" in html and "Stufenloser Zugang" in html and "Kinderbetreuung" in html
    page = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Zur Veranstaltung anmelden" in page and "Noch 1 Platz frei." in page
    client.cookies["django_language"] = "en"
    page = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sign up for this event" in page and "1 place left." in page


def test_every_message_has_a_german_translation():
    from pathlib import Path

    import polib

    import quartierwerk.events

    po = polib.pofile(Path(quartierwerk.events.__file__).parent / "locale/de/LC_MESSAGES/django.po")
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
