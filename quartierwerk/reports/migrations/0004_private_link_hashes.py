"""Follow links and answer links are no longer stored in clear: existing ones are kept as hashes."""

from django.db import migrations, models

import quartierwerk.core.tokens
from quartierwerk.core.tokens import link_secret, new_link_key, secret_hash

FOLLOW, ANSWER = "reports.follow", "reports.answer"


def hash_links(apps, schema_editor):
    """Links already sent keep working (their hash is kept); later mails carry a derived link."""
    Report = apps.get_model("reports", "Report")
    Forwarding = apps.get_model("reports", "Forwarding")
    for report in Report.objects.only("pk", "follow_token").iterator():
        key = new_link_key()
        Report.objects.filter(pk=report.pk).update(
            follow_key=key,
            follow_hash=secret_hash(link_secret(FOLLOW, key)),
            follow_legacy_hash=secret_hash(report.follow_token) if report.follow_token else None,
        )
    for forwarding in Forwarding.objects.only("pk", "token").iterator():
        key = new_link_key()
        Forwarding.objects.filter(pk=forwarding.pk).update(
            key=key,
            token_hash=secret_hash(link_secret(ANSWER, key)),
            legacy_token_hash=secret_hash(forwarding.token) if forwarding.token else None,
        )


def restore_links(apps, schema_editor):
    """Going back, the clear column gets the derived link (links sent before the change stop working)."""
    Report = apps.get_model("reports", "Report")
    Forwarding = apps.get_model("reports", "Forwarding")
    for report in Report.objects.only("pk", "follow_key").iterator():
        Report.objects.filter(pk=report.pk).update(follow_token=link_secret(FOLLOW, report.follow_key))
    for forwarding in Forwarding.objects.only("pk", "key").iterator():
        Forwarding.objects.filter(pk=forwarding.pk).update(token=link_secret(ANSWER, forwarding.key))


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_fixed_question")]

    operations = [
        migrations.AddField(
            model_name="report",
            name="follow_key",
            field=models.CharField(
                default=quartierwerk.core.tokens.new_link_key, editable=False, max_length=32
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="follow_hash",
            field=models.CharField(editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="report",
            name="follow_legacy_hash",
            field=models.CharField(editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="forwarding",
            name="key",
            field=models.CharField(
                default=quartierwerk.core.tokens.new_link_key, editable=False, max_length=32
            ),
        ),
        migrations.AddField(
            model_name="forwarding",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="forwarding",
            name="legacy_token_hash",
            field=models.CharField(editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="forwarding",
            name="link_revoked_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="answer link revoked"
            ),
        ),
        # Nullable first, so that going back can re-add the columns before refilling them.
        migrations.AlterField(
            model_name="report",
            name="follow_token",
            field=models.CharField(editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="forwarding",
            name="token",
            field=models.CharField(editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.RunPython(hash_links, restore_links, elidable=False),
        migrations.RemoveField(model_name="report", name="follow_token"),
        migrations.RemoveField(model_name="forwarding", name="token"),
    ]
