"""Demo data: the Connewitz motion with its whole procedure, and a decision with points in each demo quarter.

The shape follows a real procedure of a city council (motion, revision, statement with an alternative
proposal, decision with three points, final report); the names of factions, offices and people are invented.
"""

import datetime
from datetime import timedelta

from django.utils import timezone

from quartierwerk.core import clock

from .models import (
    AgendaItem,
    Consultation,
    File,
    LegislativeTerm,
    Location,
    Meeting,
    Organization,
    Paper,
    PaperQuarter,
    QuarterKeyword,
    ResolutionPoint,
    StatusReport,
)
from .services import body_for

D = datetime.date
OFFICE = Organization.Kind.OFFICE

POINTS = [
    (
        "Schnellstmöglich wird unter Leitung des Oberbürgermeisters ein erstes Stadtteilgespräch in Connewitz "
        "durchgeführt.",
        "Dezernat Stadtentwicklung",
        D(2020, 9, 30),
        "Das Stadtteilgespräch fand am 29.09.2020 in einer Veranstaltungshalle im Stadtteil statt, mit dem "
        "Oberbürgermeister, Beigeordneten, der Polizei und Vertretungen lokaler Gruppen.",
    ),
    (
        "Als Koordinierungsstelle für Bürgerbeteiligung organisiert die Koordinierungsstelle eine erste "
        "Stadtwerkstatt zur Weiterentwicklung der lokalen Demokratie bzw. lokalen Verwaltung. Die Ergebnisse "
        "werden der Ratsversammlung zur Kenntnis gegeben.",
        "Koordinierungsstelle Bürgerbeteiligung",
        D(2020, 12, 31),
        "Die Stadtwerkstatt „Mehr Lebensqualität vor Ort: Wie wollen wir künftig zusammenarbeiten?“ fand am "
        "21.10.2020 statt. Die Dokumentation ist veröffentlicht; die Erkenntnisse fließen in die "
        "Stadtteilkoordination und die Zwischenevaluierung des Stadtentwicklungskonzepts ein.",
    ),
    (
        "Vor dem Stadtteilgespräch und der Stadtwerkstatt ist dem Stadtrat das Beteiligungskonzept zur "
        "Kenntnis zu geben; der Entwurf wird mit dem Sachverständigengremium Bürgerbeteiligung vorberaten.",
        "Koordinierungsstelle Bürgerbeteiligung",
        D(2020, 6, 30),
        "Der geplante Ablauf der Stadtwerkstatt wurde im Forum Bürgerbeteiligung am 18.05.2020 vorgestellt und "
        "diskutiert.",
    ),
]

# slug -> (reference, title, point texts with (office, days from today to the deadline, status))
QUARTER_DECISIONS = {
    "gruenau": (
        "VII-A-01120",
        "Grüner Bogen: Sitzplätze und Trinkbrunnen",
        [
            (
                "Am Grünen Bogen werden zehn Bänke mit Lehne aufgestellt.",
                "Amt für Stadtgrün und Gewässer",
                -20,
                "in_progress",
            ),
            ("Ein Trinkbrunnen wird geprüft.", "Amt für Stadtgrün und Gewässer", 20, "open"),
        ],
    ),
    "leipziger-osten": (
        "VII-A-01187",
        "Sichere Querungen an der Eisenbahnstraße",
        [
            ("Die Verwaltung prüft zwei zusätzliche Querungshilfen.", "Verkehrs- und Tiefbauamt", 90, "open"),
            (
                "Der Stadtbezirksbeirat wird über das Ergebnis informiert.",
                "Verkehrs- und Tiefbauamt",
                150,
                "open",
            ),
        ],
    ),
    "connewitz": (
        "VII-A-01302",
        "Stadtteilkoordination in Connewitz verstetigen",
        [
            (
                "Die Stadtteilkoordination wird bis Jahresende ausgeschrieben.",
                "Amt für Wohnungsbau und Stadterneuerung",
                10,
                "in_progress",
            )
        ],
    ),
    "leimen-innenstadt": (
        "GR-2025-014",
        "Barrierefreier Zugang zum Rathausplatz",
        [("Die Rampe am Rathausplatz wird geplant und gebaut.", "Bauamt", 60, "open")],
    ),
    "marburg-stadtwald": (
        "VO/0412/2025",
        "Nachbarschaftstreff im Stadtwald",
        [("Der Mietvertrag für den Treff wird verlängert.", "Fachdienst Soziale Leistungen", -5, "open")],
    ),
}


