"""The newsletter consents recorded in the directory become subscribers, with the consent's source, text and time.

Only consents in force for a living entry are taken (not withdrawn, not expired, the person neither withdrawn,
anonymised nor merged, with an address); an address already on the city's list is left as it is.
"""

import secrets

from django.db import migrations
from django.db.models import Q
from django.utils import timezone


def forwards(apps, schema_editor):
    Consent = apps.get_model("actors", "Consent")
    Subscriber = apps.get_model("news", "Subscriber")
    today = timezone.localdate()
    consents = (
        Consent.objects.filter(for_newsletter=True, withdrawn_at__isnull=True)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .filter(
            person__withdrawn_at__isnull=True,
            person__anonymised_at__isnull=True,
            person__merged_into__isnull=True,
        )
        .exclude(person__email="")
        .select_related("person", "person__quarter")
        .order_by("given_at", "pk")
    )
    for consent in consents.iterator():
        person = consent.person
        city_id = person.city_id or (person.quarter.city_id if person.quarter_id else None)
        email = person.email.strip().lower()
        if city_id is None or not email:
            continue
        if Subscriber.objects.filter(city_id=city_id, email=email).exists():
            continue
        subscriber = Subscriber.objects.create(
            city_id=city_id,
            email=email,
            status="active",
            source="directory",
            source_detail=consent.source,
            person_id=person.pk,
            consent_text=consent.text,
            requested_at=consent.given_at,
            confirmed_at=consent.given_at,
            token=secrets.token_urlsafe(24),
        )
        if person.quarter_id:
            subscriber.quarters.add(person.quarter_id)


def backwards(apps, schema_editor):
    apps.get_model("news", "Subscriber").objects.filter(source="directory").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_newsletter"),
        ("actors", "0012_content_translations"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
