"""Demo data of the actors module: organisations with offers and points, persons with consent, groups, one
pending registration and a signed volunteer certificate in the demo quarters. All names are invented;
running it again changes nothing."""

import datetime

from django.utils.text import slugify

from .models import (
    Consent,
    Group,
    GroupMembership,
    Organisation,
    Person,
    Relationship,
    Representation,
    VolunteerEngagement,
)
from .services import unique_slug

# Demo organisations per quarter: (name, kind, topics, languages, offers, street, lat, lon, description)
DEMO_ORGANISATIONS = {
    "gruenau": [
        (
            "Grünauer Nachbarn e. V.",
            "association",
            ["neighbourhood", "culture"],
            ["de"],
            ["meeting_place", "volunteering"],
            "Stuttgarter Allee 20",
            51.3165,
            12.2830,
            "Nachbarschaftsverein mit Hoffesten, Repair-Café und Nachbarschaftshilfe.",
        ),
        (
            "Beratungsstelle Brücke Grünau",
            "social_service",
            ["integration", "family"],
            ["de", "ar", "fa"],
            ["counselling"],
            "Ludwigsburger Straße 5",
            51.3120,
            12.2905,
            "Sozial- und Migrationsberatung, auch auf Arabisch und Persisch.",
        ),
        (
            "Jugendclub Kirschberg",
            "youth_facility",
            ["youth", "sports"],
            ["de", "ru"],
            ["leisure", "rooms", "homework_help"],
            "Kirschbergstraße 30",
            51.3190,
            12.2700,
            "Offener Treff für Jugendliche von 12 bis 21 Jahren.",
        ),
        (
            "Grundschule am Wald",
            "school",
            ["education"],
            ["de"],
            ["rooms"],
            "Am Wald 3",
            51.3080,
            12.2960,
            "Grundschule mit Schulgarten und Elterncafé.",
        ),
        (
            "Kita Sonnenblume",
            "daycare",
            ["family", "education"],
            ["de", "tr"],
            ["childcare"],
            "Alte Salzstraße 60",
            51.3105,
            12.2780,
            "Kindertagesstätte mit 120 Plätzen.",
        ),
        (
            "Wohnungsgenossenschaft Lindenhof",
            "housing_company",
            ["housing"],
            ["de"],
            ["rooms"],
            "Stuttgarter Allee 40",
            51.3150,
            12.2870,
            "Genossenschaft mit Gemeinschaftsraum für Nachbarschaftsprojekte.",
        ),
    ],
    "leipziger-osten": [
        (
            "Frauenkreis Al-Nour",
            "migrant_organisation",
            ["integration", "family"],
            ["ar", "de"],
            ["counselling", "language_courses"],
            "Eisenbahnstraße 80",
            51.3450,
            12.4150,
            "Treffpunkt, Beratung und Deutschkurse von Frauen für Frauen.",
        ),
        (
            "Stadtteilladen Ost",
            "initiative",
            ["neighbourhood", "culture"],
            ["de", "en", "ar", "tr"],
            ["meeting_place", "rooms"],
            "Hermann-Liebmann-Straße 12",
            51.3420,
            12.4080,
            "Offener Laden für Initiativen, Nachbarschaftscafé jeden Mittwoch.",
        ),
        (
            "Jugendwerkstatt Rabet",
            "youth_facility",
            ["youth", "work"],
            ["de", "ar", "ku"],
            ["courses", "leisure"],
            "Rabet 2",
            51.3400,
            12.4010,
            "Holz- und Fahrradwerkstatt für Jugendliche.",
        ),
    ],
    "connewitz": [
        (
            "Initiative Grünes Connewitz",
            "initiative",
            ["environment"],
            ["de"],
            ["volunteering"],
            "Biedermannstraße 10",
            51.3030,
            12.3800,
            "Baumpatenschaften und Gemeinschaftsbeete.",
        ),
    ],
    "leimen-innenstadt": [
        (
            "Seniorentreff Leimen",
            "social_service",
            ["seniors"],
            ["de", "it"],
            ["meeting_place", "counselling"],
            "Rathausstraße 14",
            49.3475,
            8.6910,
            "Mittagstisch, Beratung und Ausflüge für Ältere.",
        ),
    ],
    "marburg-stadtwald": [
        (
            "Elternnetzwerk Stadtwald",
            "initiative",
            ["family", "education"],
            ["de", "ru", "ar"],
            ["counselling", "homework_help"],
            "Am Richtsberg 22",
            50.8000,
            8.7480,
            "Eltern helfen Eltern: Hausaufgabenhilfe und Übersetzung bei Elterngesprächen.",
        ),
        (
            "Jugendhaus Ockershausen",
            "youth_facility",
            ["youth"],
            ["de"],
            ["leisure", "rooms"],
            "Stadtwaldstraße 4",
            50.8030,
            8.7420,
            "Offene Kinder- und Jugendarbeit.",
        ),
    ],
}

DEMO_GROUPS = {
    "gruenau": [
        (
            "Quartiersrat Grünau",
            "neighbourhood_council",
            "Bewohner und Akteure beraten über Projekte im Stadtteil.",
        ),
        # The award team of the fund is created by the fund module's demo (with its seats).
        ("AG Jugend Grünau", "working_group", "Vernetzung der Jugendeinrichtungen."),
    ],
    "leipziger-osten": [("Netzwerk Integration Ost", "network", "Austausch der Migrantenorganisationen.")],
    "marburg-stadtwald": [
        ("AK Stadtwald", "working_group", "Arbeitskreis der Einrichtungen im Stadtwald."),
        ("Steuerungsgruppe Stadtwald", "steering_group", "Steuert das Programm Sozialer Zusammenhalt."),
    ],
}

