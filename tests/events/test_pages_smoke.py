import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_render(client, login_as, user_with_role, quarter, public_event, session_event):
    for url in [
        reverse("events:calendar", args=[quarter.slug]),
        reverse("events:calendar", args=[quarter.slug]) + "?view=month",
        reverse("events:city_calendar"),
        public_event.get_absolute_url(),
        session_event.get_absolute_url(),
        reverse("events:quarter_ics", args=[quarter.slug]),
        reverse("events:quarter_rss", args=[quarter.slug]),
        reverse("events:quarter_atom", args=[quarter.slug]),
    ]:
        r = client.get(url)
        assert r.status_code == 200, url
    staff = user_with_role("staff")
    login_as(staff)
    for url in [
        reverse("events:staff_calendar", args=[quarter.slug]),
        reverse("events:event_create", args=[quarter.slug]),
        reverse("events:staff_event", args=[quarter.slug, public_event.pk]),
        reverse("events:event_edit", args=[quarter.slug, public_event.pk]),
        reverse("events:venue_create", args=[quarter.slug]),
        reverse("events:session", args=[quarter.slug, session_event.pk]),
        reverse("events:minutes", args=[quarter.slug, session_event.pk]),
        reverse("events:minutes_pdf", args=[quarter.slug, session_event.pk]),
        reverse("events:my_events"),
        reverse("events:my_tasks"),
        reverse("core:dashboard", args=[quarter.slug]),
    ]:
        r = client.get(url)
        assert r.status_code == 200, url
