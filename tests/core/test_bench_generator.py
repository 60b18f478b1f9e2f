"""The benchmark data generator runs at a tiny scale in every test run, so it cannot rot."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from quartierwerk.core.models import Membership, Quarter, User


def snapshot():
    return sorted(User.objects.filter(email__contains="@bench.").values_list("email", "display_name"))


@pytest.mark.django_db
def test_generator_at_tiny_scale_is_deterministic_and_fills_every_module():
    with transaction.atomic():
        call_command("generate_bench_data", "--scale", "T", stdout=StringIO())
        first_run = snapshot()
        transaction.set_rollback(True)
    assert not Quarter.objects.exists()
    out = StringIO()
    call_command("generate_bench_data", "--scale", "T", stdout=out)
    assert snapshot() == first_run
    text = out.getvalue()
    assert "scale T generated" in text
    assert Quarter.objects.filter(slug__startswith="bench-").count() == 2
    assert Membership.objects.filter(role="staff", quarter__slug__startswith="bench-").count() == 2
    assert User.objects.filter(email__startswith="resident-").count() == 6
    with pytest.raises(CommandError, match="already exists"):
        call_command("generate_bench_data", "--scale", "T", stdout=StringIO())


def test_bench_endpoints_are_listed_by_every_module_with_benchdata():
    from importlib import import_module
    from importlib.util import find_spec

    from quartierwerk.modules import MODULE_NAMES

    for name in MODULE_NAMES:
        if find_spec(f"quartierwerk.{name}.benchdata") is not None:
            module = import_module(f"quartierwerk.{name}.benchdata")
            assert callable(module.generate) and callable(module.endpoints), name


def test_ping_is_constant(client):
    response = client.get("/ping")
    assert response.status_code == 200 and response.content == b"ok"
