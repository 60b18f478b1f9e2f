"""PostgreSQL: the search index moves from an expression to a stored tsvector column (see search.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from quartierwerk.actors.migrations._search_schema_0008 import ensure_index

    ensure_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("actors", "0007_directory_indexes")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
