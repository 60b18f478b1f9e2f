import re
import time

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from quartierwerk.core.models import AuditEntry, Membership, OutboxMail, User
from tests.conftest import create_user

PASSWORD = "test-password-123"


def totp_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def post_login(client, email, password=PASSWORD):
    return client.post("/account/login/", {"username": email, "password": password})


def test_resident_logs_in_by_email_case_insensitively(client, db):
    create_user("anna@test.example")
    response = post_login(client, "Anna@Test.Example")
    assert response.status_code == 302
    assert client.get("/account/profile/").status_code == 200


def test_login_failure_message_is_the_same_for_unknown_and_wrong_password(client, db):
    create_user("anna@test.example")
    wrong = post_login(client, "anna@test.example", "falsch-falsch-1")
    unknown = post_login(client, "niemand@test.example", "falsch-falsch-1")
    assert wrong.status_code == unknown.status_code == 200
    assert without_csrf(wrong).replace("anna@test.example", "X") == without_csrf(unknown).replace(
        "niemand@test.example", "X"
    )


def test_sixth_failed_attempt_is_refused_and_so_is_the_right_password_after_it(client, db):
    create_user("anna@test.example")
    for _ in range(5):
        assert post_login(client, "anna@test.example", "falsch-falsch-1").status_code == 200
    assert post_login(client, "anna@test.example", "falsch-falsch-1").status_code == 429
    response = post_login(client, "anna@test.example")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_gives_a_new_session_id(client, db):
    create_user("anna@test.example")
    client.get("/account/login/")
    client.session["probe"] = 1
    session = client.session
    session.save()
    before = session.session_key
    post_login(client, "anna@test.example")
    assert client.session.session_key != before


def test_idle_session_is_logged_out(client, db, settings):
    create_user("anna@test.example")
    post_login(client, "anna@test.example")
    session = client.session
    session["qw_last_seen"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()
    response = client.get("/account/profile/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_staff_without_second_factor_must_set_it_up_first(client, quarter):
    user = create_user("qm@test.example")
    Membership.objects.create(user=user, role="staff", quarter=quarter)
    post_login(client, "qm@test.example")
    response = client.get(f"/q/{quarter.slug}/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/")
    api = client.get("/api/v1/me")
    assert api.status_code == 403
    # Set up the device with the code the app would show; showing the page stores nothing.
    client.get("/account/two-factor/")
    assert not TOTPDevice.objects.filter(user=user).exists()
    pending = TOTPDevice(user=user, key=client.session["qw_totp_key"])
    wrong = "000000" if totp_code(pending) != "000000" else "111111"
    assert client.post("/account/two-factor/", {"token": wrong}).status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()
    response = client.post("/account/two-factor/", {"token": totp_code(pending)})
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.key == pending.key
    assert AuditEntry.objects.filter(actor=user, action="core.second_factor_set_up").count() == 1
    assert client.get(f"/q/{quarter.slug}/staff/").status_code == 200


def test_account_with_totp_needs_the_code_to_log_in(client, quarter):
    user = create_user("qm@test.example")
    Membership.objects.create(user=user, role="staff", quarter=quarter)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    response = post_login(client, "qm@test.example")
    assert response["Location"] == "/account/login/verify/"
    assert "_auth_user_id" not in client.session
    bad = client.post(
        "/account/login/verify/", {"token": "000000" if totp_code(device) != "000000" else "111111"}
    )
    assert bad.status_code == 200 and "_auth_user_id" not in client.session
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post("/account/login/verify/", {"token": totp_code(device)})
    assert ok.status_code == 302
    assert client.get(f"/q/{quarter.slug}/staff/").status_code == 200


def test_registration_confirms_by_email_and_reveals_nothing_about_existing_accounts(
    client, quarter, django_capture_on_commit_callbacks
):
    create_user("schon-da@test.example")
    data = {
        "display_name": "Neu",
        "password": "ein-gutes-passwort-42",
        "quarter": quarter.pk,
        "preferred_language": "de",
        "privacy": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        new = client.post("/account/register/", {**data, "email": "neu@test.example"})
        known = client.post("/account/register/", {**data, "email": "schon-da@test.example"})
    assert new.status_code == known.status_code == 200
    assert without_csrf(new).replace("neu@test.example", "X") == without_csrf(known).replace(
        "schon-da@test.example", "X"
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["neu@test.example", "schon-da@test.example"]
    user = User.objects.get(email="neu@test.example")
    assert not user.is_active
    assert Membership.objects.filter(user=user, role="resident", quarter=quarter).exists()
    link = next(m for m in mail.outbox if m.to == ["neu@test.example"]).body
    path = re.search(r"https?://[^/]+(/account/confirm/[^\s]+/)", link).group(1)
    # Opening the link (as a mail scanner would) changes nothing; the button confirms.
    assert client.get(path).status_code == 200
    user.refresh_from_db()
    assert not user.is_active and user.email_confirmed_at is None
    assert client.post(path).status_code == 200
    user.refresh_from_db()
    assert user.is_active and user.email_confirmed_at
    assert AuditEntry.objects.filter(action="core.email_confirmed", target_id=str(user.pk)).count() == 1
    # A second visit or click only says so.
    assert client.get(path).status_code == client.post(path).status_code == 200
    assert AuditEntry.objects.filter(action="core.email_confirmed", target_id=str(user.pk)).count() == 1


def test_registration_rejects_weak_password_and_missing_consent(client, db):
    response = client.post(
        "/account/register/",
        {"email": "neu@test.example", "password": "12345678", "preferred_language": "de"},
    )
    assert response.status_code == 200
    assert {"password", "privacy"} <= set(response.context["form"].errors)
    assert not User.objects.filter(email="neu@test.example").exists()


def test_bad_confirmation_link_is_refused(client, db):
    assert client.get("/account/confirm/kaputt/").status_code == 400
    assert client.post("/account/confirm/kaputt/").status_code == 400


def test_password_reset_goes_through_the_outbox_and_does_not_enumerate(
    client, db, django_capture_on_commit_callbacks
):
    create_user("anna@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/account/password-reset/", {"email": "anna@test.example"})
        unknown = client.post("/account/password-reset/", {"email": "niemand@test.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert OutboxMail.objects.filter(purpose="password_reset").count() == 1
    assert [m.to for m in mail.outbox] == [["anna@test.example"]]


def test_profile_sets_preferred_language(client, db):
    create_user("anna@test.example")
    post_login(client, "anna@test.example")
    response = client.post("/account/profile/", {"display_name": "Anna", "preferred_language": "en"})
    assert response.status_code == 302
    assert User.objects.get(email="anna@test.example").preferred_language == "en"


@pytest.mark.parametrize("path", ["/account/profile/", "/staff/"])
def test_account_pages_need_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_login_redirect_refuses_foreign_next(client, db):
    create_user("anna@test.example")
    response = client.post(
        "/account/login/",
        {"username": "anna@test.example", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and "evil.example" not in response["Location"]


def test_password_reset_link_is_built_from_the_site_url_not_the_host_header(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["quartier.stadt.example", "angreifer.example"]
    settings.SITE_URL = "https://quartier.stadt.example"
    create_user("anna@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/password-reset/", {"email": "anna@test.example"}, HTTP_HOST="angreifer.example"
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert "angreifer.example" not in message.body
    assert re.search(
        r"https://quartier\.stadt\.example/account/password-reset/[^/\s]+/[^/\s]+/", message.body
    )
