"""Addresses are unique without regard to letter case.

Accounts whose addresses differ only in letter case are not merged (which account keeps the roles, the
applications, the audit history is a decision for people): the migration stops with the list of those
addresses, and an administrator merges or renames them before running it again. Otherwise every address is
stored in lower case and the unique index on Lower(email) is created.
"""

from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower


def refuse_duplicates_then_lower(apps, schema_editor):
    User = apps.get_model("core", "User")
    duplicates = list(
        User.objects.annotate(address=Lower("email"))
        .values("address")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("address", flat=True)
        .order_by("address")
    )
    if duplicates:
        raise RuntimeError(
            "Cannot make e-mail addresses unique ignoring letter case: these addresses belong to more than one "
            "account (differing only in case). Merge or rename those accounts, then migrate again: "
            + ", ".join(duplicates)
        )
    for user in User.objects.exclude(email=Lower("email")).only("id", "email"):
        User.objects.filter(pk=user.pk).update(email=user.email.strip().lower())


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates_then_lower, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_message="An account with this e-mail address exists already.",
            ),
        ),
    ]
