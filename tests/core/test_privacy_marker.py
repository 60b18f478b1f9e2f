"""One person's e-mail, name and phone number go through the modules; export finds them, erasure removes them."""

import base64
import io
import json
import zipfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from quartierwerk.actors.models import Consent, Person
from quartierwerk.core import audit, privacy_services
from quartierwerk.core.mail import queue_mail
from quartierwerk.core.models import AuditEntry, OutboxMail
from quartierwerk.core.privacy_services.scrub import attachment_text
from quartierwerk.events.models import Event, Registration
from quartierwerk.fund import services as fund_services
from quartierwerk.fund.models import Fund, Round
from quartierwerk.reports.models import Category, Report, ReportPhoto, Support

EMAIL = "zora.markerfeld@test.example"
NAME = "Zora Markerfeld"
PHONE = "0341 9876 5432"
MARKERS = (EMAIL, NAME, PHONE)


def _pdf(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>Bescheid für {text}</p>").write_pdf()


@pytest.fixture
def person_everywhere(quarter, user_with_role):
    """The marker person in reports, fund, events, directory, mails, logs and the task queue."""
    staff = user_with_role("staff")
    category = Category.objects.create(code="streetlight", name="Straßenbeleuchtung", group="Straße")
    report = Report.objects.create(
        quarter=quarter,
        category=category,
        description=f"Laterne kaputt, Grüße {NAME}",
        lat=51.05,
        lon=12.05,
        reporter_name=NAME,
        reporter_email=EMAIL,
        reporter_phone=PHONE,
    )
    ReportPhoto.objects.create(
        report=report, image=ContentFile(b"\xff\xd8\xff", name="lampe.jpg"), original_name="zora.jpg"
    )
    other = Report.objects.create(
        quarter=quarter, category=category, description="Bank kaputt", lat=51.05, lon=12.05
    )
    Support.objects.create(report=other, email=EMAIL)
    fund = Fund.objects.create(
        quarter=quarter,
        year=timezone.localdate().year,
        budget=Decimal("1000.00"),
        max_per_application=Decimal("500.00"),
    )
    Round.objects.create(fund=fund, name="Runde 1", deadline=timezone.localdate() + timedelta(days=30))
    application, _token = fund_services.start_application(
        fund=fund, applicant_name=NAME, email=EMAIL, applicant_kind="private", organisation_name=""
    )
    fund_services.update_application(
        application=application,
        data={
            "title": "Hoffest",
            "summary": f"Ein Fest, Kontakt {PHONE}",
            "benefit": "Nachbarn",
            "phone": PHONE,
            "own_contribution": "0",
            "is_of_age": True,
        },
        cost_items=[("Zelt", "100.00")],
    )
    application = fund_services.submit_application(application=application, consent=True)
    audit.record(staff, "fund.note", application, text=f"Rückruf an {NAME}")
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        city=quarter.city,
        quarter=quarter,
        title="Hoffest",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    Registration.objects.create(
        event=event, name=NAME, email=EMAIL, status="confirmed", answers={"1": f"vegetarisch, {PHONE}"}
    )
    person = Person.objects.create(
        quarter=quarter, first_name="Zora", last_name="Markerfeld", email=EMAIL, phone=PHONE
    )
    Consent.objects.create(person=person, basis="consent", text=f"Einwilligung {NAME}", source="form")
    queue_mail(
        EMAIL,
        f"Ihr Antrag, {NAME}",
        f"Hallo {NAME}",
        attachments=[("bescheid.pdf", _pdf(NAME), "application/pdf")],
    )
    queue_mail(
        "buero@test.example",
        f"Neuer Antrag von {NAME}",
        f"Telefon {PHONE}",
        attachments=[("antrag.pdf", _pdf(NAME), "application/pdf")],
    )
    from axes.models import AccessAttempt
    from django.apps import apps

    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")

    AccessAttempt.objects.create(
        username=EMAIL, ip_address="10.0.0.1", user_agent="x", failures_since_start=1
    )
    if "DBTaskResult" and connection.vendor:
        DBTaskResult.objects.create(
            task_path="quartierwerk.core.tasks.send_outbox_mail",
            args_kwargs={"args": [EMAIL], "kwargs": {}},
            queue_name="default",
            backend_name="default",
            priority=0,
            status="SUCCESSFUL",
        )
    return {"report": report, "application": application, "person": person}


def _database_text() -> str:
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    import subprocess

    db = settings.DATABASES["default"]
    result = subprocess.run(
        ["pg_dump", "-h", db["HOST"] or "127.0.0.1", "-U", db["USER"], "-d", db["NAME"], "--data-only"],
        capture_output=True,
        text=True,
        check=True,
        env={"PGPASSWORD": db.get("PASSWORD") or ""},
    )
    return result.stdout


def _decode_everything(text: str) -> str:
    """The dump plus the text inside base64-stored attachments (PDF) and JSON escapes decoded."""
    parts = [text]
    for line in text.splitlines():
        if "content_b64" in line:
            for chunk in line.split('"content_b64": "')[1:]:
                raw = chunk.split('"', 1)[0]
                if raw:
                    parts.append(attachment_text("", base64.b64decode(raw)))
    return "\n".join(parts)


def _media_text() -> str:
    parts = []
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        parts.append(path.name)
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                parts.extend(attachment_text(n, archive.read(n)) for n in archive.namelist())
        else:
            parts.append(attachment_text(path.name, data))
    return "\n".join(parts)


def _cache_text() -> str:
    parts = []
    for alias in settings.CACHES:
        store = getattr(caches[alias], "_cache", {})  # local memory in tests
        parts.extend(str(k) for k in store)
        parts.extend(str(v) for v in store.values())
    return "\n".join(parts)


def _found(text: str) -> list[str]:
    low = text.lower()
    return [m for m in MARKERS if m.lower() in low or json.dumps(m)[1:-1].lower() in low]


@pytest.mark.django_db(transaction=True)
def test_export_finds_the_person_in_every_module_and_erasure_leaves_no_trace(person_everywhere):
    ref = privacy_services.for_email(EMAIL)
    data = privacy_services.collect(ref)
    by_model = {s["model"]: json.dumps(s["rows"], default=str) for s in data["sections"]}
    for model in (
        "reports.Report",
        "reports.Support",
        "fund.Application",
        "fund.ApplicationVersion",
        "events.Registration",
        "actors.Person",
        "actors.Consent",
        "core.OutboxMail",
    ):
        assert model in by_model, model
    for model in (
        "reports.Report",
        "fund.Application",
        "fund.ApplicationVersion",
        "events.Registration",
        "actors.Person",
        "core.OutboxMail",
    ):
        assert EMAIL in by_model[model] or NAME in by_model[model], model
    assert any(p.startswith("files/reports-ReportPhoto/") for p, _c in data["files"])
    archive = zipfile.ZipFile(io.BytesIO(privacy_services.build_zip(ref)))
    assert {"data.json", "summary.html"} <= set(archive.namelist())
    assert NAME in archive.read("summary.html").decode()

    assert set(_found(_decode_everything(_database_text()))) == set(MARKERS)  # the search does see them
    result = privacy_services.erase(ref, by="office", reason="letter of 1 Dec")

    assert result.holds == []
    assert _found(_decode_everything(_database_text())) == []
    assert _found(_media_text()) == []
    assert _found(_cache_text()) == []
    assert AuditEntry.objects.filter(action="core.personal_data_erased").exists()
    assert not OutboxMail.objects.filter(to__icontains=EMAIL).exists()


@pytest.mark.django_db
def test_funded_application_is_kept_under_its_hold_and_listed(person_everywhere):
    application = person_everywhere["application"]
    type(application).objects.filter(pk=application.pk).update(status="approved", decided_at=timezone.now())
    ref = privacy_services.for_email(EMAIL)
    result = privacy_services.erase(ref, by="office")
    held = {(h["model"], h["id"]) for h in result.holds}
    assert ("fund.Application", application.pk) in held
    until = next(h["until"] for h in result.holds if h["model"] == "fund.Application")
    assert until > timezone.localdate() + timedelta(days=9 * 365)
    application.refresh_from_db()
    assert application.applicant_name == NAME  # kept for the audit of public money
    assert not Registration.objects.filter(email=EMAIL).exists()
