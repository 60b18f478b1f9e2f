"""Attendance is not preset to "present", and minutes cannot be released before the session took place."""

import pytest
from django.urls import reverse

from quartierwerk.core.errors import InvalidTransition
from quartierwerk.events import services
from quartierwerk.events.models import Event, Minutes


def test_attendance_choices_start_empty(client, login_as, session_event, chair_user):
    login_as(chair_user)
    page = client.get(reverse("events:session", args=[session_event.quarter.slug, session_event.pk]))
    html = page.content.decode()
    assert 'value="present"' in html and 'value="present" checked' not in html
    assert "checked" not in html.split('id="attendance-heading"')[1].split("</form>")[0]


def test_minutes_of_a_future_session_cannot_be_released(make_event, group, members, chair_user):
    future = make_event("Sitzung nächste Woche", kind=Event.Kind.WORKING_GROUP, group=group, days=7)
    Minutes.objects.create(event=future)
    services.save_minutes(by=chair_user, event=future, notes="Vorab notiert")
    with pytest.raises(InvalidTransition):
        services.release_minutes(by=chair_user, event=future)


def test_the_session_page_offers_no_release_before_the_session(
    client, login_as, make_event, group, members, chair_user
):
    future = make_event("Sitzung nächste Woche", kind=Event.Kind.WORKING_GROUP, group=group, days=7)
    Minutes.objects.create(event=future)
    services.save_minutes(by=chair_user, event=future, notes="Vorab notiert")
    login_as(chair_user)
    html = client.get(reverse("events:session", args=[future.quarter.slug, future.pk])).content.decode()
    assert 'id="release-heading"' in html
    assert reverse("events:session_release", args=[future.quarter.slug, future.pk]) not in html
    past = make_event("Sitzung gestern", kind=Event.Kind.WORKING_GROUP, group=group, days=-1)
    Minutes.objects.create(event=past)
    services.save_minutes(by=chair_user, event=past, notes="Beschlossen")
    html = client.get(reverse("events:session", args=[past.quarter.slug, past.pk])).content.decode()
    assert reverse("events:session_release", args=[past.quarter.slug, past.pk]) in html


def test_staff_coming_events_start_today_and_past_sessions_stand_apart(
    client, login_as, user_with_role, session_event, make_event
):
    make_event("Sommerfest am Teich", days=3)
    login_as(user_with_role("staff"))
    html = client.get(reverse("events:staff_calendar", args=[session_event.quarter.slug])).content.decode()
    recent, coming = html.split("<h2>Kürzlich stattgefunden</h2>")[1].split("<h2>Kommende Termine</h2>")
    assert session_event.title in recent and session_event.title not in coming
    assert "Sommerfest am Teich" in coming
