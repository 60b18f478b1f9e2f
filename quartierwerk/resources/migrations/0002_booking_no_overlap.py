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


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint),
    ]
