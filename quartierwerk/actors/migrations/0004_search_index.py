"""Full-text index on the directory: GIN expression index (PostgreSQL) or FTS5 tables with triggers (SQLite)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from quartierwerk.actors.migrations._search_schema_0008 import ensure_index

    ensure_index(schema_editor.connection)


def backwards(apps, schema_editor):
    from quartierwerk.actors.migrations._search_schema_0008 import drop_index

    drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("actors", "0003_directory_consent_volunteering")]

    operations = [migrations.RunPython(forwards, backwards)]
