"""The pages of the pool in every interface language, their fixed query cost, iCal feeds and the API."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartierwerk.core.models import OutboxMail
from quartierwerk.resources import services
from quartierwerk.resources.models import Booking, Resource, Timeframe

from .conftest import at, next_weekday

pytestmark = pytest.mark.django_db
LANGUAGES = ["de", "en", "ar", "uk", "tr"]


def _get(client, url, language="de"):
    client.cookies["django_language"] = language
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def _queries(client, url) -> int:
    _get(client, url)
    with CaptureQueriesContext(connection) as ctx:
        _get(client, url)
    return len(ctx.captured_queries)


def _more_resources(quarter, owner_org, n):
    for i in range(n):
        r = Resource.objects.create(quarter=quarter, owner=owner_org, kind="equipment", name=f"Gerät {i}")
        Timeframe.objects.create(
            resource=r, weekdays="012", opens_at=datetime.time(9), closes_at=datetime.time(17)
        )


def _more_bookings(resource, user, n, first_day, offset=0):
    for i in range(offset, offset + n):
        start = at(first_day + datetime.timedelta(days=i % 10), 8) + datetime.timedelta(
            minutes=40 * (i // 10)
        )
        Booking.objects.create(
            resource=resource,
            quarter=resource.quarter,
            booker=user,
            organisation=None,
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=20),
            blocked_until=start + datetime.timedelta(minutes=30),
            status=Booking.Status.APPROVED,
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_answers_in_every_language(
    language, client, login_as, quarter, bike, office_hours, booker, owner, user_with_role
):
    day = next_weekday(2)
    services.book(resource=bike, user=booker, starts_at=at(day, 10), ends_at=at(day, 12), accept_terms=True)
    words = {"de": "Ressourcenpool", "en": "Resource pool", "ar": "مجمع", "uk": "Пул", "tr": "havuz"}
    html = _get(client, reverse("resources:list", args=[quarter.slug]), language)
    assert words[language].lower() in html.lower()
    _get(client, bike.get_absolute_url(), language)
    _get(client, reverse("resources:office_hours", args=[quarter.slug, office_hours.pk]), language)
    login_as(booker)
    _get(client, reverse("resources:my_bookings"), language)
    login_as(owner)
    assert "Lastenrad Emma" in _get(client, reverse("resources:requests", args=[quarter.slug]), language)
    login_as(user_with_role("staff"))
    _get(client, reverse("resources:appointments", args=[quarter.slug]), language)
    _get(client, reverse("resources:offer", args=[quarter.slug]), language)


def test_search_costs_the_same_for_3_and_30_resources(client, quarter, owner_org, bike):
    url = reverse("resources:list", args=[quarter.slug]) + f"?kind=equipment&day={next_weekday(2)}&place="
    _more_resources(quarter, owner_org, 2)
    few = _queries(client, url)
    _more_resources(quarter, owner_org, 27)
    assert _queries(client, url) == few
    assert "Gerät 26" in _get(client, url)


def test_the_calendar_costs_the_same_for_3_and_30_bookings(client, bike, booker):
    first = next_weekday(0)
    _more_bookings(bike, booker, 3, first)
    url = bike.get_absolute_url() + f"?from={first}"
    few = _queries(client, url)
    _more_bookings(bike, booker, 27, first, offset=3)
    assert _queries(client, url) == few


def test_the_office_hours_in_three_steps_without_an_account(client, quarter, office_hours):
    url = reverse("resources:office_hours", args=[quarter.slug, office_hours.pk])
    html = _get(client, url)
    assert "10:20" in html
    start = services.free_slots(office_hours, next_weekday(1))[1]
    book = reverse("resources:appointment", args=[quarter.slug, office_hours.pk])
    response = client.post(
        book + f"?start={start.isoformat()}",
        {
            "start": start.isoformat(),
            "name": "Olena Koval",
            "email": "olena@example.org",
            "language": "Ukrainisch",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "30" in _get(client, response["Location"])
    mail = OutboxMail.objects.get(purpose="resources.appointment_confirm")
    link = next(line for line in mail.body.splitlines() if "/confirm/" in line)
    path = link[link.index("/resources/") :]
    assert client.get(path).status_code == 200  # opening the link confirms nothing yet
    assert Booking.objects.get().status == Booking.Status.UNCONFIRMED
    client.cookies["django_language"] = "en"
    assert "is confirmed" in client.post(path).content.decode()
    assert Booking.objects.get().status == Booking.Status.APPROVED
    # The same slot again: refused with a clear message.
    again = client.post(book, {"start": start.isoformat(), "name": "B", "phone": "0341 1"})
    assert again.status_code == 200 and "booked by someone else" in again.content.decode()
    assert Booking.objects.count() == 1


def test_an_association_books_the_bike_through_the_page_and_the_owner_approves(
    client, login_as, bike, booker, booker_org, owner
):
    day = next_weekday(2)
    login_as(booker)
    response = client.post(
        bike.get_absolute_url(),
        {
            "starts_on": day.isoformat(),
            "starts_time": "10:00",
            "ends_on": day.isoformat(),
            "ends_time": "12:00",
            "organisation": booker_org.pk,
            "accept_terms": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    booking = Booking.objects.get()
    assert booking.organisation == booker_org and booking.status == Booking.Status.REQUESTED
    login_as(owner)
    client.post(reverse("resources:booking_action", args=[booking.pk, "approve"]))
    booking.refresh_from_db()
    client.post(
        reverse("resources:booking_action", args=[booking.pk, "hand_over"]), {"code": booking.pickup_code}
    )
    client.post(
        reverse("resources:booking_action", args=[booking.pk, "take_back"]), {"condition_note": "gut"}
    )
    booking.refresh_from_db()
    assert booking.status == Booking.Status.RETURNED and booking.condition_note == "gut"


def test_the_bookers_private_feed_lists_their_bookings(client, login_as, bike, booker):
    day = next_weekday(2)
    services.book(resource=bike, user=booker, starts_at=at(day, 10), ends_at=at(day, 12), accept_terms=True)
    login_as(booker)
    html = _get(client, reverse("resources:my_bookings"))
    feed = re.search(r"/resources/my/[^/\"]+/calendar\.ics", html).group(0)
    client.logout()
    ics = client.get(feed).content.decode()
    assert "Lastenrad Emma" in ics and "TENTATIVE" in ics
    assert client.get("/resources/my/forged/calendar.ics").status_code == 404


def test_the_api_searches_books_and_refuses_a_double_booking(client, login_as, quarter, bike, booker, owner):
    found = client.get(f"/api/v1/resources/resources?quarter={quarter.slug}&kind=equipment").json()
    assert [r["name"] for r in found] == ["Lastenrad Emma"]
    login_as(booker)
    day = next_weekday(2)
    body = {"starts_at": at(day, 10).isoformat(), "ends_at": at(day, 12).isoformat(), "accept_terms": True}
    first = client.post(
        f"/api/v1/resources/resources/{bike.pk}/bookings", body, content_type="application/json"
    )
    assert first.status_code == 201 and first.json()["status"] == "requested"
    login_as(owner)
    second = client.post(
        f"/api/v1/resources/resources/{bike.pk}/bookings", body, content_type="application/json"
    )
    assert second.status_code == 409 and "von jemand anderem gebucht" in second.json()["detail"]
    approved = client.post(
        f"/api/v1/resources/bookings/{first.json()['id']}/approve", {}, content_type="application/json"
    )
    assert approved.json()["status"] == "approved" and approved.json()["pickup_code"] == ""
