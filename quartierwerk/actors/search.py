"""Full-text search over the directory: a stored tsvector column with a GIN index on PostgreSQL, FTS5
tables on SQLite. The schema (column, index, FTS5 tables and triggers) is fixed SQL in migration
0010_search_schema_sql; this module only queries it.

Both index the `search_document` column that services (and bulk writers) fill through
`refresh_derived()`. On PostgreSQL the database keeps `search_vector` (a generated column the models do
not know about) in step, so a query that filters a quarter first no longer parses a thousand documents
per request. On SQLite, triggers keep the FTS5 tables in step with every insert, update and delete,
so bulk_create and raw updates are covered too. `matching(queryset, query)` is the one entry point.
"""

import re

from django.db import connection as default_connection
from django.db.models import IntegerField
from django.db.models.expressions import RawSQL

# (table, index name) of the models whose `search_document` is indexed.
INDEXED_TABLES = ("actors_organisation", "actors_person")
WORD_RE = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def terms(query: str) -> list[str]:
    """The words of a search query (letters and digits only; everything else is a separator)."""
    return WORD_RE.findall((query or "").lower())[:MAX_TERMS]


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
        from django.contrib.postgres.search import SearchQuery, SearchVectorExact, SearchVectorField

        # The column the GIN index covers; the models do not declare it (the database generates it).
        vector = RawSQL(f'"{table}"."search_vector"', [], output_field=SearchVectorField())  # noqa: S611 - a fixed column name
        tsquery = " & ".join(f"{w}:*" for w in words)
        return queryset.filter(
            SearchVectorExact(vector, SearchQuery(tsquery, config="simple", search_type="raw"))
        )
    if vendor == "sqlite":
        fts_query = " ".join('"' + w.replace('"', "") + '"*' for w in words)
        return queryset.filter(
            pk__in=RawSQL(  # noqa: S611 - fixed table names, the query only as a parameter
                f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s",  # noqa: S608 - fixed table names, user input only as parameters
                (fts_query,),
                output_field=IntegerField(),
            )
        )
    # Any other database: an unindexed fallback keeps the feature working.
    for w in words:
        queryset = queryset.filter(search_document__icontains=w)
    return queryset
