"""An event title is one line: stored so, and an older row with a line break still registers, downloads as
.ics and can be postponed (the single-event .ics goes through the feeds' escaping writer)."""

import json

import pytest
from django.urls import reverse
from icalendar import Calendar

from quartierwerk.core.models import ApiToken
from quartierwerk.events import services
from quartierwerk.events.models import Event
from tests.events.conftest import at

pytestmark = pytest.mark.django_db

BROKEN = "Hoffest\nim Hof\r\nBcc: x@y.de"


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def old_event(make_event):
    """A row written before titles were cleaned: the line break is in the database."""
    event = make_event("Hoffest", registration_required=True, capacity=5)
    Event.objects.filter(pk=event.pk).update(title=BROKEN)
    event.refresh_from_db()
    assert "\n" in event.title
    return event


def test_titles_are_stored_as_one_line(quarter, user_with_role):
    staff = user_with_role("staff")
    event = services.create_event(
        by=staff,
        quarter=quarter,
        title="Hoffest\n\n im  Hof\u000b",
        starts_at=at(3),
        ends_at=at(3, 20),
        questions=["Essen?\nVegetarisch"],
    )
    assert event.title == "Hoffest im Hof"
    assert event.questions.get().text == "Essen? Vegetarisch"
    services.update_event(by=staff, event=event, title="Neu\r\nTitel")
    event.refresh_from_db()
    assert event.title == "Neu Titel"


def test_resident_registers_for_an_old_event_with_a_line_break(client, old_event):
    r = post(
        client, f"/api/v1/events/{old_event.pk}/registrations", {"name": "Ana", "email": "ana@test.example"}
    )
    assert r.status_code == 201, r.content
    page = client.post(
        reverse("events:detail", args=[old_event.quarter.slug, old_event.pk]),
        {"name": "Ben", "email": "ben@test.example", "consent": "on"},
    )
    assert page.status_code == 302, page.context["form"].errors if page.context else page.content[:300]
    assert old_event.registrations.count() == 2


def test_single_event_ics_of_an_old_event_with_a_line_break(client, old_event):
    response = client.get(reverse("events:event_ics", args=[old_event.pk]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert calendar["x-wr-calname"] == "Hoffest im Hof Bcc: x@y.de"
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == BROKEN.replace("\r\n", "\n")
    assert b"\nBcc" not in response.content


def test_staff_postpones_an_old_event_with_a_line_break(client, user_with_role, old_event):
    services.register(event=old_event, name="Ana", email="ana@test.example")
    _token, key = ApiToken.issue(user_with_role("staff"), "test")
    r = client.post(
        f"/api/v1/events/{old_event.pk}/postpone",
        json.dumps({"reason": "Regen"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "postponed"
