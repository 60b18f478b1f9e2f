"""The demo tells one consistent story per quarter, dated from today (which QW_TODAY pins)."""

import datetime

import pytest
from django.utils import timezone

from quartierwerk.core import clock, demo


@pytest.mark.parametrize(
    "day, festival",
    [
        (datetime.date(2026, 12, 4), datetime.date(2027, 7, 3)),
        (datetime.date(2026, 3, 10), datetime.date(2026, 7, 4)),
        (datetime.date(2026, 7, 1), datetime.date(2026, 7, 18)),
    ],
)
def test_the_summer_festival_lies_in_summer(day, festival):
    assert clock.next_summer_day(day) == festival


def test_demo_is_dated_from_the_pinned_today(db, settings):
    settings.QW_TODAY = "2026-03-10"
    assert clock.today() == datetime.date(2026, 3, 10)
    demo.load()
    from quartierwerk.actors.models import Group
    from quartierwerk.events.models import Event
    from quartierwerk.fund.models import Application, AwardSession

    festival = Event.objects.filter(title="Kultursommer im Quartier").first()
    assert timezone.localtime(festival.starts_at).month == 7
    assert Group.objects.filter(quarter__slug="gruenau", name="Quartiersrat Grünau").count() == 1
    party = Application.objects.get(title="Hoffest Stuttgarter Allee")
    assert party.status == "closed" and party.end_date < datetime.date(2026, 3, 10)
    assert party.start_date == party.end_date  # a one-day party, not one from December to January
    assert AwardSession.objects.get(fund__quarter__slug="gruenau").date == datetime.date(2026, 3, 24)
