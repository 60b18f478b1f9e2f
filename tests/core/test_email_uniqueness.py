"""Addresses identify accounts without regard to letter case, in the database itself."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from quartierwerk.core.models import User
from tests.conftest import create_user


def test_a_second_account_differing_only_in_case_is_refused_by_the_database(db):
    create_user("anna@test.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="Anna@Test.Example")
    assert User.objects.count() == 1


def test_manager_and_form_cleaning_store_addresses_in_lower_case(db):
    assert create_user(" Bert@Test.Example ").email == "bert@test.example"
    user = User(email="Carla@Test.Example")
    user.clean()
    assert user.email == "carla@test.example"


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


@pytest.mark.django_db(transaction=True)
def test_the_migration_stops_with_the_duplicates_named_and_lowers_the_rest():
    before, after = [("core", "0001_initial")], [("core", "0002_user_email_unique_ignoring_case")]
    _migrate(before)
    try:
        with connection.cursor() as cursor:
            for email in ("Dora@Test.Example", "dora@test.example", "Emil@Test.Example"):
                cursor.execute(
                    "INSERT INTO core_user (email, password, display_name, preferred_language, is_active, "
                    "is_staff, is_superuser, date_joined) VALUES (%s, '', '', '', true, false, false, "
                    "CURRENT_TIMESTAMP)",
                    [email],
                )
        with pytest.raises(RuntimeError, match="dora@test.example"):
            _migrate(after)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_user WHERE email = %s", ["Dora@Test.Example"])
        _migrate(after)
        assert sorted(User.objects.values_list("email", flat=True)) == [
            "dora@test.example",
            "emil@test.example",
        ]
    finally:
        # Back to the newest migrations first, so that deleting users finds every table they cascade to.
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        User.objects.all().delete()
