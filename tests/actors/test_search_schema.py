"""The search index is schema written in migrations: no migration runs application code that may change,
nothing rebuilds it after migrate, and queries need no `.extra()`."""

import weakref
from pathlib import Path

from django.db.models.signals import post_migrate

import quartierwerk.actors

ACTORS = Path(quartierwerk.actors.__file__).parent


def test_no_migration_imports_the_search_module():
    for migration in (ACTORS / "migrations").glob("*.py"):
        assert "quartierwerk.actors.search" not in migration.read_text(), migration.name


def test_nothing_rebuilds_the_index_after_migrate():
    for lookup_key, receiver, *_rest in post_migrate.receivers:
        function = receiver() if isinstance(receiver, weakref.ReferenceType) else receiver
        assert lookup_key[0] != "actors_search_index"
        assert not getattr(function, "__module__", "").startswith("quartierwerk.actors"), function


def test_no_extra_queries_in_the_app():
    for module in ACTORS.rglob("*.py"):
        assert ".extra(" not in module.read_text(), module
