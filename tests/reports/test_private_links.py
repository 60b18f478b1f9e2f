"""Private links of reports: stored only as hashes, revocable by the office, kept out of logs."""

import io
import logging
import re

import pytest
from django.db import connection
from django.urls import reverse

from quartierwerk.core.logmask import MaskSecretsFilter, mask_secrets
from quartierwerk.core.models import OutboxMail
from quartierwerk.core.tokens import secret_hash
from quartierwerk.reports import services
from quartierwerk.reports.models import Forwarding, Report

from .conftest import LAT, LON


def _link_in(mail: OutboxMail, route: str) -> str:
    return re.search(rf"/reports/{route}/([-\w]+)/", mail.body).group(1)


@pytest.fixture
def filed(quarter, category):
    report = services.create_report(
        quarter=quarter,
        category=category,
        description="Laterne aus",
        lat=LAT,
        lon=LON,
        email="anna@test.example",
    )
    token = _link_in(OutboxMail.objects.get(purpose="reports.received"), "follow")
    return report, token


def _row_text(model, pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {model._meta.db_table} WHERE id = %s", [pk])
        return repr(cursor.fetchall())


def test_follow_link_is_stored_only_as_a_hash(client, filed):
    report, token = filed
    assert token not in _row_text(Report, report.pk)
    assert Report.objects.get(pk=report.pk).follow_hash == secret_hash(token)
    assert client.get(reverse("reports:follow", args=[token])).status_code == 200


def test_answer_link_is_stored_only_as_a_hash(client, filed, body, user_with_role):
    report, _ = filed
    forwarding = services.forward(report=report, by=user_with_role("staff"), body=body)
    token = _link_in(OutboxMail.objects.get(purpose="reports.forwarded"), "answer")
    assert token not in _row_text(Forwarding, forwarding.pk)
    assert client.get(reverse("reports:body_answer", args=[token])).status_code == 200


def test_staff_revoke_the_follow_link_and_the_reporter_gets_a_new_one(
    client, login_as, filed, user_with_role
):
    report, old = filed
    staff = user_with_role("staff")
    login_as(staff)
    response = client.post(
        reverse("reports:staff_action", args=[report.quarter.slug, report.pk, "follow_link"])
    )
    assert response.status_code == 302
    client.logout()
    assert client.get(reverse("reports:follow", args=[old])).status_code == 404
    new = _link_in(OutboxMail.objects.get(purpose="reports.new_link"), "follow")
    assert new != old and client.get(reverse("reports:follow", args=[new])).status_code == 200


def test_a_resident_cannot_revoke_a_follow_link(client, login_as, filed, user_with_role):
    report, token = filed
    login_as(user_with_role("resident"))
    client.post(reverse("reports:staff_action", args=[report.quarter.slug, report.pk, "follow_link"]))
    client.logout()
    assert client.get(reverse("reports:follow", args=[token])).status_code == 200


def test_staff_revoke_a_bodys_answer_link(client, login_as, filed, body, user_with_role):
    report, _ = filed
    staff = user_with_role("staff")
    forwarding = services.forward(report=report, by=staff, body=body)
    token = _link_in(OutboxMail.objects.get(purpose="reports.forwarded"), "answer")
    login_as(staff)
    client.post(
        reverse("reports:staff_action", args=[report.quarter.slug, report.pk, "answer_link"]),
        {"forwarding": forwarding.pk},
    )
    client.logout()
    assert client.get(reverse("reports:body_answer", args=[token])).status_code == 404
    assert client.post(reverse("reports:body_answer", args=[token]), {"text": "erledigt"}).status_code == 404


def test_link_sent_before_hashing_keeps_working_until_revoked(client, filed, user_with_role):
    report, _ = filed
    legacy = "a-link-mailed-before-links-were-hashed-42"
    Report.objects.filter(pk=report.pk).update(follow_legacy_hash=secret_hash(legacy))
    assert client.get(reverse("reports:follow", args=[legacy])).status_code == 200
    from quartierwerk.reports import private_links

    private_links.revoke_follow_link(report=report, by=user_with_role("staff"))
    assert client.get(reverse("reports:follow", args=[legacy])).status_code == 404


def test_later_mails_repeat_the_same_link(filed, user_with_role):
    report, token = filed
    services.answer(report=report, by=user_with_role("staff"), text="Wir kümmern uns.")
    assert _link_in(OutboxMail.objects.get(purpose="reports.updated"), "follow") == token


def test_a_rotated_secret_key_keeps_the_link_of_later_mails(filed, settings):
    report, token = filed
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    assert Report.objects.get(pk=report.pk).follow_token == token


def test_the_session_keeps_report_ids_not_links(client, quarter, category):
    client.post(
        reverse("reports:new", args=[quarter.slug, category.code]),
        {"lat": LAT, "lon": LON, "description": "Laterne aus", "email": "anna@test.example"},
    )
    token = _link_in(OutboxMail.objects.get(purpose="reports.received"), "follow")
    assert token not in repr(dict(client.session.items()))
    page = client.get(reverse("reports:start", args=[quarter.slug])).content.decode()
    assert reverse("reports:follow", args=[token]) in page


def test_request_log_lines_do_not_contain_the_token(client, filed):
    _, token = filed
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(MaskSecretsFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        # An unknown sub-path of a private link is logged as "Not Found: <path>".
        client.get(f"/reports/follow/{token}/nothing-here/")
        logger.warning('"%s" %s', f"GET /reports/photos/3/?t={token} HTTP/1.1", 200)
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "Not Found: /reports/follow/***/nothing-here/" in output
    assert "?t=***" in output and token not in output


def test_gunicorn_access_log_masks_private_links(filed):
    import datetime

    from gunicorn.config import Config

    from quartierwerk.core.gunicorn_logging import MaskingLogger

    _, token = filed
    config = Config()
    config.set("accesslog", "-")
    log = MaskingLogger(config)
    stream = io.StringIO()
    for handler in log.access_log.handlers:
        handler.setStream(stream)

    class Response:
        status, headers, sent = "200 OK", [], 10

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/reports/answer/{token}/",
        "PATH_INFO": f"/reports/answer/{token}/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://quartier.example/fund/a/{token}/edit/costs/",
    }
    log.access(Response(), [("Referer", environ["HTTP_REFERER"])], environ, datetime.timedelta(seconds=1))
    line = stream.getvalue()
    assert "/reports/answer/***/" in line and token not in line


def test_production_logging_and_gunicorn_use_the_masks():
    import runpy

    from quartierwerk import settings as production

    assert "mask_secrets" in production.LOGGING["handlers"]["console"]["filters"]
    conf = runpy.run_path("deploy/gunicorn.conf.py")
    assert conf["logger_class"] == "quartierwerk.core.gunicorn_logging.MaskingLogger"


@pytest.mark.parametrize(
    "line",
    [
        "GET /fund/a/{t}/edit/costs/ HTTP/1.1",
        "GET /events/personal/{t}.ics HTTP/1.1",
        "GET /reports/photos/12/?f={t}&x=1 HTTP/1.1",
        "GET /account/password-reset/MTI/{t}/ HTTP/1.1",
    ],
)
def test_every_private_link_form_is_masked(line):
    secret = "s3cr3t-Token_value0123456789"
    assert secret not in mask_secrets(line.format(t=secret))


@pytest.mark.django_db(transaction=True)
def test_migration_hashes_existing_links_and_they_keep_working(city):
    from django.db.migrations.executor import MigrationExecutor

    from tests.conftest import make_quarter

    before = [("reports", "0003_fixed_question")]
    executor = MigrationExecutor(connection)
    # Forward to the newest migrations of every app (going back unapplied the apps that depend on reports), so
    # that the current models match the schema afterwards.
    after = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    quarter = make_quarter(city)
    OldCategory = old_apps.get_model("reports", "Category")
    OldReport = old_apps.get_model("reports", "Report")
    OldBody = old_apps.get_model("reports", "ResponsibleBody")
    OldForwarding = old_apps.get_model("reports", "Forwarding")
    category = OldCategory.objects.create(code="streetlight", name="Licht")
    report = OldReport.objects.create(
        quarter_id=quarter.pk,
        category=category,
        description="Laterne",
        follow_token="clear-follow-token-123456",
    )
    body = OldBody.objects.create(city_id=city.pk, name="Tiefbauamt", email="t@test.example")
    from django.utils import timezone

    OldForwarding.objects.create(
        report=report, body=body, email=body.email, token="clear-answer-token-123456", due_at=timezone.now()
    )

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    assert "clear-follow-token" not in _row_text(Report, report.pk)
    assert (
        Report.objects.filter(Report.follow_link_matches("clear-follow-token-123456")).get().pk == report.pk
    )
    assert Forwarding.objects.filter(Forwarding.link_matches("clear-answer-token-123456")).exists()
    migrated = Report.objects.get(pk=report.pk)
    assert Report.objects.filter(Report.follow_link_matches(migrated.follow_token)).exists()


def test_photos_of_a_hidden_report_open_only_with_a_valid_link(
    client, quarter, category, body, user_with_role
):
    from quartierwerk.reports import private_links

    from .conftest import jpeg_with_gps

    report = services.create_report(
        quarter=quarter,
        category=category,
        description="Laterne",
        lat=LAT,
        lon=LON,
        email="anna@test.example",
        photos=[jpeg_with_gps()],
    )
    follow = _link_in(OutboxMail.objects.get(purpose="reports.received"), "follow")
    staff = user_with_role("staff")
    forwarding = services.forward(report=report, by=staff, body=body)
    answer = _link_in(OutboxMail.objects.get(purpose="reports.forwarded"), "answer")
    url = reverse("reports:photo", args=[report.photos.get().pk])
    # Unchecked: the reporter's link does not open the original; the body it was forwarded to sees it.
    assert client.get(f"{url}?t={follow}").status_code == 404
    assert client.get(f"{url}?f={answer}").status_code == 200
    services.set_photo_public(photo=report.photos.get(), by=staff, public=True)
    services.moderate(report=report, by=staff, hidden=True)
    assert client.get(url).status_code == 404
    assert client.get(f"{url}?t={follow}").status_code == 200
    assert client.get(f"{url}?t={follow}x").status_code == 404
    assert client.get(f"{url}?f={answer}").status_code == 200
    private_links.revoke_answer_link(forwarding=forwarding, by=staff)
    assert client.get(f"{url}?f={answer}").status_code == 404


def test_staff_are_told_what_revoking_the_follow_link_did(client, login_as, filed, user_with_role):
    report, _ = filed
    login_as(user_with_role("staff"))
    response = client.post(
        reverse("reports:staff_action", args=[report.quarter.slug, report.pk, "follow_link"]), follow=True
    )
    html = response.content.decode()
    assert (
        "Der alte Link zum Verfolgen gilt nicht mehr; die meldende Person hat einen neuen bekommen." in html
    )
    assert "Gespeichert." not in html
