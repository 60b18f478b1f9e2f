"""Map grid cells of organisations (core.mapgrid): two integer columns with an index, filled for existing rows.

On SQLite, AddField rebuilds actors_organisation and drops its full-text triggers; the statements of
0010_search_schema_sql are repeated at the end (copied, as that migration asks, not imported).
"""

import math

from django.db import migrations, models


def _cell_of(lat, lon):
    """The Web Mercator tile numbers at zoom 24 (a copy of core.mapgrid.cell_of as it was written)."""
    n = 2**24
    lat = max(-85.05112878, min(85.05112878, float(lat)))
    lon = max(-180.0, min(180.0, float(lon)))
    x = int((lon + 180.0) / 360.0 * n)
    rad = math.radians(lat)
    y = int((1.0 - math.log(math.tan(rad) + 1.0 / math.cos(rad)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def fill_cells(apps, schema_editor):
    Model = apps.get_model("actors", "Organisation")
    batch = []
    rows = Model.objects.filter(lat__isnull=False, lon__isnull=False).only("pk", "lat", "lon")
    for row in rows.order_by("pk").iterator(chunk_size=2000):
        row.cell_x, row.cell_y = _cell_of(row.lat, row.lon)
        batch.append(row)
        if len(batch) >= 2000:
            Model.objects.bulk_update(batch, ["cell_x", "cell_y"])
            batch = []
    if batch:
        Model.objects.bulk_update(batch, ["cell_x", "cell_y"])


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


def search_schema(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_SQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0010_search_schema_sql"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="cell_x",
            field=models.IntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="organisation",
            name="cell_y",
            field=models.IntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(
                condition=models.Q(("is_public", True), ("status", "verified")),
                fields=["cell_x", "cell_y"],
                name="org_public_cell_idx",
            ),
        ),
        migrations.RunPython(fill_cells, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(search_schema, migrations.RunPython.noop, elidable=False),
    ]
