"""No two bookings that hold a slot overlap on one resource: an exclusion constraint on PostgreSQL.

The range is half-open, [starts_at, blocked_until): one booking may start the moment the previous one's
turnaround buffer ends. SQLite has no exclusion constraints; there the booking service serialises its
writes (BEGIN IMMEDIATE), so on SQLite both operations here do nothing.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

HOLDING = ("unconfirmed", "requested", "approved", "handed_over", "returned")
NAME = "res_booking_no_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    states = ", ".join(f"'{s}'" for s in HOLDING)
    schema_editor.execute(
        f"ALTER TABLE resources_booking ADD CONSTRAINT {NAME} EXCLUDE USING gist "
        f"(resource_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&) "
        f"WHERE (status IN ({states}))"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE resources_booking DROP CONSTRAINT IF EXISTS {NAME}")


class PostgresOnlyBtreeGist(BtreeGistExtension):
    """btree_gist on PostgreSQL; nothing on SQLite, in either direction (Django's backwards step would ask
    PostgreSQL's catalogue even on SQLite)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [
        PostgresOnlyBtreeGist(),
        migrations.RunPython(add_constraint, drop_constraint),
    ]
