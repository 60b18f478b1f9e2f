"""Demo data: a contact log, fields of action with the team's time and an introduction in every quarter."""

import random
from datetime import timedelta
from decimal import Decimal

from quartierwerk.core import clock

from .models import AnnualReport, ContactLogEntry, FieldOfAction, TimeEntry

FIELDS = ("Wohnen und Wohnumfeld", "Nachbarschaft und Beteiligung", "Bildung und Arbeit", "Grün und Freiraum")
LANGUAGES = ("de", "de", "de", "ar", "uk", "tr", "ru", "en")
INTRODUCTION = (
    "In diesem Jahr hat das Quartiersmanagement die Anlaufstelle jeden Werktag geöffnet, Nachbarinnen und "
    "Nachbarn beraten und gemeinsam mit Vereinen und Initiativen viele kleine Projekte auf den Weg gebracht."
)
HIGHLIGHTS = "Das Stadtteilfest im Sommer, die neuen Bänke am Grünen Bogen und der Verfügungsfonds."
OUTLOOK = "Im kommenden Jahr stehen die Gestaltung des Grünen Bogens und ein neuer Nachbarschaftstreff an."


def load(demo) -> None:
    today = clock.today()
    for n, quarter in enumerate(demo.quarters.values()):
        if ContactLogEntry.objects.filter(quarter=quarter).exists():
            continue
        rng = random.Random(f"insights-{quarter.slug}")
        fields = [
            FieldOfAction.objects.get_or_create(quarter=quarter, title=title, defaults={"position": i})[0]
            for i, title in enumerate(FIELDS)
        ]
        entries = []
        for _i in range(24 + 6 * n):
            entries.append(
                ContactLogEntry(
                    quarter=quarter,
                    day=today - timedelta(days=rng.randrange(0, min(200, today.timetuple().tm_yday))),
                    channel=rng.choice(ContactLogEntry.Channel.values),
                    topic=rng.choice(ContactLogEntry.Topic.values),
                    language=rng.choice(LANGUAGES),
                    referred_to=rng.choice(ContactLogEntry.Referral.values),
                )
            )
        ContactLogEntry.objects.bulk_create(entries)
        TimeEntry.objects.bulk_create(
            TimeEntry(
                quarter=quarter,
                field=rng.choice(fields),
                day=today - timedelta(days=rng.randrange(0, min(120, today.timetuple().tm_yday))),
                hours=Decimal(rng.choice((1, 2, 2.5, 3, 4, 6))),
            )
            for _i in range(30)
        )
        AnnualReport.objects.get_or_create(
            quarter=quarter,
            year=today.year,
            kind=AnnualReport.Kind.PUBLIC,
            defaults={"introduction": INTRODUCTION, "highlights": HIGHLIGHTS, "outlook": OUTLOOK},
        )
