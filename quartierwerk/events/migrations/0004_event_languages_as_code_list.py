"""Event languages move from ",de,dgs," strings to a JSON list of BCP 47 codes (German Sign Language: gsg)."""

from django.db import migrations, models

import quartierwerk.core.languages

# Fixed here, not imported, so that later edits to the code list do not change what this migration does.
FORWARD = {"dgs": "gsg"}
BACKWARD = {"gsg": "dgs"}


def codes_from_string(text):
    out = []
    for code in (text or "").split(","):
        code = FORWARD.get(code.strip(), code.strip())
        if code and code not in out:
            out.append(code)
    return out or ["de"]


def to_lists(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    batch = []
    for event in Event.objects.only("pk", "languages").iterator(chunk_size=1000):
        event.language_list = codes_from_string(event.languages)
        batch.append(event)
        if len(batch) >= 1000:
            Event.objects.bulk_update(batch, ["language_list"])
            batch = []
    Event.objects.bulk_update(batch, ["language_list"])


def to_strings(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    batch = []
    for event in Event.objects.only("pk", "language_list").iterator(chunk_size=1000):
        codes = [BACKWARD.get(c, c) for c in event.language_list or []] or ["de"]
        event.languages = ("," + ",".join(codes) + ",")[:120]
        batch.append(event)
        if len(batch) >= 1000:
            Event.objects.bulk_update(batch, ["languages"])
            batch = []
    Event.objects.bulk_update(batch, ["languages"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_minutes_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="language_list",
            field=models.JSONField(default=list, blank=True),
        ),
        migrations.RunPython(to_lists, to_strings, elidable=False),
        migrations.RemoveField(model_name="event", name="languages"),
        migrations.RenameField(model_name="event", old_name="language_list", new_name="languages"),
        migrations.AlterField(
            model_name="event",
            name="languages",
            field=models.JSONField(
                blank=True, default=quartierwerk.core.languages.default_languages, verbose_name="languages"
            ),
        ),
    ]
