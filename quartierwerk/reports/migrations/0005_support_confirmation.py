"""Supports given with an e-mail address wait for confirmation; those counted before count as confirmed."""

from django.db import migrations, models
from django.db.models import F


def confirm_earlier_supports(apps, schema_editor):
    Support = apps.get_model("reports", "Support")
    Support.objects.filter(confirmed_at__isnull=True).update(confirmed_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_private_link_hashes"),
    ]

    operations = [
        migrations.AddField(
            model_name="support",
            name="confirm_token_hash",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="support",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="confirmed"),
        ),
        migrations.RunPython(confirm_earlier_supports, migrations.RunPython.noop),
    ]
