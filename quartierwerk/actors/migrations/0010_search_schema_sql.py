"""The full-text index of the directory as fixed SQL, and brought back into step on SQLite.

PostgreSQL: a stored generated tsvector column per table with a GIN index (what 0008 left; repeated here
idempotently so the schema is written down in a migration, not in code that may change).
SQLite: an FTS5 table per table with triggers on insert, update and delete. SQLite's ALTER TABLE emulation
copies a table and drops its triggers, so the triggers are created again here and the FTS5 content is
rebuilt from the table. A later migration that rebuilds actors_organisation or actors_person on SQLite
must do the same (copy SQLITE_SQL below into it; never import it from here or from application code).
"""

from django.db import migrations

POSTGRESQL_SQL = [
    "ALTER TABLE actors_organisation ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_document, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS actors_organisation_search_vector_gin ON actors_organisation "
    "USING gin (search_vector)",
    "DROP INDEX IF EXISTS actors_organisation_search_gin",
    "ALTER TABLE actors_person ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_document, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS actors_person_search_vector_gin ON actors_person USING gin (search_vector)",
    "DROP INDEX IF EXISTS actors_person_search_gin",
]

SQLITE_SQL = [
    # Organisations
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
    # Persons
    "CREATE VIRTUAL TABLE IF NOT EXISTS actors_person_fts USING fts5(search_document, "
    "tokenize = 'unicode61 remove_diacritics 2')",
    "DROP TRIGGER IF EXISTS actors_person_fts_ai",
    "DROP TRIGGER IF EXISTS actors_person_fts_ad",
    "DROP TRIGGER IF EXISTS actors_person_fts_au",
    "CREATE TRIGGER actors_person_fts_ai AFTER INSERT ON actors_person BEGIN "
    "INSERT INTO actors_person_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER actors_person_fts_ad AFTER DELETE ON actors_person BEGIN "
    "DELETE FROM actors_person_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER actors_person_fts_au AFTER UPDATE OF search_document ON actors_person BEGIN "
    "DELETE FROM actors_person_fts WHERE rowid = old.id; "
    "INSERT INTO actors_person_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "DELETE FROM actors_person_fts",
    "INSERT INTO actors_person_fts(rowid, search_document) SELECT id, search_document FROM actors_person",
]

SQL_BY_VENDOR = {"postgresql": POSTGRESQL_SQL, "sqlite": SQLITE_SQL}


def forwards(apps, schema_editor):
    # Any other database has no index; search falls back to a plain filter there.
    for statement in SQL_BY_VENDOR.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("actors", "0009_city_of_city_wide_entries")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
