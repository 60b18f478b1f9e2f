"""30 people register at once for the last 5 places: exactly 5 get one, 25 wait in order, nothing is lost."""

import pytest
from django.db import connection

from quartierwerk.core.models import OutboxMail
from quartierwerk.events import services
from quartierwerk.events.models import Registration
from tests.conftest import run_concurrently


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_people_at_once_for_the_last_five_places(make_event):
    assert connection.vendor == "postgresql"
    event = make_event("Stadtteilwerkstatt", registration_required=True, capacity=10)
    for n in range(5):
        services.register(event=event, name=f"Früh {n}", email=f"early{n}@test.example")

    def register(n):
        return services.register(event=event, name=f"Person {n}", email=f"late{n}@test.example").pk

    results = run_concurrently(register, [(n,) for n in range(30)])
    errors = [exc for _result, exc in results if exc is not None]
    assert errors == []
    late = Registration.objects.filter(email__startswith="late")
    assert late.count() == 30, "nothing lost"
    assert Registration.objects.filter(event=event, status="confirmed").count() == 10
    waiting = list(late.filter(status="waiting").order_by("waiting_position"))
    assert len(waiting) == 25
    assert [r.waiting_position for r in waiting] == list(range(1, 26))
    # Order of the waiting list is the order in which the registrations were committed.
    assert [r.pk for r in waiting] == sorted(r.pk for r in waiting)
    assert OutboxMail.objects.filter(to__icontains="late").count() == 30


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_cancellations_and_registrations_at_once_keep_capacity(make_event):
    event = make_event("Hoffest", registration_required=True, capacity=5)
    first = [services.register(event=event, name=f"A{n}", email=f"a{n}@test.example") for n in range(8)]

    def act(kind, n):
        if kind == "cancel":
            return services.cancel_registration(registration=first[n]).pk
        return services.register(event=event, name=f"B{n}", email=f"b{n}@test.example").pk

    results = run_concurrently(act, [("cancel", n) for n in range(3)] + [("register", n) for n in range(6)])
    assert [exc for _r, exc in results if exc is not None] == []
    assert Registration.objects.filter(event=event, status="confirmed").count() == 5
    positions = list(
        Registration.objects.filter(event=event, status="waiting").values_list("waiting_position", flat=True)
    )
    assert len(positions) == len(set(positions)) == 8 + 6 - 3 - 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_reminder_job_twice_at_once_sends_one_reminder(make_event):
    import datetime

    event = make_event("Morgen", days=1, registration_required=True)
    services.register(event=event, name="Eine", email="eine@test.example")
    OutboxMail.objects.all().delete()
    now = event.starts_at - datetime.timedelta(hours=20)
    results = run_concurrently(lambda: services.send_event_reminders(now=now), [(), ()])
    assert [exc for _r, exc in results if exc is not None] == []
    assert sorted(r for r, _exc in results) == [0, 1]
    assert OutboxMail.objects.count() == 1
