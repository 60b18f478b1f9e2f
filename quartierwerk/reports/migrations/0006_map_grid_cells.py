"""Map grid cells of reports (core.mapgrid): two integer columns with an index, filled for existing rows."""

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
    Model = apps.get_model("reports", "Report")
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


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_support_confirmation"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="cell_x",
            field=models.IntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="report",
            name="cell_y",
            field=models.IntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(fields=["quarter", "cell_x", "cell_y"], name="report_quarter_cell_idx"),
        ),
        migrations.RunPython(fill_cells, migrations.RunPython.noop, elidable=False),
    ]
