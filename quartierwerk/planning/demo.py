"""Demo data: in each demo quarter an action plan published last year, its revision as this year's draft, and
projects at different stages with their funding."""

import datetime
from decimal import Decimal

from django.utils import timezone

from quartierwerk.core import clock

from .models import (
    ActionPlan,
    FieldOfAction,
    FundingSource,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    Milestone,
    Project,
)
from .services.plans import _copy_parts

# slug -> (title, adopted by, participants, [(field, [(goal, [measures], (indicator, unit, baseline, target))])])
PLANS = {
    "gruenau": (
        "Integriertes Handlungskonzept Grünau",
        "Quartiersrat Grünau",
        "Grünauer Nachbarn e. V.\nKinder- und Jugendtreff am Park\nWohnungsgenossenschaft Lindenhof",
        [
            (
                "Wohnumfeld und Grün",
                [
                    (
                        "Grünflächen zwischen den Wohnblöcken aufwerten",
                        ["Grüner Bogen neu gestalten", "Gemeinschaftsbeete an der Ringstraße"],
                        ("Neu gestaltete Grünfläche", "m²", "0", "12000"),
                    ),
                ],
            ),
            (
                "Nachbarschaft und Teilhabe",
                [
                    (
                        "Ältere Menschen im Quartier besser erreichen",
                        ["Seniorencafé im Stadtteilladen", "Besuchsdienst mit Ehrenamtlichen"],
                        ("Teilnehmende am Seniorencafé je Monat", "Personen", "25", "60"),
                    ),
                ],
            ),
        ],
    ),
    "leipziger-osten": (
        "Handlungskonzept Leipziger Osten",
        "Quartiersrat Leipziger Osten",
        "Netzwerk Eisenbahnstraße\nGewerbeverein Ost",
        [
            (
                "Lokale Ökonomie",
                [
                    (
                        "Leerstand in Erdgeschossen verringern",
                        ["Zwischennutzung leerer Läden", "Beratung für Gründende"],
                        ("Leere Ladenlokale an der Eisenbahnstraße", "Anzahl", "34", "20"),
                    ),
                ],
            ),
            (
                "Verkehr und öffentlicher Raum",
                [
                    (
                        "Sichere Wege zur Schule",
                        ["Querungshilfen vorschlagen", "Schulwegplan mit Eltern"],
                        ("Gesicherte Querungen", "Anzahl", "2", "6"),
                    ),
                ],
            ),
        ],
    ),
    "connewitz": (
        "Quartierskonzept Connewitz",
        "Stadtteilbeirat Connewitz",
        "Stadtteilverein Connewitz\nJugendclub Südost",
        [
            (
                "Soziale Infrastruktur",
                [
                    (
                        "Räume für Jugendliche schaffen",
                        ["Offener Treff am Wochenende", "Probenraum im Bürgerhaus"],
                        ("Öffnungsstunden für Jugendliche je Woche", "Stunden", "12", "30"),
                    ),
                ],
            ),
        ],
    ),
    "leimen-innenstadt": (
        "Integriertes Entwicklungskonzept Leimen-Innenstadt",
        "Lenkungsgruppe Soziale Stadt Leimen",
        "Bürgerverein Leimen\nFamilienzentrum Innenstadt",
        [
            (
                "Familien und Bildung",
                [
                    (
                        "Familien mit kleinen Kindern unterstützen",
                        ["Elterncafé im Familienzentrum", "Sprachkurse mit Kinderbetreuung"],
                        ("Familien in Angeboten", "Familien", "40", "90"),
                    ),
                ],
            ),
        ],
    ),
    "marburg-stadtwald": (
        "ISEK Stadtwald-Ockershausen",
        "Stadtteilgremium Stadtwald",
        "Gemeinwesenarbeit Stadtwald\nSportverein Ockershausen",
        [
            (
                "Zusammenleben und Begegnung",
                [
                    (
                        "Begegnungsorte im Stadtwald stärken",
                        ["Nachbarschaftsfest jedes Jahr", "Offenes Café im Gemeinschaftshaus"],
                        ("Besuche im Gemeinschaftshaus je Monat", "Besuche", "150", "300"),
                    ),
                ],
            ),
        ],
    ),
}


