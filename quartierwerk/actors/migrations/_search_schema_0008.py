"""The search index as migrations 0004 and 0008 built it, frozen so that those migrations keep doing what
they did when they were written. Never edit this module; change the index in a new migration.

(The leading underscore keeps the migration loader from taking this module for a migration.)
"""

from django.db import connection as default_connection

# (table, index name) of the models whose `search_document` is indexed.
INDEXED_TABLES = ("actors_organisation", "actors_person")


def _pg_statements(table: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_document, ''))) STORED",
        f"CREATE INDEX IF NOT EXISTS {table}_search_vector_gin ON {table} USING gin (search_vector)",
        f"DROP INDEX IF EXISTS {table}_search_gin",  # the expression index of earlier versions
    ]


def _sqlite_statements(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_document, "
        f"tokenize = 'unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_ai AFTER INSERT ON {table} BEGIN "  # noqa: S608 - fixed table names, user input only as parameters
        f"INSERT INTO {fts}(rowid, search_document) VALUES (new.id, new.search_document); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_ad AFTER DELETE ON {table} BEGIN "  # noqa: S608 - fixed table names, user input only as parameters
        f"DELETE FROM {fts} WHERE rowid = old.id; END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_au AFTER UPDATE OF search_document ON {table} BEGIN "  # noqa: S608 - fixed table names, user input only as parameters
        f"DELETE FROM {fts} WHERE rowid = old.id; "
        f"INSERT INTO {fts}(rowid, search_document) VALUES (new.id, new.search_document); END",
    ]


def ensure_index(connection=None) -> None:
    """Create the search index if it is missing (idempotent); on SQLite rebuild it when triggers were lost.

    SQLite's ALTER TABLE emulation copies a table and drops its triggers, so this runs after every migrate.
    """
    connection = connection or default_connection
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        tables = [t for t in INDEXED_TABLES if t in existing]  # a partial migrate may not have made them yet
        if connection.vendor == "postgresql":
            for table in tables:
                for statement in _pg_statements(table):
                    cursor.execute(statement)
        elif connection.vendor == "sqlite":
            for table in tables:
                cursor.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name=%s", [f"{table}_fts_ai"]
                )
                had_triggers = cursor.fetchone()[0] == 1
                for statement in _sqlite_statements(table):
                    cursor.execute(statement)
                if not had_triggers:
                    cursor.execute(f"DELETE FROM {table}_fts")  # noqa: S608 - fixed table names
                    cursor.execute(
                        f"INSERT INTO {table}_fts(rowid, search_document) "  # noqa: S608
                        f"SELECT id, search_document FROM {table}"
                    )


def drop_index(connection=None) -> None:
    connection = connection or default_connection
    with connection.cursor() as cursor:
        for table in INDEXED_TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP INDEX IF EXISTS {table}_search_vector_gin")
                cursor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
            elif connection.vendor == "sqlite":
                for suffix in ("ai", "ad", "au"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
                cursor.execute(f"DROP TABLE IF EXISTS {table}_fts")