def _org(body, kind, name, **extra) -> Organization:
    org, _created = Organization.objects.get_or_create(body=body, kind=kind, name=name, defaults=extra)
    return org


def _paper(body, reference, kind, **fields) -> tuple[Paper, bool]:
    paper = Paper.objects.filter(body=body, reference=reference, kind=kind).first()
    if paper:
        return paper, False
    return Paper.objects.create(body=body, reference=reference, kind=kind, **fields), True


def _connewitz(demo) -> None:
    quarter = demo.quarters.get("connewitz")
    if quarter is None:
        return
    body = body_for(quarter.city)
    LegislativeTerm.objects.get_or_create(
        body=body,
        name="Wahlperiode 2019–2024",
        defaults={"start_date": D(2019, 7, 1), "end_date": D(2024, 6, 30)},
    )
    council = _org(body, Organization.Kind.COUNCIL, "Ratsversammlung")
    district = _org(body, Organization.Kind.DISTRICT_COUNCIL, "Stadtbezirksbeirat Süd")
    district.quarters.add(quarter)
    committee = _org(body, Organization.Kind.COMMITTEE, "Fachausschuss Stadtentwicklung und Bau")
    faction = _org(body, Organization.Kind.FACTION, "Fraktion Stadtgrün")
    lead = _org(body, OFFICE, "Dezernat Stadtentwicklung", email="dezernat-stadtentwicklung@example.org")
    ref = "VII-A-00692"
    motion, created = _paper(
        body,
        ref,
        Paper.Kind.MOTION,
        name="Nachbarschaften stärken, Quartiersmanagements ausbauen – Pilotprojekt für Gemeinwesenarbeit in Connewitz",
        date=D(2019, 12, 5),
        summary="Die Stadt prüft einen Ausbau von Quartiersmanagements über die bestehenden Strukturen hinaus und "
        "schreibt als Pilotprojekt ein Quartiersmanagement mit dem Schwerpunkt Gemeinwesenarbeit für Connewitz aus.",
        lead_office=lead,
    )
    if not created:
        return
    motion.originators.add(faction)
    statement = Paper.objects.create(
        body=body,
        kind=Paper.Kind.STATEMENT,
        statement_option=Paper.Option.ALTERNATIVE,
        reference=f"{ref}-VSP-01",
        name="Verwaltungsstandpunkt: Stadtteilgespräch und Stadtwerkstatt statt Pilotverfahren",
        date=D(2020, 2, 12),
        summary="Alternativvorschlag: ein Stadtteilgespräch unter Leitung des Oberbürgermeisters und eine "
        "Stadtwerkstatt zur Weiterentwicklung des Quartiersmanagement-Ansatzes.",
        statement_on=motion,
        lead_office=lead,
    )
    statement.originators.add(lead)
    revision = Paper.objects.create(
        body=body,
        kind=Paper.Kind.REVISED_MOTION,
        reference=f"{ref}-NF-02",
        name="Neufassung: Nachbarschaften stärken, Quartiersmanagements ausbauen",
        date=D(2020, 4, 16),
        summary="Die Fraktion übernimmt den Alternativvorschlag und ergänzt ein Beteiligungskonzept, das vorab "
        "dem Stadtrat zur Kenntnis gegeben wird.",
        revision_of=motion,
        lead_office=lead,
    )
    revision.originators.add(faction)
    decision = Paper.objects.create(
        body=body,
        kind=Paper.Kind.DECISION,
        reference=f"{ref}-B",
        name="Beschluss: Nachbarschaften stärken, Quartiersmanagements ausbauen",
        date=D(2020, 5, 20),
        summary="Der Antrag wurde in der Fassung der Neufassung mehrheitlich beschlossen.",
        decides=revision,
        lead_office=lead,
    )
    report = Paper.objects.create(
        body=body,
        kind=Paper.Kind.STATUS_REPORT,
        reference=f"{ref}-SB-03",
        name="Endbericht zum Stand der Umsetzung",
        date=D(2022, 8, 3),
        statement_on=decision,
        lead_office=lead,
    )
    report.originators.add(lead)
    for paper in (motion, statement, revision, decision, report):
        PaperQuarter.objects.get_or_create(paper=paper, quarter=quarter, defaults={"confirmed": True})
        File.objects.create(
            body=body,
            paper=paper,
            is_main=True,
            name=paper.name,
            file_name=f"{paper.reference}.pdf",
            mime_type="application/pdf",
            date=paper.date,
            access_url=f"https://ratsinfo.example.org/dokumente/{paper.reference}.pdf",
        )
    Consultation.objects.create(
        paper=revision,
        organization=district,
        role="Anhörung",
        date=D(2020, 4, 27),
        result="zur Kenntnis genommen",
    )
    Consultation.objects.create(
        paper=revision, organization=committee, role="Vorberatung", date=D(2020, 5, 5), result="Zustimmung"
    )
    place = Location.objects.create(
        body=body,
        description="Neues Rathaus, Ratssaal",
        street_address="Martin-Luther-Ring 4-6",
        postal_code="04109",
        locality="Leipzig",
    )
    meeting = Meeting.objects.create(
        body=body,
        name="Ratsversammlung",
        start=timezone.make_aware(datetime.datetime(2020, 5, 20, 14, 0)),
        end=timezone.make_aware(datetime.datetime(2020, 5, 20, 20, 0)),
        location=place,
    )
    meeting.organizations.add(council)
    item = AgendaItem.objects.create(
        meeting=meeting,
        number="18.4",
        order=1,
        name=revision.name,
        result="mehrheitlich beschlossen",
        resolution_text=" ".join(text for text, *_rest in POINTS),
    )
    Consultation.objects.create(
        paper=revision,
        meeting=meeting,
        agenda_item=item,
        organization=council,
        role="Beschlussfassung",
        authoritative=True,
        date=D(2020, 5, 20),
        result="mehrheitlich beschlossen",
    )
    for number, (text, office, deadline, final) in enumerate(POINTS, start=1):
        point = ResolutionPoint.objects.create(
            paper=decision,
            number=number,
            text=text,
            responsible_office=_org(body, OFFICE, office),
            deadline=deadline,
            status=ResolutionPoint.Status.DONE,
        )
        StatusReport.objects.create(
            point=point, date=D(2022, 8, 3), status=ResolutionPoint.Status.DONE, text=final, paper=report
        )
    for word in ("Connewitz", "Stadtbezirk Süd"):
        QuarterKeyword.objects.get_or_create(quarter=quarter, word=word)