DEMO_PERSONS = {
    "gruenau": [
        ("Petra", "Lindner", "Vorsitzende", 0),
        ("Samir", "Haddad", "Berater", 1),
        ("Jana", "Wolff", "Leiterin", 2),
    ],
    "leipziger-osten": [("Layla", "Mansour", "Koordinatorin", 0)],
    "marburg-stadtwald": [("Oksana", "Bauer", "Sprecherin", 0)],
}


def load(demo) -> None:
    """Idempotent demo directory: organisations with offers and points, persons with consent, groups, one
    pending registration and a signed volunteer certificate. All names are invented."""
    staff = demo.users.get("staff")
    for slug, rows in DEMO_ORGANISATIONS.items():
        quarter = demo.quarters.get(slug)
        if quarter is None:
            continue
        orgs = []
        for name, kind, topics, languages, offers, street, lat, lon, description in rows:
            org = Organisation.objects.filter(quarter=quarter, name=name).first()
            if org is None:
                org = Organisation(
                    quarter=quarter,
                    name=name,
                    slug=unique_slug(Organisation, quarter, name),
                    kind=kind,
                    topics=topics,
                    languages=[x for x in languages if x != "it"],
                    offers=offers,
                    street=street,
                    town=quarter.city.name,
                    lat=lat,
                    lon=lon,
                    description=description,
                    email=f"kontakt-{slugify(name)[:30]}@demo.quartierwerk.example",
                    public_fields=["address", "location", "email", "opening_hours", "contact_persons"],
                    opening_hours="Mo–Fr 10–16 Uhr",
                    status=Organisation.Status.VERIFIED,
                )
                org.refresh_derived()
                org.save()
            orgs.append(org)
        for first, last, role_title, org_index in DEMO_PERSONS.get(slug, []):
            email = f"{first.lower()}.{last.lower()}@demo.quartierwerk.example"
            person = Person.objects.filter(quarter=quarter, email=email).first()
            if person is None:
                person = Person(
                    quarter=quarter,
                    first_name=first,
                    last_name=last,
                    email=email,
                    role_title=role_title,
                    public_fields=["role_title"],
                )
                person.refresh_derived()
                person.save()
                Consent.objects.create(
                    person=person,
                    basis=Consent.Basis.CONSENT,
                    for_directory=True,
                    for_invitations=True,
                    text="Ich bin einverstanden, dass meine Kontaktdaten für Einladungen und das Verzeichnis genutzt werden.",
                    source=Consent.Source.PAPER_FORM,
                )
                Relationship.objects.create(
                    person=person,
                    organisation=orgs[org_index],
                    kind=Relationship.Kind.CONTACT_PERSON,
                    is_public=True,
                    start_date=datetime.date(2023, 1, 1),
                )
        for name, kind, purpose in DEMO_GROUPS.get(slug, []):
            group = Group.objects.filter(quarter=quarter, name=name).first()
            if group is None:
                group = Group.objects.create(
                    quarter=quarter,
                    name=name,
                    slug=unique_slug(Group, quarter, name),
                    kind=kind,
                    purpose=purpose,
                    meeting_rhythm="monatlich",
                )
                for i, org in enumerate(orgs[:3]):
                    GroupMembership.objects.create(
                        group=group,
                        organisation=org,
                        role="chair" if i == 0 else "member",
                        start_date=datetime.date(2024, 1, 1),
                    )
                for person in Person.objects.filter(quarter=quarter)[:1]:
                    GroupMembership.objects.create(
                        group=group, person=person, start_date=datetime.date(2024, 1, 1)
                    )
        if slug == "gruenau":
            if not Organisation.objects.filter(quarter=quarter, status=Organisation.Status.PENDING).exists():
                pending = Organisation(
                    quarter=quarter,
                    name="Initiative Lesepaten Grünau",
                    slug=unique_slug(Organisation, quarter, "Initiative Lesepaten Grünau"),
                    kind="initiative",
                    topics=["education"],
                    languages=["de"],
                    offers=["homework_help"],
                    status=Organisation.Status.PENDING,
                    submitted_by=demo.users.get("resident"),
                    description="Ehrenamtliche lesen mit Kindern.",
                )
                pending.refresh_derived()
                pending.save()
            volunteer = Person.objects.filter(quarter=quarter).order_by("pk").first()
            if volunteer and not VolunteerEngagement.objects.filter(person=volunteer).exists():
                VolunteerEngagement.objects.create(
                    quarter=quarter,
                    person=volunteer,
                    organisation=orgs[0],
                    activity="Organisation des Hoffests und des Repair-Cafés",
                    hours=120,
                    start_date=datetime.date(2025, 1, 1),
                    end_date=datetime.date(2025, 12, 31),
                    status=VolunteerEngagement.Status.CERTIFIED
                    if staff
                    else VolunteerEngagement.Status.RECORDED,
                    signed_by=staff,
                    signed_name=str(staff) if staff else "",
                    signed_at=datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC) if staff else None,
                )
        # The actor representative of the demo speaks for the first organisation of Grünau.
        rep_user = demo.users.get("actor_representative")
        if slug == "gruenau" and rep_user is not None:
            Representation.objects.get_or_create(
                organisation=orgs[0], user=rep_user, defaults={"status": Representation.Status.APPROVED}
            )
