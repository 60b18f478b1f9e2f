"""Strings that are not one e-mail address are refused where they enter (API schemas and services), and
the outbox never puts a line break or a second address into a header, nor retries such a mail."""

import json

import pytest
from django.core import mail

from quartierwerk.core import mail as outbox
from quartierwerk.core.errors import DomainError
from quartierwerk.core.models import OutboxMail
from quartierwerk.core.text import clean_email, is_email

pytestmark = pytest.mark.django_db

INJECTION = "a@b.de\nBcc: x@y.de"
NOT_ADDRESSES = [INJECTION, "a@b.de\r\nBcc: x@y.de", "a@b.de, x@y.de", "kein-at", "a@b.de\u0000", "a @b.de"]


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("value", NOT_ADDRESSES)
def test_the_core_check_refuses_what_is_not_one_address(value):
    assert not is_email(value)
    with pytest.raises(DomainError):
        clean_email(value)


def test_the_core_check_keeps_an_address():
    assert clean_email("  Ute.Sommer@Example.org ") == "ute.sommer@example.org"
    assert clean_email("") == ""
    with pytest.raises(DomainError):
        clean_email("", required=True)


def test_report_api_refuses_an_injected_address(client, quarter):
    from quartierwerk.reports.models import Category, Report

    Category.objects.create(code="streetlight", name="Straßenbeleuchtung", group="Straße")
    r = post(
        client,
        "/api/v1/reports/",
        {
            "quarter": quarter.slug,
            "category": "streetlight",
            "description": "Laterne",
            "no_place": True,
            "email": INJECTION,
        },
    )
    assert r.status_code == 422
    assert Report.objects.count() == 0 and OutboxMail.objects.count() == 0


def test_report_service_refuses_an_injected_address(quarter):
    from quartierwerk.reports import services
    from quartierwerk.reports.models import Category, Report

    category = Category.objects.create(code="streetlight", name="Straßenbeleuchtung", group="Straße")
    with pytest.raises(DomainError) as caught:
        services.create_report(
            quarter=quarter, category=category, description="Laterne", no_place=True, email=INJECTION
        )
    assert caught.value.field == "email"
    assert Report.objects.count() == 0


def test_event_registration_api_refuses_an_injected_address(client, quarter):
    from quartierwerk.events.models import Event
    from tests.events.conftest import at

    event = Event.objects.create(
        quarter=quarter,
        city=quarter.city,
        title="Kurs",
        starts_at=at(3),
        ends_at=at(3, 20),
        registration_required=True,
    )
    r = post(client, f"/api/v1/events/{event.pk}/registrations", {"name": "Ana", "email": INJECTION})
    assert r.status_code == 422
    assert event.registrations.count() == 0 and OutboxMail.objects.count() == 0


def test_the_outbox_refuses_header_injection(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        refused = outbox.queue_mail(INJECTION, "Betreff", "Text")
        mixed = outbox.queue_mail(
            ["ute@example.org", INJECTION], "Betreff\nBcc: x@y.de", "Text", reply_to=INJECTION
        )
    refused.refresh_from_db()
    mixed.refresh_from_db()
    assert refused.status == OutboxMail.Status.FAILED and refused.attempts == 0
    assert mixed.status == OutboxMail.Status.SENT and mixed.to == ["ute@example.org"]
    assert mixed.reply_to == "" and mixed.subject == "Betreff Bcc: x@y.de"
    assert [m.to for m in mail.outbox] == [["ute@example.org"]]


def test_an_old_pending_mail_to_a_bad_address_fails_at_once_instead_of_ten_retries():
    old = OutboxMail.objects.create(to=[INJECTION], subject="Betreff", body="Text")
    assert outbox.deliver(old.pk) is False
    old.refresh_from_db()
    assert old.status == OutboxMail.Status.FAILED and old.attempts == 1
    assert mail.outbox == []


def test_an_open311_key_with_an_injected_contact_address_is_refused(quarter, user_with_role):
    from quartierwerk.reports import services
    from quartierwerk.reports.models import ApiClient

    with pytest.raises(DomainError) as caught:
        services.create_api_client(
            quarter=quarter, name="App", by=user_with_role("staff"), contact_email=INJECTION
        )
    assert caught.value.field == "contact_email"
    assert not ApiClient.objects.exists()
