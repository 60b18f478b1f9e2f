"""The reports start page shows each group once; the reporter is asked "fixed?" only when it is time."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quartierwerk.reports.models import Category, Report


@pytest.mark.django_db
def test_each_group_heading_appears_once(client, quarter, category):
    Category.objects.create(code="pothole", name="Schlagloch", group="Sauberkeit", position=0)
    Category.objects.create(code="sign", name="Verkehrsschild", group="Straße", position=5)
    page = client.get(reverse("reports:start", args=[quarter.slug])).content.decode()
    assert page.count("<h3>Straße</h3>") == 1 and page.count("<h3>Sauberkeit</h3>") == 1


def test_reporter_is_not_asked_whether_it_is_fixed_seconds_after_reporting(client, make_report):
    report = make_report()
    url = reverse("reports:follow", args=[report.follow_token])
    assert "Ist es inzwischen behoben?" not in client.get(url).content.decode()
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - datetime.timedelta(days=60))
    assert "Ist es inzwischen behoben?" in client.get(url).content.decode()
