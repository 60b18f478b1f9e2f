"""Full-text search over the directory: a stored tsvector column with a GIN index on PostgreSQL, FTS5
tables on SQLite.

Both index the `search_document` column that services (and bulk writers) fill through
`refresh_derived()`. On PostgreSQL the database keeps `search_vector` (a generated column the models do
not know about) in step, so a query that filters a quarter first no longer parses a thousand documents
per request. On SQLite, triggers keep the FTS5 tables in step with every insert, update and delete,
so bulk_create and raw updates are covered too. `matching(queryset, query)` is the one entry point.
"""

import re

from django.db import connection as default_connection

# (table, index name) of the models whose `search_document` is indexed.
INDEXED_TABLES = ("actors_organisation", "actors_person")
WORD_RE = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def terms(query: str) -> list[str]:
    """The words of a search query (letters and digits only; everything else is a separator)."""
    return WORD_RE.findall((query or "").lower())[:MAX_TERMS]


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


def matching(queryset, query: str):
    """Narrow a queryset of Organisation or Person to the rows whose search document matches every word
    (as a prefix), using the full-text index of the database."""
    words = terms(query)
    if not words:
        return queryset
    table = queryset.model._meta.db_table
    if table not in INDEXED_TABLES:
        raise ValueError(f"{table} has no search index")
    vendor = default_connection.vendor
    if vendor == "postgresql":
        tsquery = " & ".join(f"{w}:*" for w in words)
        return queryset.extra(  # noqa: S610 - parameterised; the index expression needs raw SQL
            where=[f'"{table}"."search_vector" @@ to_tsquery(\'simple\', %s)'],
            params=[tsquery],
        )
    if vendor == "sqlite":
        fts_query = " ".join('"' + w.replace('"', "") + '"*' for w in words)
        return queryset.extra(  # noqa: S610 - parameterised; the index expression needs raw SQL
            where=[f'"{table}"."id" IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s)'],  # noqa: S608 - fixed table names, user input only as parameters
            params=[fts_query],
        )
    # Any other database: an unindexed fallback keeps the feature working.
    for w in words:
        queryset = queryset.filter(search_document__icontains=w)
    return queryset