def _quarter_decisions(demo) -> None:
    today = clock.today()
    for slug, (reference, title, points) in QUARTER_DECISIONS.items():
        quarter = demo.quarters.get(slug)
        if quarter is None:
            continue
        body = body_for(quarter.city)
        QuarterKeyword.objects.get_or_create(quarter=quarter, word=quarter.name)
        decision, created = _paper(
            body,
            reference,
            Paper.Kind.DECISION,
            name=title,
            date=today - timedelta(days=200),
            lead_office=None,
        )
        if not created:
            continue
        PaperQuarter.objects.create(paper=decision, quarter=quarter, confirmed=True)
        council = _org(
            body,
            Organization.Kind.COUNCIL,
            "Ratsversammlung" if quarter.city.slug == "leipzig" else "Gemeinderat",
        )
        Consultation.objects.create(
            paper=decision,
            organization=council,
            role="Beschlussfassung",
            authoritative=True,
            date=decision.date,
            result="beschlossen",
        )
        for number, (text, office, days, status) in enumerate(points, start=1):
            ResolutionPoint.objects.create(
                paper=decision,
                number=number,
                text=text,
                responsible_office=_org(body, OFFICE, office),
                deadline=today + timedelta(days=days),
                status=status,
            )


def load(demo) -> None:
    _connewitz(demo)
    _quarter_decisions(demo)
