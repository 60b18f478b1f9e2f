"""A restriction (Art. 18) or objection (Art. 21) in force keeps the person's name, address and answers out of
the participants' export; the seat is still counted, and lifting the restriction brings them back."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from quartierwerk.core import services as core_services
from quartierwerk.core.models import ProcessingRestriction
from quartierwerk.events import services
from quartierwerk.events.models import EventQuestion

pytestmark = pytest.mark.django_db


def restrict(by, quarter, email, kind):
    return core_services.log_subject_request(
        by=by,
        quarter=quarter,
        kind=kind,
        channel="letter",
        subject_name="Rita Rückzug",
        subject_email=email,
        received_on=timezone.localdate(),
        identity_check="id_document",
    )


def rows(client, event):
    response = client.get(reverse("events:registrations_csv", args=[event.quarter.slug, event.pk]))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1:]


@pytest.mark.parametrize("kind", ["restriction", "objection"])
def test_restricted_participant_is_not_named_in_the_registrations_csv(
    kind, client, login_as, user_with_role, make_event, quarter
):
    event = make_event("Kurs", registration_required=True, capacity=5)
    question = EventQuestion.objects.create(event=event, text="Essen?")
    services.register(
        event=event,
        name="Rita Rückzug",
        email="Rita@Example.org",
        answers={str(question.pk): "vegan, Allergie"},
    )
    services.register(
        event=event, name="Otto Offen", email="otto@example.org", answers={str(question.pk): "ja"}
    )
    staff = user_with_role("staff")
    login_as(staff)
    assert len(rows(client, event)) == 2 and "Rita Rückzug" in str(rows(client, event))

    restrict(staff, quarter, "rita@example.org", kind)
    listed = rows(client, event)
    text = str(listed)
    assert len(listed) == 2  # the seat still counts
    assert "Rita" not in text and "rita@example.org" not in text.lower() and "Allergie" not in text
    assert "Otto Offen" in text and "Art. 18/21" in text

    ProcessingRestriction.objects.update(lifted_on=timezone.localdate())
    assert "Rita Rückzug" in str(rows(client, event))
