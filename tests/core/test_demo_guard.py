"""The demo (an administrator with a published password and TOTP key) is never loaded into production."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quartierwerk.core.models import Quarter, User


def test_load_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="i-know-this-is-not-production"):
        call_command("load_demo", "--quiet")
    assert not User.objects.exists() and not Quarter.objects.exists()


def test_load_demo_runs_with_debug_or_the_explicit_flag(db, settings):
    settings.DEBUG = False
    call_command("load_demo", "--quiet", "--i-know-this-is-not-production")
    assert User.objects.filter(is_superuser=True).exists()
    settings.DEBUG = True
    call_command("load_demo", "--quiet", "--if-empty")


def test_demo_hint_for_the_totp_code_names_a_command_that_starts(db, settings, capsys):
    """Without DEBUG the settings refuse to start (no SECRET_KEY), so the printed hint must set it."""
    settings.DEBUG = True
    call_command("load_demo")
    assert "`DEBUG=true .venv/bin/python manage.py demo_totp`" in capsys.readouterr().out


def test_make_run_on_another_port_builds_mailed_links_for_that_port():
    """Links in the demo's mails (follow, support, fund) point at the port the demo is served on."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    dry = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout
    assert "SITE_URL=${SITE_URL:-http://127.0.0.1:8123}" in dry
