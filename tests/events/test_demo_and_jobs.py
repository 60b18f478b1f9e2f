"""Demo data is idempotent and invented; the scheduled job runs through manage.py."""

from io import StringIO

import pytest
from django.core.management import call_command

from quartierwerk.events.models import ActionItem, Event, Registration

pytestmark = pytest.mark.django_db


def test_demo_events_load_twice_without_duplicates():
    from quartierwerk.core import demo

    demo.load()
    counts = (Event.objects.count(), Registration.objects.count(), ActionItem.objects.count())
    demo.load()
    assert (Event.objects.count(), Registration.objects.count(), ActionItem.objects.count()) == counts
    assert Event.objects.filter(quarter__isnull=False).values("quarter").distinct().count() == 5
    weekly = Event.objects.filter(recurrence="weekly")
    assert weekly.count() == 5 and all(e.exception_dates for e in weekly)
    assert Event.objects.filter(is_public=False, group__isnull=False).exists()
    emails = set(Registration.objects.values_list("email", flat=True))
    assert all(e.endswith("@demo.quartierwerk.example") for e in emails)


def test_run_scheduled_reports_the_events_jobs():
    out = StringIO()
    call_command("run_scheduled", stdout=out)
    assert "events: 0 event reminders, 0 task reminders, 0 session reminders" in out.getvalue()
