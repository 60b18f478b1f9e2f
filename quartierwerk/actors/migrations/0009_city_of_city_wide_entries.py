"""Directory entries belong to a city: taken from their quarter; city-wide entries get the only city, if there is one.

City-wide entries of a database with several cities stay without a city: only administrators see them
until one is chosen in the admin (they used to be visible to the staff of every city).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

MODELS = ("Organisation", "Person", "Group")


def fill_city(apps, schema_editor):
    City = apps.get_model("core", "City")
    Quarter = apps.get_model("core", "Quarter")
    only_city = list(City.objects.values_list("pk", flat=True)[:2])
    for name in MODELS:
        model = apps.get_model("actors", name)
        model.objects.filter(quarter__isnull=False).update(
            city_id=Subquery(Quarter.objects.filter(pk=OuterRef("quarter_id")).values("city_id")[:1])
        )
        if len(only_city) == 1:
            model.objects.filter(quarter__isnull=True, city__isnull=True).update(city_id=only_city[0])


def city_field():
    return models.ForeignKey(
        blank=True,
        help_text="The city the entry belongs to; city-wide entries are seen only by that city's staff.",
        null=True,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="core.city",
        verbose_name="city",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0008_search_vector_column"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(model_name="group", name="city", field=city_field()),
        migrations.AddField(model_name="organisation", name="city", field=city_field()),
        migrations.AddField(model_name="person", name="city", field=city_field()),
        migrations.RunPython(fill_city, migrations.RunPython.noop),
    ]
