"""Production refuses to start on settings under which its protections would not hold.

Each case imports the settings in a fresh process, as a server start does.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-long-random-production-secret-key-3f9c1e7b2d8a4c6e0f1a2b3c4d5e6f7a8b9c"
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "quartierwerk.settings",
    "DEBUG": "false",
    "SECRET_KEY": SECRET,
    "ALLOWED_HOSTS": "quartier.stadt.example",
    "SITE_URL": "https://quartier.stadt.example",
    "TRUSTED_PROXIES": "127.0.0.1,10.0.0.0/8",
}
UNSET = ("DEBUG", "SECRET_KEY", "REDIS_URL", "WEB_CONCURRENCY", "TRUSTED_PROXIES", "CACHE_KEY_PREFIX")


def _env(tmp_path, **settings) -> dict:
    """The production environment, with `settings` added (None removes a variable)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in UNSET
        and not k.startswith(("SECURE_", "SESSION_", "CSRF_", "LANGUAGE_COOKIE", "DJANGO_ALLOW_ASYNC"))
    }
    env.update(PRODUCTION, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    for key, value in settings.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(tmp_path, *args, **settings):
    return subprocess.run(
        [sys.executable, *args],
        env=_env(tmp_path, **settings),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def start(tmp_path, **settings):
    """Import the settings as the server does: django.setup()."""
    return run(tmp_path, "-c", "import django; django.setup(); print('started')", **settings)


def test_without_debug_and_without_a_secret_key_the_start_is_refused(tmp_path):
    result = start(tmp_path, SECRET_KEY=None)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY is not set" in result.stderr
    assert start(tmp_path, SECRET_KEY="").returncode != 0


def test_a_developer_machine_with_debug_needs_no_secret_key(tmp_path):
    result = start(tmp_path, SECRET_KEY=None, DEBUG="true")
    assert result.returncode == 0 and "started" in result.stdout


@pytest.mark.parametrize("workers", ["2", "5"])
def test_a_per_process_cache_with_more_than_one_worker_is_refused(tmp_path, workers):
    result = start(tmp_path, WEB_CONCURRENCY=workers)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and f"WEB_CONCURRENCY is {workers}" in result.stderr


def test_one_worker_may_use_the_local_cache_and_several_need_redis(tmp_path):
    assert start(tmp_path, WEB_CONCURRENCY="1").returncode == 0
    assert start(tmp_path).returncode == 0  # no worker count given: one process (manage.py, a task worker)
    result = start(tmp_path, WEB_CONCURRENCY="4", REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stderr


def test_a_bad_trusted_proxy_entry_is_refused(tmp_path):
    result = start(tmp_path, TRUSTED_PROXIES="10.0.0.0/8,proxy.example")
    assert result.returncode != 0 and "TRUSTED_PROXIES" in result.stderr


def test_gunicorn_with_several_workers_and_no_redis_is_refused(tmp_path):
    def gunicorn(**settings):
        return subprocess.run(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "--check-config"]
            + ["quartierwerk.wsgi"],
            env=_env(tmp_path, **settings),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )

    refused = gunicorn(WEB_CONCURRENCY="3")
    assert refused.returncode != 0 and "WEB_CONCURRENCY is 3" in refused.stdout + refused.stderr
    accepted = gunicorn(WEB_CONCURRENCY="3", REDIS_URL="redis://127.0.0.1:6379/0")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    result = run(
        tmp_path,
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        WEB_CONCURRENCY="4",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
