"""Registration: places, the waiting list that moves up, e-mails with .ics, cancellation by link, bad input."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, NotAllowed
from quartierwerk.core.models import OutboxMail
from quartierwerk.events import services
from quartierwerk.events.models import EventQuestion, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(make_event):
    return make_event("Werkstatt Hochbeete", registration_required=True, capacity=2)


def reg(event, n, **kw):
    return services.register(event=event, name=f"Person {n}", email=f"p{n}@test.example", **kw)


def ics_of(outbox_mail):
    att = [a for a in outbox_mail.attachments if a["filename"] == "termin.ics"]
    assert att and att[0]["content_type"] == "text/calendar"
    import base64

    return Calendar.from_ical(base64.b64decode(att[0]["content_b64"]))


def test_places_then_waiting_list_in_order(workshop):
    statuses = [reg(workshop, n) for n in range(5)]
    assert [r.status for r in statuses] == ["confirmed", "confirmed", "waiting", "waiting", "waiting"]
    assert [r.waiting_position for r in statuses[2:]] == [1, 2, 3]
    mails = OutboxMail.objects.order_by("pk")
    assert mails.count() == 5
    assert "Waiting list" in mails[2].subject or "Warteliste" in mails[2].subject
    cal = ics_of(mails[0])
    vevent = cal.walk("VEVENT")[0]
    assert str(vevent["UID"]) == f"event-{workshop.pk}@127.0.0.1"
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"


def test_cancelling_a_place_moves_the_first_waiting_person_up_and_mails_them(workshop):
    a, _b, c, d = (reg(workshop, n) for n in range(4))
    OutboxMail.objects.all().delete()
    services.cancel_registration(registration=a)
    c.refresh_from_db()
    d.refresh_from_db()
    assert c.status == Registration.Status.CONFIRMED and c.waiting_position is None and c.moved_up_at
    assert d.status == Registration.Status.WAITING
    moved = OutboxMail.objects.get()
    assert moved.to == [c.email]
    assert ics_of(moved).walk("VEVENT")[0]["SUMMARY"] == workshop.title
    assert Registration.objects.filter(event=workshop, status="confirmed").count() == 2


def test_leaving_the_waiting_list_moves_nobody_up(workshop):
    regs = [reg(workshop, n) for n in range(3)]
    services.cancel_registration(registration=regs[2])
    assert Registration.objects.filter(event=workshop, status="confirmed").count() == 2
    with pytest.raises(InvalidTransition):
        services.cancel_registration(registration=regs[2])


def test_more_places_move_people_up(workshop, user_with_role):
    for n in range(4):
        reg(workshop, n)
    services.change_capacity(by=user_with_role("staff"), event=workshop, capacity=4)
    assert Registration.objects.filter(event=workshop, status="confirmed").count() == 4


def test_same_email_twice_is_refused_clearly(workshop):
    reg(workshop, 1)
    with pytest.raises(Conflict, match="bereits angemeldet"):
        services.register(event=workshop, name="Again", email="P1@Test.example ")
    assert Registration.objects.count() == 1


def test_after_cancelling_one_may_register_again(workshop):
    r = reg(workshop, 1)
    services.cancel_registration(registration=r)
    assert reg(workshop, 1).status == "confirmed"


@pytest.mark.parametrize(
    "name, email, message",
    [
        ("", "a@test.example", "name"),
        ("Anna", "not-an-email", "email"),
        ("<b></b>", "a@test.example", "name"),
    ],
)
def test_bad_input_is_refused(workshop, name, email, message):
    with pytest.raises(DomainError) as refused:
        services.register(event=workshop, name=name, email=email)
    assert refused.value.field == message and str(refused.value)
    assert not Registration.objects.exists()


def test_html_in_name_and_answers_is_stripped(workshop):
    q = EventQuestion.objects.create(event=workshop, text="Essenswünsche", required=True)
    r = services.register(
        event=workshop,
        name="<script>alert(1)</script>Anna <b>K</b>",
        email="anna@test.example",
        answers={str(q.pk): "<img src=x onerror=alert(1)>vegetarisch"},
    )
    assert r.name == "Anna K"
    assert r.answers == {str(q.pk): "vegetarisch"}


def test_required_question_must_be_answered(workshop):
    EventQuestion.objects.create(event=workshop, text="Essenswünsche", required=True)
    with pytest.raises(DomainError, match="Essenswünsche"):
        reg(workshop, 1)


def test_closed_registration(make_event, user_with_role):
    past = make_event("Vorbei", days=-3, registration_required=True)
    with pytest.raises(InvalidTransition):
        reg(past, 1)
    deadline = make_event(
        "Frist",
        registration_required=True,
        registration_deadline=timezone.now() - datetime.timedelta(hours=1),
    )
    with pytest.raises(InvalidTransition):
        reg(deadline, 1)
    no_reg = make_event("Ohne Anmeldung")
    with pytest.raises(InvalidTransition):
        reg(no_reg, 1)
    cancelled = make_event("Abgesagt", registration_required=True)
    services.cancel_event(by=user_with_role("staff"), event=cancelled, reason="Krankheit")
    with pytest.raises(InvalidTransition):
        reg(cancelled, 1)


def test_internal_event_refuses_strangers(make_event):
    internal = make_event("Intern", registration_required=True, is_public=False)
    with pytest.raises(NotAllowed):
        reg(internal, 1)


def test_register_through_the_page_and_cancel_by_link(client, workshop):
    url = workshop.get_absolute_url()
    response = client.post(url, {"name": "Anna", "email": "anna@test.example", "consent": "on"})
    assert response.status_code == 302
    r = Registration.objects.get()
    assert r.status == "confirmed"
    body = OutboxMail.objects.get().body
    import re

    path = re.search(r"https?://[^/]+(/events/cancel/[^/\s]+/)", body).group(1)
    page = client.get(path)
    assert page.status_code == 200 and "Anna" in page.content.decode()
    r.refresh_from_db()
    assert r.status == "confirmed", "opening the link alone cancels nothing"
    client.post(path)
    r.refresh_from_db()
    assert r.status == "cancelled"


def test_tampered_cancel_link_is_refused(client, workshop):
    r = reg(workshop, 1)
    token = services.cancel_token(r)
    response = client.get(reverse("events:cancel_registration", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    client.post(reverse("events:cancel_registration", args=[token[:-2] + "xx"]))
    r.refresh_from_db()
    assert r.status == "confirmed"


def test_page_shows_errors_and_keeps_input(client, workshop):
    response = client.post(
        workshop.get_absolute_url(), {"name": "Anna <i>X</i>", "email": "kaputt", "consent": "on"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Anna &lt;i&gt;X&lt;/i&gt;"' in html
    assert "kern-form-input--error" in html and 'aria-invalid="true"' in html
    assert not Registration.objects.exists()


def test_full_event_page_offers_the_waiting_list(client, workshop):
    reg(workshop, 1)
    reg(workshop, 2)
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "waiting list" in html.lower() or "warteliste" in html.lower()
    client.post(
        workshop.get_absolute_url(), {"name": "Chris", "email": "chris@test.example", "consent": "on"}
    )
    assert Registration.objects.get(email="chris@test.example").waiting_position == 1


def test_answers_are_deleted_after_the_event_by_the_scheduled_job(make_event):
    from quartierwerk.events import manifest

    event = make_event("Bald", registration_required=True)
    q = EventQuestion.objects.create(event=event, text="Essen")
    r = services.register(event=event, name="A", email="a@test.example", answers={str(q.pk): "vegan"})
    manifest.run_scheduled()
    r.refresh_from_db()
    assert r.answers == {str(q.pk): "vegan"}, "kept while the event is ahead"
    later = event.ends_at + datetime.timedelta(hours=1)
    assert services.delete_answers_after_events(now=later) == 1
    r.refresh_from_db()
    assert r.answers == {}
    assert r.name == "A", "the registration itself stays for the office's records"


def test_reminder_is_sent_once_with_ics(make_event):
    event = make_event("Morgen", days=1, registration_required=True)
    reg(event, 1)
    OutboxMail.objects.all().delete()
    now = event.starts_at - datetime.timedelta(hours=20)
    assert services.send_event_reminders(now=now) == 1
    assert services.send_event_reminders(now=now) == 0
    reminder = OutboxMail.objects.get()
    assert reminder.to == ["p1@test.example"]
    assert ics_of(reminder).walk("VEVENT")[0]["SUMMARY"] == "Morgen"


def test_cancelling_an_event_tells_registrants_with_a_cancelled_ics(workshop, user_with_role):
    reg(workshop, 1)
    OutboxMail.objects.all().delete()
    services.cancel_event(by=user_with_role("staff"), event=workshop, reason="Raum nicht verfügbar")
    sent = OutboxMail.objects.get()
    vevent = ics_of(sent).walk("VEVENT")[0]
    assert vevent["STATUS"] == "CANCELLED" and int(vevent["SEQUENCE"]) == 1
    assert "Raum nicht verfügbar" in sent.body


def test_answers_of_a_weekly_event_are_deleted_once_the_series_is_over(make_event):
    event = make_event(
        "Kurs",
        registration_required=True,
        recurrence="weekly",
        recurrence_until=timezone.localdate() + datetime.timedelta(days=30),
    )
    q = EventQuestion.objects.create(event=event, text="Essen")
    r = services.register(event=event, name="A", email="a@test.example", answers={str(q.pk): "vegan"})
    assert services.delete_answers_after_events(now=timezone.now() + datetime.timedelta(days=10)) == 0
    assert services.delete_answers_after_events(now=timezone.now() + datetime.timedelta(days=32)) == 1
    r.refresh_from_db()
    assert r.answers == {}


def test_logged_in_person_sees_their_registration_and_can_cancel_it(
    client, login_as, user_with_role, workshop
):
    user = user_with_role("resident")
    reg(workshop, 1)
    reg(workshop, 2)
    login_as(user)
    client.post(workshop.get_absolute_url(), {"name": "Rita", "email": user.email, "consent": "on"})
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "Nummer 1 auf der Warteliste" in html
    import re

    path = re.search(r'href="(/events/cancel/[^"]+/)"', html).group(1)
    client.post(path)
    assert Registration.objects.get(email=user.email).status == "cancelled"
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "Auf die Warteliste setzen" in html
