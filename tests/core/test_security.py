import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_csp_forbids_inline_scripts_and_third_party_hosts(client, quarter):
    response = client.get(f"/q/{quarter.slug}/")
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_tile_server_is_allowed_only_when_configured():
    env = {
        **os.environ,
        "MAP_TILE_URL": "https://tiles.stadt.example/{z}/{x}/{y}.png",
        "DJANGO_SETTINGS_MODULE": "quartierwerk.settings",
    }
    code = (
        "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "https://tiles.stadt.example" in out.stdout
    env.pop("MAP_TILE_URL")
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "tiles" not in out.stdout


def test_session_and_csrf_cookies_are_httponly_and_samesite(client, db):
    from tests.conftest import create_user

    create_user("anna@test.example")
    response = client.post(
        "/account/login/", {"username": "anna@test.example", "password": "test-password-123"}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("DEBUG", "SECURE_", "SESSION_", "CSRF_", "LANGUAGE_COOKIE", "DJANGO_ALLOW_ASYNC")
        )
    }
    env.update(
        DJANGO_SETTINGS_MODULE="quartierwerk.settings",
        SECRET_KEY="a-long-random-production-secret-key-3f9c1e7b2d8a4c6e0f1a2b3c4d5e6f7a8b9c",
        ALLOWED_HOSTS="quartier.stadt.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_the_development_key(tmp_path):
    # Only a DEBUG start gets the development key at all (without DEBUG a missing key refuses to start,
    # tests/core/test_production_settings.py); `check --deploy` names it there too.
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env.update(
        DJANGO_SETTINGS_MODULE="quartierwerk.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DEBUG="true",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "security.W009" in result.stdout + result.stderr


def test_healthz_reports_database_and_tasks(client, db):
    data = client.get("/healthz").json()
    assert data["status"] == "ok" and data["database"] == "ok" and data["tasks"] == "ok"
