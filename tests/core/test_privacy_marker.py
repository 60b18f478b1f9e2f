"""One person's e-mail, name and phone number go through the modules; export finds them, erasure removes them."""

import base64
import io
import json
import zipfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from quartierwerk.core import audit, privacy_services
from quartierwerk.core.mail import queue_mail
from quartierwerk.core.models import AuditEntry, OutboxMail, User
from quartierwerk.core.privacy_services.scrub import attachment_text
from quartierwerk.events.models import Event, Registration
from quartierwerk.fund import services as fund_services
from quartierwerk.fund.models import Fund, Round
from quartierwerk.reports.models import Category

EMAIL = "zora.markerfeld@test.example"
NAME = "Zora Markerfeld"
PHONE = "0341 9876 5432"
MARKERS = (EMAIL, NAME, PHONE)


def _pdf(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>Bescheid für {text}</p>").write_pdf()


def _photo_with_marker():
    """A phone photo whose EXIF names the person and the place."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    img = Image.new("RGB", (64, 48), (200, 180, 40))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 3.0, 0.0), 3: "E", 4: (12.0, 3.0, 0.0)}
    exif[0x010E] = NAME  # ImageDescription
    exif[0x013B] = NAME  # Artist
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("zora.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def person_everywhere(quarter, user_with_role, django_capture_on_commit_callbacks):
    """The marker person through the public and staff flows of every module, as the services run them."""
    from quartierwerk.actors import services as actors_services
    from quartierwerk.events import services as events_services
    from quartierwerk.reports import services as reports_services
    from quartierwerk.reports.models import ResponsibleBody, RoutingRule

    staff = user_with_role("staff")
    user = User.objects.create_user(email=EMAIL, password="test-password-123", display_name=NAME)
    body = ResponsibleBody.objects.create(city=quarter.city, name="Tiefbauamt", email="tiefbau@test.example")
    category = Category.objects.create(code="streetlight", name="Straßenbeleuchtung", group="Straße")
    RoutingRule.objects.create(category=category, city=quarter.city, body=body)
    with django_capture_on_commit_callbacks(execute=True):
        # Reports: a report with a photo and the follow link by mail, a support of another report, an answer.
        report = reports_services.create_report(
            quarter=quarter,
            category=category,
            description=f"Laterne kaputt, Grüße {NAME}, Tel. {PHONE}",
            lat=51.05,
            lon=12.05,
            reporter=user,
            name=NAME,
            email=EMAIL,
            phone=PHONE,
            photos=[_photo_with_marker()],
        )
        reports_services.answer(report=report, by=staff, text=f"Danke, {NAME}, wir kümmern uns.")
        other = reports_services.create_report(
            quarter=quarter, category=category, description="Bank kaputt", lat=51.05, lon=12.05
        )
        reports_services.support(report=other, email=EMAIL)
        # Fund: an application with a change request (two versions), refused; its mails and audit labels.
        fund = Fund.objects.create(
            quarter=quarter,
            year=timezone.localdate().year,
            budget=Decimal("1000.00"),
            max_per_application=Decimal("500.00"),
            staff_decision_limit=Decimal("500.00"),
        )
        Round.objects.create(fund=fund, name="Runde 1", deadline=timezone.localdate() + timedelta(days=30))
        application, _token = fund_services.start_application(
            fund=fund,
            applicant_name=NAME,
            email=EMAIL,
            applicant_kind="private",
            organisation_name="",
            user=user,
        )
        data = {
            "title": "Hoffest",
            "summary": f"Ein Fest, Kontakt {PHONE}",
            "benefit": "Nachbarn",
            "phone": PHONE,
            "own_contribution": "0",
            "is_of_age": True,
        }
        fund_services.update_application(application=application, data=data, cost_items=[("Zelt", "100.00")])
        application = fund_services.submit_application(application=application, consent=True)
        fund_services.request_changes(
            application=application, message=f"Bitte Kostenplan, {NAME}", actor=staff
        )
        fund_services.update_application(
            application=application, data={**data, "benefit": "Alle"}, actor=user
        )
        application = fund_services.submit_application(application=application, consent=True)
        fund_services.add_note(application=application, text=f"Rückruf an {NAME} unter {PHONE}", actor=staff)
        audit.record(staff, "fund.phone_call", application, text=f"Rückruf an {NAME}")
        # Fund: a second application, funded: decision letter, proof of use; a third on an award-team session.
        funded, _token = fund_services.start_application(
            fund=fund,
            applicant_name=NAME,
            email=EMAIL,
            applicant_kind="private",
            organisation_name="",
            user=user,
        )
        fund_services.update_application(application=funded, data=data, cost_items=[("Grill", "100.00")])
        funded = fund_services.submit_application(application=funded, consent=True)
        funded = fund_services.mark_complete(application=funded, actor=staff)
        fund_services.decide(application=funded, outcome="approved", actor=staff, amount="100.00")
        fund_services.submit_proof(
            application=funded,
            report=f"Fest war schön, {NAME}",
            public_summary="Ein schönes Fest",
            spent_amount="90",
        )
        on_agenda, _token = fund_services.start_application(
            fund=fund, applicant_name=NAME, email=EMAIL, applicant_kind="private", organisation_name=""
        )
        fund_services.update_application(application=on_agenda, data=data, cost_items=[("Saal", "100.00")])
        on_agenda = fund_services.submit_application(application=on_agenda, consent=True)
        on_agenda = fund_services.mark_complete(application=on_agenda, actor=staff)
        session = fund_services.plan_session(
            fund=fund, date=timezone.localdate(), actor=staff, location="Büro"
        )
        fund_services.schedule(application=on_agenda, session=session, actor=staff)
        # Events: a registration with answers.
        starts = timezone.now() + timedelta(days=3)
        event = Event.objects.create(
            city=quarter.city,
            quarter=quarter,
            title="Hoffest",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            registration_required=True,
            capacity=10,
        )
        question = event.questions.create(text="Essenswunsch?", position=1)
        events_services.register(
            event=event,
            name=NAME,
            email=EMAIL,
            user=user,
            answers={str(question.pk): f"vegetarisch, {PHONE}"},
        )
        # Directory: a person with consent, recorded by the office.
        person = actors_services.create_person(
            by=staff,
            quarter=quarter,
            data={"first_name": "Zora", "last_name": "Markerfeld", "email": EMAIL, "phone": PHONE},
        )
        actors_services.record_consent(
            by=staff,
            person=person,
            basis="consent",
            purposes=["newsletter"],
            text=f"Einwilligung von {NAME}",
            source="paper_form",
        )
        # Mails with PDF attachments: one to the person, one to the office about the person.
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
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.test import Client

    Client().force_login(user)  # a stored session of the account
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr=f"{NAME} <{EMAIL}>",
        action_flag=CHANGE,
        change_message=f"Telefon {PHONE}",
    )

    AccessAttempt.objects.create(
        username=EMAIL, ip_address="10.0.0.1", user_agent="x", failures_since_start=1
    )
    apps.get_model("django_tasks_database", "DBTaskResult").objects.create(
        task_path="quartierwerk.core.tasks.send_outbox_mail",
        args_kwargs={"args": [EMAIL], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
        status="SUCCESSFUL",
    )
    return {"user": user, "report": report, "application": application, "person": person, "funded": funded}


HELD_MODELS = {
    "fund.Application",
    "fund.ApplicationVersion",
    "fund.StatusChange",
    "fund.Attachment",
    "fund.Note",
    "fund.Decision",
    "fund.LedgerEntry",
    "fund.Payout",
    "fund.ProofOfUse",
}


def _table(line: str) -> str:
    """The table an INSERT line of a dump writes to (SQLite iterdump or pg_dump --inserts)."""
    if not line.startswith("INSERT INTO "):
        return ""
    return line[len("INSERT INTO ") :].split(" ", 1)[0].split("(", 1)[0].strip('"').removeprefix("public.")


def _statements(dump: str):
    """(table, text) per statement of a dump; a value with line breaks continues its INSERT's statement."""
    table, lines = "", []
    for line in dump.splitlines():
        if line.startswith("INSERT INTO ") or not table:
            if lines:
                yield table, "\n".join(lines)
            table, lines = _table(line), []
        lines.append(line)
    if lines:
        yield table, "\n".join(lines)


def _database_text() -> str:
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    import subprocess

    db = settings.DATABASES["default"]
    result = subprocess.run(
        [
            "pg_dump",
            "-h",
            db["HOST"] or "127.0.0.1",
            "-U",
            db["USER"],
            "-d",
            db["NAME"],
            "--data-only",
            "--inserts",
        ],
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
    ref = privacy_services.for_user(person_everywhere["user"])
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

    # The funded application and its records stay under the fund's legal hold; nothing else keeps the marker.
    funded = person_everywhere["funded"]
    held = {(h["model"], h["id"]) for h in result.holds}
    assert ("fund.Application", funded.pk) in held
    assert {m for m, _pk in held} <= HELD_MODELS
    held_tables = {apps.get_model(m)._meta.db_table for m in HELD_MODELS}
    outside_holds = "\n".join(
        text for table, text in _statements(_database_text()) if table not in held_tables
    )
    print("Kept under a legal hold:", sorted(held))  # the test lists them
    assert _found(_decode_everything(outside_holds)) == []
    assert _found(_media_text()) == []
    assert _found(_cache_text()) == []
    assert AuditEntry.objects.filter(action="core.personal_data_erased").exists()
    from django.contrib.sessions.models import Session

    # Stored sessions are signed and encoded: searched decoded as well.
    assert _found("\n".join(json.dumps(s.get_decoded(), default=str) for s in Session.objects.all())) == []
    user_id = str(person_everywhere["user"].pk)
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == user_id]
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
