"""Calendar pages, feeds and API lists cost a fixed number of queries, with 1,000 events and weekly ones."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quartierwerk.events.models import Event, Registration, Venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def thousand_events(quarter, other_quarter, group):
    venue = Venue.objects.create(quarter=quarter, name="Saal", step_free=True)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    kinds = Event.Kind.values
    events = []
    for n in range(1000):
        q = quarter if n % 10 else other_quarter
        start = now + datetime.timedelta(hours=7 * n - 24 * 30)
        weekly = n % 50 == 1
        events.append(
            Event(
                quarter=q,
                city=q.city,
                title=f"Termin {n}",
                kind=kinds[n % len(kinds)],
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2),
                venue=venue if n % 2 else None,
                is_public=n % 7 != 0,
                group=group if n % 13 == 0 else None,
                recurrence=Event.Recurrence.WEEKLY if weekly else Event.Recurrence.NONE,
                recurrence_until=(start + datetime.timedelta(days=200)).date() if weekly else None,
                exception_dates=[(start + datetime.timedelta(weeks=2)).date().isoformat()] if weekly else [],
                registration_required=n % 5 == 0,
                capacity=3 if n % 5 == 0 else None,
            )
        )
    created = Event.objects.bulk_create(events)
    Registration.objects.bulk_create(
        [
            Registration(event=e, name="X", email=f"x{e.pk}@test.example", status="confirmed")
            for e in created
            if e.registration_required
        ]
    )
    return created


def test_public_calendar_pages_cost_a_fixed_number_of_queries(
    client, quarter, thousand_events, django_assert_max_num_queries
):
    urls = [
        reverse("events:calendar", args=[quarter.slug]),
        reverse("events:calendar", args=[quarter.slug]) + "?page=7",
        reverse("events:calendar", args=[quarter.slug]) + "?kind=workshop&step_free=1&language=de",
        reverse("events:calendar", args=[quarter.slug]) + "?view=month",
        reverse("events:calendar", args=[quarter.slug])
        + "?view=month&month="
        + (timezone.localdate() + datetime.timedelta(days=60)).strftime("%Y-%m"),
        reverse("events:city_calendar"),
        reverse("events:city_calendar") + "?view=month",
    ]
    for url in urls:
        with django_assert_max_num_queries(6):
            response = client.get(url)
        assert response.status_code == 200, url
        assert "Termin" in response.content.decode(), url


def test_month_view_shows_every_date_of_the_month(client, quarter, thousand_events):
    html = client.get(reverse("events:calendar", args=[quarter.slug]) + "?view=month").content.decode()
    weekly = [
        e for e in thousand_events if e.recurrence == "weekly" and e.quarter_id == quarter.pk and e.is_public
    ]
    assert weekly
    assert max(html.count(f">{e.title}<") for e in weekly) >= 3, "a weekly event shows on each of its dates"


def test_staff_calendar_costs_a_fixed_number_of_queries(
    client, login_as, user_with_role, quarter, thousand_events, django_assert_max_num_queries
):
    login_as(user_with_role("staff"))
    client.get(reverse("events:staff_calendar", args=[quarter.slug]))
    for suffix in ("", "?view=month", "?page=3"):
        with django_assert_max_num_queries(14):
            response = client.get(reverse("events:staff_calendar", args=[quarter.slug]) + suffix)
        assert response.status_code == 200


def test_feeds_cost_a_fixed_number_of_queries(
    client, quarter, thousand_events, group, django_assert_max_num_queries
):
    for url in (
        reverse("events:quarter_ics", args=[quarter.slug]),
        reverse("events:city_ics"),
        reverse("events:kind_ics", args=[quarter.slug, "workshop"]),
        reverse("events:group_ics", args=[quarter.slug, group.slug]),
        reverse("events:quarter_rss", args=[quarter.slug]),
        reverse("events:city_atom"),
    ):
        with django_assert_max_num_queries(4):
            response = client.get(url)
        assert response.status_code == 200, url
    ics = client.get(reverse("events:quarter_ics", args=[quarter.slug])).content
    assert ics.count(b"BEGIN:VEVENT") > 500


def test_personal_feed_costs_a_fixed_number_of_queries(
    client, quarter, thousand_events, chair_user, django_assert_max_num_queries
):
    from quartierwerk.events import services

    for e in thousand_events[:40]:
        Registration.objects.create(
            event=e, user=chair_user, name="C", email="c@test.example", status="confirmed"
        )
    token = services.issue_calendar_token(user=chair_user)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("events:personal_ics", args=[token]))
    assert response.content.count(b"BEGIN:VEVENT") >= 30


def test_api_list_costs_a_fixed_number_of_queries(
    client, quarter, thousand_events, django_assert_max_num_queries
):
    for url in (
        f"/api/v1/events/?quarter={quarter.slug}",
        f"/api/v1/events/?quarter={quarter.slug}&page=2",
        "/api/v1/events/?kind=workshop",
        f"/api/v1/events/?start={timezone.localdate()}&end={timezone.localdate() + datetime.timedelta(days=300)}",
    ):
        with django_assert_max_num_queries(5):
            response = client.get(url)
        assert response.status_code == 200, url
        body = response.json()
        assert body["items"] and len(body["items"]) <= 50
        # Only the deprecated page numbers count every date of the window.
        assert (body["count"] is not None) == ("page=" in url)


def test_event_page_with_many_dates_and_registrations(
    client, quarter, thousand_events, django_assert_max_num_queries
):
    weekly = next(e for e in thousand_events if e.recurrence == "weekly" and e.quarter_id == quarter.pk)
    with django_assert_max_num_queries(10):
        assert client.get(weekly.get_absolute_url()).status_code == 200


def test_my_lists_cost_a_fixed_number_of_queries(
    client, login_as, chair_user, session_event, members, make_event, django_assert_max_num_queries
):
    from quartierwerk.events.models import ActionItem

    ActionItem.objects.bulk_create(
        [
            ActionItem(
                quarter=session_event.quarter,
                group=session_event.group,
                event=session_event,
                title=f"Aufgabe {n}",
                assignee_person=members[0],
            )
            for n in range(60)
        ]
    )
    e = make_event("Kurs", registration_required=True)
    Registration.objects.bulk_create(
        [
            Registration(event=e, user=chair_user, name="C", email=f"c{n}@test.example", status="confirmed")
            for n in range(1)
        ]
    )
    login_as(chair_user)
    client.get(reverse("events:my_tasks"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("events:my_tasks")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("events:my_events")).status_code == 200
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/events/tasks/mine").json()
    assert body["count"] == 60 and len(body["items"]) == 50