# slug -> [(title, stage, progress, place, [(kind, funder, applied, granted)])]
PROJECTS = {
    "gruenau": [
        (
            "Gemeinschaftsbeete an der Ringstraße",
            "running",
            60,
            "Ringstraße 12",
            [
                ("programme", "Sozialer Zusammenhalt", "18000", "15000"),
                ("own", "Wohnungsgenossenschaft Lindenhof", "2000", "2000"),
            ],
        ),
        (
            "Seniorencafé im Stadtteilladen",
            "funded",
            10,
            "Stadtteilladen",
            [("sponsor", "Sparkasse Leipzig", "1500", "1500")],
        ),
        ("Trinkbrunnen am Grünen Bogen", "idea", 0, "Grüner Bogen", []),
    ],
    "leipziger-osten": [
        (
            "Zwischennutzung leerer Läden",
            "funding_applied",
            5,
            "Eisenbahnstraße",
            [("programme", "Städtebauförderung", "25000", None)],
        ),
        ("Schulwegplan mit Eltern", "planning", 20, "Hermann-Liebmann-Straße", []),
    ],
    "connewitz": [
        (
            "Offener Jugendtreff am Wochenende",
            "running",
            45,
            "Bürgerhaus",
            [("programme", "Jugend stärken im Quartier", "12000", "12000")],
        ),
    ],
    "leimen-innenstadt": [
        (
            "Elterncafé im Familienzentrum",
            "completed",
            100,
            "Familienzentrum Innenstadt",
            [("sponsor", "Stadtwerke Leimen", "800", "800")],
        ),
        ("Sprachkurse mit Kinderbetreuung", "planning", 15, "Volkshochschule", []),
    ],
    "marburg-stadtwald": [
        (
            "Nachbarschaftsfest im Stadtwald",
            "funded",
            30,
            "Gemeinschaftshaus",
            [("own", "Gemeinwesenarbeit Stadtwald", "600", "600")],
        ),
    ],
}


def _projects(quarter, slug, today) -> None:
    if Project.objects.filter(quarter=quarter).exists():
        return
    goals = list(
        Goal.objects.filter(field_of_action__plan__quarter=quarter, field_of_action__plan__status="published")
    )
    for n, (title, stage, progress, place, sources) in enumerate(PROJECTS.get(slug, [])):
        project = Project.objects.create(
            quarter=quarter,
            title=title,
            description=f"{title}: ein Projekt des Quartiersmanagements mit Akteuren aus dem Stadtteil.",
            stage=stage,
            progress=progress,
            place=place,
        )
        if goals:
            project.goals.set([goals[n % len(goals)]])
        Milestone.objects.create(
            project=project,
            title="Auftakt mit den Beteiligten",
            due_on=today.replace(day=1),
            done_on=today.replace(day=1) if stage != "idea" else None,
        )
        Milestone.objects.create(
            project=project, title="Zwischenstand im Quartiersrat", due_on=today + datetime.timedelta(days=60)
        )
        planned = applied = granted = Decimal("0")
        for kind, funder, amount, grant in sources:
            state = "granted" if grant else "applied"
            FundingSource.objects.create(
                project=project,
                kind=kind,
                name=funder,
                state=state,
                amount_applied=Decimal(amount),
                amount_granted=Decimal(grant) if grant else None,
                period_start=datetime.date(today.year, 1, 1),
                period_end=datetime.date(today.year, 12, 31),
            )
            planned += Decimal(amount)
            applied += Decimal(amount)
            granted += Decimal(grant) if grant else Decimal("0")
        Project.objects.filter(pk=project.pk).update(
            budget_planned=planned, budget_applied=applied, budget_granted=granted
        )


def load(demo) -> None:
    today = clock.today()
    last_year = today.year - 1
    for slug, (title, body, participants, fields) in PLANS.items():
        quarter = demo.quarters.get(slug)
        if quarter is None or ActionPlan.objects.filter(quarter=quarter).exists():
            continue
        plan = ActionPlan.objects.create(
            quarter=quarter,
            year=last_year,
            title=title,
            summary="Das Handlungskonzept beschreibt, woran das Quartiersmanagement mit den Akteuren arbeitet.",
            status=ActionPlan.Status.PUBLISHED,
            adopted_by=body,
            adopted_on=datetime.date(last_year, 3, 15),
            revision_participants=participants,
            published_at=timezone.now(),
        )
        for f_pos, (field_title, goals) in enumerate(fields):
            field = FieldOfAction.objects.create(plan=plan, title=field_title, position=f_pos)
            for g_pos, (goal_title, measures, (name, unit, baseline, target)) in enumerate(goals):
                goal = Goal.objects.create(field_of_action=field, title=goal_title, position=g_pos)
                for m_pos, measure in enumerate(measures):
                    Measure.objects.create(goal=goal, title=measure, position=m_pos)
                indicator = Indicator.objects.create(
                    goal=goal, name=name, unit=unit, baseline=Decimal(baseline), target=Decimal(target)
                )
                middle = (Decimal(baseline) + Decimal(target)) / 2
                IndicatorValue.objects.create(
                    indicator=indicator,
                    measured_on=datetime.date(last_year, 12, 31),
                    value=middle.quantize(Decimal("0.01")),
                    source="Zählung des Quartiersmanagements",
                )
        # This year's revision, still a draft: one goal sharpened, one measure added.
        draft = ActionPlan.objects.create(
            quarter=quarter, year=today.year, title=title, summary=plan.summary, revised_from=plan
        )
        _copy_parts(plan, draft)
        goal = Goal.objects.filter(field_of_action__plan=draft).order_by("id").first()
        goal.description = "Mit den Bewohnerinnen und Bewohnern geplant und bis Jahresende umgesetzt."
        goal.save()
        Measure.objects.create(
            goal=goal, title="Pflegepatenschaften mit Nachbarinnen und Nachbarn", position=9
        )
    for slug in PROJECTS:
        quarter = demo.quarters.get(slug)
        if quarter is not None:
            _projects(quarter, slug, today)
