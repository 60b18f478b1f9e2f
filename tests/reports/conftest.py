"""Fixtures of the reports tests: categories with routing, reports in bulk, photos with GPS data."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from quartierwerk.core import mapgrid
from quartierwerk.reports.models import (
    Category,
    CategoryAttribute,
    Report,
    ResponsibleBody,
    RoutingRule,
)

# A point inside the `quarter` fixture's square (12.0–12.1 E, 51.0–51.1 N).
LAT, LON = 51.05, 12.05


@pytest.fixture
def body(city):
    return ResponsibleBody.objects.create(
        city=city, name="Tiefbauamt", email="tiefbau@test.example", response_days=10
    )


@pytest.fixture
def category(db, city, body):
    category = Category.objects.create(code="streetlight", name="Straßenbeleuchtung", group="Straße")
    RoutingRule.objects.create(category=category, city=city, body=body)
    return category


@pytest.fixture
def rubbish(db):
    category = Category.objects.create(code="rubbish", name="Müll", group="Sauberkeit")
    CategoryAttribute.objects.create(
        category=category,
        code="rubbish_type",
        description="Was liegt dort?",
        datatype="singlevaluelist",
        required=True,
        order=1,
        values=[{"key": "bulky", "name": "Sperrmüll"}, {"key": "bags", "name": "Säcke"}],
    )
    CategoryAttribute.objects.create(
        category=category,
        code="amount",
        description="Wie viele Säcke?",
        datatype="number",
        order=2,
    )
    return category


@pytest.fixture
def make_report(quarter, category):
    def make(**kwargs):
        defaults = {
            "quarter": quarter,
            "category": category,
            "description": "Laterne kaputt",
            "lat": LAT,
            "lon": LON,
            "reporter_name": "Erika Muster",
            "reporter_email": "erika@test.example",
            "reporter_phone": "0341 123",
        }
        defaults.update(kwargs)
        return Report.objects.create(**defaults)

    return make


@pytest.fixture
def report(make_report):
    return make_report()


@pytest.fixture
def make_reports(quarter, category, rubbish):
    """Bulk-insert n reports spread over categories, statuses and the last year."""

    def make(n, target_quarter=None):
        now = timezone.now()
        statuses = [s for s, _ in Report.Status.choices]
        rows = [
            Report(
                quarter=target_quarter or quarter,
                category=category if i % 2 else rubbish,
                status=statuses[i % len(statuses)],
                description=f"Meldung Nummer {i}",
                lat=LAT + (i % 50) * 0.0001,
                lon=LON + (i % 37) * 0.0001,
                created_at=now - timedelta(hours=i),
                updated_at=now - timedelta(hours=i),
                due_at=now - timedelta(days=1) if i % 7 == 0 else None,
            )
            for i in range(n)
        ]
        for row in rows:
            mapgrid.set_cells(row)  # bulk_create skips save(), where the map grid is filled
        return Report.objects.bulk_create(rows)

    return make


def jpeg_with_gps(name="lampe.jpg") -> SimpleUploadedFile:
    """A JPEG carrying EXIF GPS coordinates, as a phone would write it."""
    img = Image.new("RGB", (64, 48), (200, 180, 40))
    exif = Image.Exif()
    gps = {1: "N", 2: (51.0, 3.0, 0.0), 3: "E", 4: (12.0, 3.0, 0.0)}
    exif[0x8825] = gps
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png_file(name="bild.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 200)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def html_as_jpg(name="foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", content_type="image/jpeg"
    )


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages are asserted in English (the msgids); pages set their own language per request."""
    from django.utils import translation

    with translation.override("en"):
        yield


def confirm_support_by_mail(email: str):
    """Follow the confirmation link the support mail sent to `email` carries (as the person would)."""
    import re

    from quartierwerk.core.models import OutboxMail
    from quartierwerk.reports import services

    mails = OutboxMail.objects.filter(purpose="reports.support_confirm").order_by("-pk")
    mail = next(m for m in mails if email in m.to)
    token = re.search(r"/reports/support/([^/\s]+)/", mail.body).group(1)
    return services.confirm_support(token)
