"""Directory entries: the language their texts were written in, and their description in more languages.

On SQLite, AddField rebuilds actors_organisation and drops its full-text triggers; the organisation statements
of 0010_search_schema_sql are repeated at the end (copied, as that migration asks, not imported).
"""

from django.db import migrations, models

SQLITE_SQL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS actors_organisation_fts USING fts5(search_document, "
    "tokenize = 'unicode61 remove_diacritics 2')",
    "DROP TRIGGER IF EXISTS actors_organisation_fts_ai",
    "DROP TRIGGER IF EXISTS actors_organisation_fts_ad",
    "DROP TRIGGER IF EXISTS actors_organisation_fts_au",
    "CREATE TRIGGER actors_organisation_fts_ai AFTER INSERT ON actors_organisation BEGIN "
    "INSERT INTO actors_organisation_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER actors_organisation_fts_ad AFTER DELETE ON actors_organisation BEGIN "
    "DELETE FROM actors_organisation_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER actors_organisation_fts_au AFTER UPDATE OF search_document ON actors_organisation BEGIN "
    "DELETE FROM actors_organisation_fts WHERE rowid = old.id; "
    "INSERT INTO actors_organisation_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "DELETE FROM actors_organisation_fts",
    "INSERT INTO actors_organisation_fts(rowid, search_document) SELECT id, search_document FROM actors_organisation",
]


def search_schema(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_SQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0011_map_grid_cells"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="translations",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The texts in the other languages the city offers; German is the source.",
                verbose_name="translations",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="written_in",
            field=models.CharField(
                blank=True,
                default="",
                help_text="The language the text was written in (the language of the page when sent).",
                max_length=12,
                verbose_name="written in",
            ),
        ),
        migrations.RunPython(search_schema, migrations.RunPython.noop, elidable=False),
    ]
