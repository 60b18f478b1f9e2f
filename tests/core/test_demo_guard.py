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
