"""The office plans, changes, postpones and cancels events through the pages; bad input keeps what was typed."""

import pytest
from django.urls import reverse

from quartierwerk.events.models import Event, Registration, StatusChange, Venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, login_as, user_with_role):
    login_as(user_with_role("staff"))
    return client


def form_data(**extra):
    return {
        "title": "Mieterversammlung",
        "kind": "tenants_meeting",
        "topic": "housing",
        "starts_at": "2030-03-03T18:00",
        "ends_at": "2030-03-03T20:00",
        "recurrence": "none",
        "languages": ["de", "tr"],
        "is_public": "on",
        "registration_required": "on",
        "capacity": "20",
        "questions": "Essenswünsche\nKinderbetreuung benötigt?",
        **extra,
    }


def test_staff_plans_an_event_with_questions(staff_client, quarter):
    venue = Venue.objects.create(quarter=quarter, name="Saal", step_free=True)
    response = staff_client.post(
        reverse("events:event_create", args=[quarter.slug]), form_data(venue=venue.pk)
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.language_codes == ["de", "tr"] and event.capacity == 20 and event.venue == venue
    assert list(event.questions.values_list("text", flat=True)) == [
        "Essenswünsche",
        "Kinderbetreuung benötigt?",
    ]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"ends_at": "2030-03-03T17:00"}, "ends_at"),
        ({"starts_at": "gestern"}, "starts_at"),
        ({"capacity": "-3"}, "capacity"),
        ({"exception_dates": "Weihnachten"}, "exception_dates"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_input_keeps_the_form(staff_client, quarter, change, field):
    response = staff_client.post(reverse("events:event_create", args=[quarter.slug]), form_data(**change))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'value="Mieterversammlung"' in response.content.decode() or not change.get("title", True)
    assert not Event.objects.exists()


def test_venue_of_another_quarter_cannot_be_chosen(staff_client, quarter, other_quarter):
    foreign = Venue.objects.create(quarter=other_quarter, name="Fremd")
    response = staff_client.post(
        reverse("events:event_create", args=[quarter.slug]), form_data(venue=foreign.pk)
    )
    assert "venue" in response.context["form"].errors


def test_staff_postpones_and_cancels(staff_client, quarter, make_event):
    event = make_event("Hoffest", registration_required=True)
    Registration.objects.create(event=event, name="A", email="a@test.example", status="confirmed")
    base = [quarter.slug, event.pk]
    staff_client.post(
        reverse("events:event_postpone", args=base), {"postpone-reason": "Regen", "postpone-starts_at": ""}
    )
    event.refresh_from_db()
    assert event.status == "postponed" and event.sequence == 1
    staff_client.post(reverse("events:event_cancel", args=base), {"cancel-reason": ""})
    event.refresh_from_db()
    assert event.status == "postponed", "no cancellation without a reason"
    staff_client.post(reverse("events:event_cancel", args=base), {"cancel-reason": "Kein Raum"})
    event.refresh_from_db()
    assert event.status == "cancelled" and event.status_reason == "Kein Raum" and event.sequence == 2
    assert list(StatusChange.objects.values_list("to_status", flat=True)) == ["postponed", "cancelled"]
    page = staff_client.get(event.get_absolute_url()).content.decode()
    assert "Kein Raum" in page


def test_staff_edits_an_event(staff_client, quarter, public_event):
    url = reverse("events:event_edit", args=[quarter.slug, public_event.pk])
    assert 'value="Öffentliche Werkstatt"' in staff_client.get(url).content.decode()
    data = form_data(
        title="Neue Werkstatt",
        recurrence="weekly",
        recurrence_until="2030-06-01",
        exception_dates="2030-03-10, 2030-03-17",
    )
    data.pop("questions")
    assert staff_client.post(url, data).status_code == 302
    public_event.refresh_from_db()
    assert public_event.title == "Neue Werkstatt" and public_event.exception_dates == [
        "2030-03-10",
        "2030-03-17",
    ]


def test_staff_adds_a_venue_with_html_stripped(staff_client, quarter):
    response = staff_client.post(
        reverse("events:venue_create", args=[quarter.slug]),
        {
            "name": "<b>Bürgerhaus</b>",
            "address": "Markt 1",
            "lat": "51.05",
            "lon": "12.05",
            "step_free": "on",
        },
    )
    assert response.status_code == 302
    venue = Venue.objects.get()
    assert venue.name == "Bürgerhaus" and venue.step_free and venue.lat == 51.05


def test_quarter_page_and_dashboard_show_the_module(
    client, login_as, user_with_role, quarter, make_event, django_assert_max_num_queries
):
    make_event("Bald", days=3)
    make_event("Später", days=30)
    assert (
        reverse("events:calendar", args=[quarter.slug])
        in client.get(quarter.get_absolute_url()).content.decode()
    )
    login_as(user_with_role("staff"))
    from django.test import RequestFactory

    from quartierwerk.events import manifest

    request = RequestFactory().get("/")
    with django_assert_max_num_queries(2):
        panel = manifest.dashboard_panel(request, quarter)
    assert dict((label, figure) for label, figure, _url in panel.rows)["Termine in den nächsten 7 Tagen"] == 1


def test_participant_list_as_csv(client, login_as, user_with_role, make_event):
    from quartierwerk.events import services
    from quartierwerk.events.models import EventQuestion

    event = make_event("Kurs", registration_required=True, capacity=1)
    q = EventQuestion.objects.create(event=event, text="Essen")
    services.register(event=event, name="=HYPERLINK(1)", email="a@test.example", answers={str(q.pk): "vegan"})
    services.register(event=event, name="Berta", email="b@test.example")
    url = reverse("events:registrations_csv", args=[event.quarter.slug, event.pk])
    login_as(user_with_role("resident"))
    assert client.get(url).status_code == 403
    login_as(user_with_role("staff"))
    response = client.get(url)
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].endswith(";Essen")
    assert lines[1].startswith("'=HYPERLINK(1);a@test.example;") and lines[1].endswith(";vegan")
    assert lines[2].startswith("Berta;b@test.example;") and ";1;" in lines[2]


@pytest.mark.parametrize("month", ["0001-01", "99999-12", "2026-13", "abc", "2026-"])
def test_odd_month_parameters_fall_back_to_this_month(client, quarter, month):
    response = client.get(reverse("events:calendar", args=[quarter.slug]) + f"?view=month&month={month}")
    assert response.status_code == 200


def test_staff_list_shows_the_recent_past(client, login_as, user_with_role, quarter, make_event):
    make_event("Letzte Woche", days=-7)
    login_as(user_with_role("staff"))
    assert (
        "Letzte Woche" in client.get(reverse("events:staff_calendar", args=[quarter.slug])).content.decode()
    )
    assert "Letzte Woche" not in client.get(reverse("events:calendar", args=[quarter.slug])).content.decode()
