"""A resident downloads their data and deletes their account; someone without an account asks by e-mail."""

import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from quartierwerk.core import privacy, privacy_services
from quartierwerk.core.models import DataExport, OutboxMail, User
from quartierwerk.events.models import Event, Registration


@pytest.fixture
def registration(quarter):
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        city=quarter.city,
        quarter=quarter,
        title="Hoffest",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    return Registration.objects.create(
        event=event, name="Ada Beispiel", email="ada@test.example", status="confirmed"
    )


def _link(path_name: str) -> str:
    body = OutboxMail.objects.filter(purpose=path_name).latest("pk").body
    return re.search(r"https?://\S+", body).group(0).split("://", 1)[1].split("/", 1)[1]


@pytest.mark.django_db
def test_resident_downloads_their_data_and_deletes_the_account(
    client, registration, django_capture_on_commit_callbacks
):
    user = User.objects.create_user(
        email="ada@test.example", password="test-password-123", display_name="Ada"
    )
    client.force_login(user)
    assert reverse("core:my_data") in client.get(reverse("core:profile")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:my_data"))
    export = DataExport.objects.get(user=user)
    assert export.status == DataExport.Status.READY
    response = client.get(reverse("core:my_data_download", args=[export.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "Ada Beispiel" in archive.read("data.json").decode()
    other = User.objects.create_user(email="bob@test.example", password="test-password-123")
    client.force_login(other)
    assert client.get(reverse("core:my_data_download", args=[export.pk])).status_code == 403
    client.force_login(user)
    response = client.post(reverse("core:delete_account"), {"confirm": "on"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert not user.is_active and "ada@" not in user.email and not user.has_usable_password()
    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert not DataExport.objects.filter(pk=export.pk).exists()
    from quartierwerk.core.models import AuditEntry

    assert AuditEntry.objects.filter(action="core.personal_data_erased", target_id=str(user.pk)).exists()
    assert not [e.pk for e in AuditEntry.objects.all() if "ada@" in f"{e.actor_label} {e.changes}"]


@pytest.mark.django_db
def test_someone_without_account_gets_their_data_after_confirming_the_address(
    client, registration, django_capture_on_commit_callbacks
):
    client.post(reverse("core:privacy_export_request"), {"email": "Ada@test.example"})
    confirm = "/" + _link("privacy_export_confirm")
    assert not DataExport.objects.exists()  # opening the link alone does nothing
    client.get(confirm)
    assert not DataExport.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
    export = DataExport.objects.get(email="ada@test.example")
    download = "/" + _link("privacy_export_ready")
    response = client.get(download)
    assert response.status_code == 200
    assert (
        "Ada Beispiel"
        in zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).read("data.json").decode()
    )
    assert client.get(download[:-3] + "xyz/").status_code in (403, 404)
    export.expires_at = timezone.now() - timedelta(seconds=1)
    export.save()
    assert client.get(download).status_code in (403, 404)


@pytest.mark.django_db
def test_export_requests_are_throttled(client):
    for _ in range(privacy_services.export.EXPORTS_PER_DAY):
        client.post(reverse("core:privacy_export_request"), {"email": "eve@test.example"})
    response = client.post(reverse("core:privacy_export_request"), {"email": "eve@test.example"})
    assert "Too many requests" in response.content.decode() or "Zu viele" in response.content.decode()
    assert (
        OutboxMail.objects.filter(purpose="privacy_export_confirm").count()
        == privacy_services.export.EXPORTS_PER_DAY
    )
    assert len(mail.outbox) <= privacy_services.export.EXPORTS_PER_DAY


@pytest.mark.django_db
def test_every_declared_model_is_covered_by_export_and_erasure(quarter):
    """Each declaration resolves rows for a subject, and erasure and the export both visit it."""
    ref = privacy.SubjectRef(user_id=1, emails=("x@test.example",), person_ids=(1,), names=("X Y",))
    for declaration in privacy.register():
        rows = privacy_services.rows_about(ref, declaration)
        assert rows.model is declaration.model_class(), declaration.model
        list(rows)  # the paths are valid queries
        assert declaration.erasure in privacy.Erasure
        has_path = any((declaration.subject.user, declaration.subject.email, declaration.subject.person))
        assert has_path or declaration.subject.select or declaration.scrub_everywhere, declaration.model
        if declaration.export:
            assert has_path or declaration.subject.select, declaration.model


@pytest.mark.django_db
def test_retention_dry_run_lists_and_the_job_deletes(registration):
    Registration.objects.filter(pk=registration.pk).update()
    Event.objects.filter(pk=registration.event_id).update(
        starts_at=timezone.now() - timedelta(days=100), ends_at=timezone.now() - timedelta(days=100)
    )
    planned = privacy_services.enforce_retention(dry_run=True)
    assert {"model": "events.Registration", "action": "delete", "ids": [registration.pk]} in planned
    assert Registration.objects.filter(pk=registration.pk).exists()
    privacy_services.enforce_retention()
    assert not Registration.objects.filter(pk=registration.pk).exists()


@pytest.mark.django_db
def test_api_export_download_and_account_deletion(client, registration, django_capture_on_commit_callbacks):
    user = User.objects.create_user(email="ada@test.example", password="test-password-123")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/privacy/exports")
    assert response.status_code == 202
    listed = client.get("/api/v1/privacy/exports").json()
    assert listed[0]["status"] == "ready"
    zipped = client.get(listed[0]["download_url"])
    assert (
        "Ada Beispiel"
        in zipfile.ZipFile(io.BytesIO(b"".join(zipped.streaming_content))).read("data.json").decode()
    )
    assert (
        client.post(
            "/api/v1/privacy/account/erase", {"confirm": False}, content_type="application/json"
        ).status_code
        == 400
    )
    response = client.post(
        "/api/v1/privacy/account/erase", {"confirm": True}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["deleted"]["events.Registration"] == 1


@pytest.mark.django_db
def test_only_staff_erase_by_address_through_the_api(client, registration, user_with_role, login_as):
    client.force_login(user_with_role("resident"))
    payload = {"email": "ada@test.example", "reason": "Brief vom 1.12."}
    assert client.post("/api/v1/privacy/erase", payload, content_type="application/json").status_code == 403
    assert Registration.objects.filter(pk=registration.pk).exists()
    login_as(user_with_role("staff"))  # staff act with their second factor verified
    assert client.post("/api/v1/privacy/erase", payload, content_type="application/json").status_code == 200
    assert not Registration.objects.filter(pk=registration.pk).exists()


@pytest.mark.django_db
def test_erasing_a_directory_person_reaches_their_registrations(registration, quarter, user_with_role):
    from quartierwerk.actors.models import Person
    from quartierwerk.actors.services import erase_person

    person = Person.objects.create(
        quarter=quarter, first_name="Ada", last_name="Beispiel", email="ada@test.example"
    )
    erase_person(by=user_with_role("staff"), person=person)
    person.refresh_from_db()
    assert person.anonymised_at and person.email == "" and person.last_name == ""
    assert not Registration.objects.filter(pk=registration.pk).exists()


@pytest.mark.django_db
def test_retention_scrubs_an_old_refused_application_with_its_snapshots_once(quarter):
    from decimal import Decimal

    from quartierwerk.fund import services as fund_services
    from quartierwerk.fund.models import Application, ApplicationVersion, Fund, Round

    fund = Fund.objects.create(
        quarter=quarter,
        year=timezone.localdate().year,
        budget=Decimal("1000"),
        max_per_application=Decimal("500"),
    )
    Round.objects.create(fund=fund, name="Runde 1", deadline=timezone.localdate() + timedelta(days=30))
    application, _token = fund_services.start_application(
        fund=fund, applicant_name="Ada Beispiel", email="ada@test.example", applicant_kind="private"
    )
    data = {"title": "Fest", "summary": "Hof", "benefit": "alle", "own_contribution": "0", "is_of_age": True}
    fund_services.update_application(application=application, data=data, cost_items=[("Zelt", "100.00")])
    fund_services.submit_application(application=application, consent=True)
    assert "Ada Beispiel" in str(ApplicationVersion.objects.get(application=application).data)
    Application.objects.filter(pk=application.pk).update(
        status="rejected", created_at=timezone.now() - timedelta(days=4 * 365)
    )
    planned = {item["model"] for item in privacy_services.enforce_retention(dry_run=True)}
    assert {"fund.Application", "fund.ApplicationVersion"} <= planned
    privacy_services.enforce_retention()
    application.refresh_from_db()
    assert application.applicant_name == privacy.PSEUDONYM and application.email.endswith("@invalid.example")
    assert "Ada Beispiel" not in str(ApplicationVersion.objects.get(application=application).data)
    again = {item["model"] for item in privacy_services.enforce_retention(dry_run=True)}
    assert "fund.Application" not in again


@pytest.mark.django_db
def test_staff_erase_page_is_for_staff_and_shows_what_is_kept(client, registration, user_with_role, login_as):
    client.force_login(user_with_role("resident"))
    assert client.get(reverse("core:privacy_staff_erase")).status_code == 403
    login_as(user_with_role("staff"))
    assert client.get(reverse("core:privacy_staff_erase")).status_code == 200
    response = client.post(
        reverse("core:privacy_staff_erase"),
        {"email": "ada@test.example", "reason": "Brief vom 1.12., Ausweis geprüft", "confirm": "on"},
    )
    assert response.status_code == 200 and 'role="status"' in response.content.decode()
    assert not Registration.objects.filter(pk=registration.pk).exists()


@pytest.mark.django_db
def test_sent_mails_and_their_attachments_go_after_the_configured_days(settings):
    from quartierwerk.core.mail import queue_mail

    sent = queue_mail(
        "ada@test.example", "Bescheid", "Hallo", attachments=[("a.pdf", b"%PDF-1.4", "application/pdf")]
    )
    pending = queue_mail("bob@test.example", "Hallo", "Hallo")
    days = settings.OUTBOX_KEEP_DAYS
    OutboxMail.objects.filter(pk=sent.pk).update(
        status="sent", sent_at=timezone.now() - timedelta(days=days + 1)
    )
    OutboxMail.objects.filter(pk=pending.pk).update(created_at=timezone.now() - timedelta(days=days + 1))
    fresh = queue_mail("eve@test.example", "Hallo", "Hallo")
    OutboxMail.objects.filter(pk=fresh.pk).update(
        status="sent", sent_at=timezone.now() - timedelta(days=days - 1)
    )
    privacy_services.enforce_retention()
    assert set(OutboxMail.objects.values_list("pk", flat=True)) == {pending.pk, fresh.pk}  # unsent mails stay


@pytest.mark.django_db
def test_mailed_link_of_an_account_export_asks_for_that_accounts_login(
    client, django_capture_on_commit_callbacks
):
    user = User.objects.create_user(email="ada@test.example", password="test-password-123")
    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.request_export(user=user)
    link = "/" + _link("privacy_export_ready")
    response = client.get(link)
    assert response.status_code == 302 and reverse("core:login") in response["Location"]
    client.force_login(User.objects.create_user(email="bob@test.example", password="test-password-123"))
    assert client.get(link).status_code == 302  # another account is sent to log in as the right one
    client.force_login(user)
    assert client.get(link).status_code == 200
