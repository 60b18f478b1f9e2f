"""Fixtures of the insights tests: a quarter with a little of every module's data in this year."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from quartierwerk.core import clock
from quartierwerk.insights.models import ContactLogEntry, FieldOfAction, TimeEntry
from quartierwerk.reports.models import Category, Report

LAT, LON = 51.05, 12.05


def make_reports(quarter, n: int, *, solved_days: int | None = 4) -> list[Report]:
    category, _created = Category.objects.get_or_create(
        city=quarter.city, code=f"lamp-{quarter.city_id}", defaults={"name": "Straßenlaterne"}
    )
    now = timezone.now()
    made = []
    for i in range(n):
        created = now - datetime.timedelta(days=solved_days or 1)
        report = Report.objects.create(
            quarter=quarter,
            category=category,
            description=f"Meldung {i}",
            lat=LAT,
            lon=LON,
            status=Report.Status.SOLVED if solved_days else Report.Status.OPEN,
            solved_at=now if solved_days else None,
        )
        Report.objects.filter(pk=report.pk).update(created_at=created)
        made.append(report)
    return made


def make_contacts(quarter, n: int, **extra) -> None:
    ContactLogEntry.objects.bulk_create(
        ContactLogEntry(quarter=quarter, topic=extra.get("topic", "housing"), day=clock.today())
        for _i in range(n)
    )


def make_time(quarter, hours=("2.5", "3")) -> FieldOfAction:
    field = FieldOfAction.objects.create(quarter=quarter, title="Wohnen")
    for h in hours:
        TimeEntry.objects.create(quarter=quarter, field=field, hours=Decimal(h))
    return field


@pytest.fixture
def year():
    return clock.today().year
