"""Demo data: one participation process in each demo quarter, each in another phase (idempotent)."""

from datetime import timedelta

from django.utils import timezone

from quartierwerk.core import clock

from .models import Ballot, Comment, Dot, Idea, Phase, Process, Support

# slug -> (title, goal, who, how, scope, limits, results, the phase running today, ideas)
PROCESSES = {
    "gruenau": (
        "Ideen für den Grünen Bogen",
        "Der Grüne Bogen zwischen Allee-Center und Schönauer Park wird neu gestaltet. Was wünschen Sie sich dort?",
        "Alle, die in Grünau wohnen, arbeiten oder zur Schule gehen; Kinder und Jugendliche über die Schulen.",
        "Ideen online und auf Papier beim Stadtteilfest (mit Codes), danach Punkte verteilen.",
        "Welche Angebote (Sitzplätze, Spielgeräte, Beete) in den Entwurf kommen.",
        "Die Lage der Wege und das Budget des Förderprogramms.",
        "Die fünf Ideen mit den meisten Punkten gehen in den Entwurf; jede Idee bekommt eine Antwort.",
        "collecting",
        [
            (
                "Bänke mit Lehne am Teich",
                "Für ältere Menschen fehlen Bänke mit Lehne und Armstützen.",
                "green",
                0.001,
                0.0005,
            ),
            (
                "Trinkbrunnen",
                "Im Sommer wäre ein Trinkbrunnen für Kinder und Sportler gut.",
                "green",
                -0.0008,
                0.0004,
            ),
            (
                "Calisthenics-Anlage",
                "Eine Anlage für Sport im Freien, offen für alle Altersgruppen.",
                "play",
                0.0004,
                -0.0006,
            ),
        ],
    ),
    "leipziger-osten": (
        "Eisenbahnstraße: sicher über die Straße",
        "Wo ist es schwierig, die Eisenbahnstraße zu überqueren? Wir sammeln Stellen und Vorschläge.",
        "Anwohnende, Gewerbetreibende, Eltern und Schulen entlang der Eisenbahnstraße.",
        "Kommentieren und unterstützen der gesammelten Vorschläge.",
        "Welche Stellen das Quartiersmanagement dem Verkehrs- und Tiefbauamt vorschlägt.",
        "Die Entscheidung über Ampeln trifft das Amt.",
        "Die Vorschläge gehen mit der Zahl der Unterstützungen an das Amt; die Antworten stehen hier.",
        "commenting",
        [
            (
                "Zebrastreifen an der Hermann-Liebmann-Straße",
                "Viele Kinder queren hier auf dem Schulweg.",
                "traffic",
                0.0005,
                0.0003,
            ),
            (
                "Längere Grünphase am Torgauer Platz",
                "Ältere Menschen schaffen die Straße nicht in einer Phase.",
                "traffic",
                -0.0004,
                -0.0002,
            ),
        ],
    ),
    "connewitz": (
        "Stadtteilwerkstatt Connewitzer Kreuz",
        "Wie soll der Platz am Connewitzer Kreuz genutzt werden? Setzen Sie Ihre Punkte.",
        "Alle Connewitzerinnen und Connewitzer.",
        "Jede Person hat fünf Punkte für die gesammelten Ideen, online oder mit Code in der Stadtteilwerkstatt.",
        "Die Reihenfolge, in der die Ideen umgesetzt werden.",
        "Die Verkehrsführung am Kreuz.",
        "Der Stadtbezirksbeirat nimmt das Ergebnis zur Kenntnis.",
        "prioritising",
        [
            (
                "Wochenmarkt am Samstag",
                "Ein kleiner Markt mit Ständen aus der Region.",
                "culture",
                0.0003,
                0.0004,
            ),
            ("Mehr Fahrradbügel", "Vor den Läden fehlen Abstellplätze.", "traffic", -0.0005, 0.0002),
            ("Schattenbäume", "Der Platz ist im Sommer zu heiß.", "green", 0.0002, -0.0005),
        ],
    ),
    "leimen-innenstadt": (
        "Zukunftswerkstatt Innenstadt",
        "Welche Ideen aus der Zukunftswerkstatt sollen weiterverfolgt werden? Wir werten gerade aus.",
        "Bewohnerinnen und Bewohner der Innenstadt, Vereine und Geschäfte.",
        "Zukunftswerkstatt vor Ort, Ideen online.",
        "Welche Ideen das Quartiersmanagement weiter verfolgt.",
        "Bauvorhaben privater Eigentümer.",
        "Die Auswertung wird im Gemeinderat vorgestellt.",
        "evaluation",
        [
            (
                "Leerstand als Treffpunkt",
                "Ein leeres Ladenlokal könnte ein Nachbarschaftscafé werden.",
                "social",
                0.0002,
                0.0002,
            ),
        ],
    ),
    "marburg-stadtwald": (
        "Spielplatz am Stadtwald",
        "Der Spielplatz wurde mit den Kindern geplant. Hier sind die Ergebnisse und Antworten.",
        "Kinder, Eltern und Nachbarn am Stadtwald.",
        "Ideen sammeln, dann Punkte vergeben.",
        "Welche Spielgeräte gebaut werden.",
        "Die Größe der Fläche.",
        "Der Bau beginnt im Frühjahr.",
        "results",
        [
            ("Kletterturm", "Ein Turm mit Rutsche für größere Kinder.", "play", 0.0003, 0.0001),
            ("Sandkasten mit Wasser", "Für die Kleinen: Sand und eine Pumpe.", "play", -0.0003, 0.0002),
        ],
    ),
}
# Title and goal the office also wrote in Arabic (core/multilingual.py).
TRANSLATIONS = {
    "gruenau": {
        "ar": {
            "title": "أفكار للقوس الأخضر",
            "goal": "سيُعاد تصميم القوس الأخضر بين مركز ألّيه وحديقة شوناو. ماذا تتمنّون هناك؟",
        }
    },
}
TIMELINE = ("information", "collecting", "commenting", "prioritising", "evaluation", "results")


def _timeline(process, running: str, today) -> None:
    """Phases of three weeks each, placed so that `running` covers today."""
    now = TIMELINE.index(running)
    for position, kind in enumerate(TIMELINE):
        start = today + timedelta(days=21 * (position - now) - 7)
        Phase.objects.create(process=process, kind=kind, starts_on=start, ends_on=start + timedelta(days=20))


def load(demo) -> None:
    today = clock.today()
    staff = demo.users.get("staff")
    resident = demo.users.get("resident")
    for slug, spec in PROCESSES.items():
        quarter = demo.quarters.get(slug)
        if quarter is None or Process.objects.filter(quarter=quarter).exists():
            continue
        title, goal, who, how, scope, limits, results, running, ideas = spec
        process = Process.objects.create(
            city=quarter.city,
            quarter=quarter,
            title=title,
            goal=goal,
            concept_who=who,
            concept_how=how,
            concept_scope=scope,
            concept_limits=limits,
            concept_results=results,
            status=Process.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(days=30),
            created_by=staff if slug == "gruenau" else None,
            translations=TRANSLATIONS.get(slug, {}),
        )
        _timeline(process, running, today)
        clat = (quarter.min_lat + quarter.max_lat) / 2 if quarter.min_lat is not None else None
        clon = (quarter.min_lon + quarter.max_lon) / 2 if quarter.min_lon is not None else None
        late = running in ("evaluation", "results")
        for n, (idea_title, text, category, dx, dy) in enumerate(ideas):
            idea = Idea.objects.create(
                process=process,
                quarter=quarter,
                title=idea_title,
                text=text,
                category=category,
                lat=None if clat is None else round(clat + dy, 6),
                lon=None if clon is None else round(clon + dx, 6),
                language="de",
                status=Idea.Status.TAKEN_UP
                if late and n == 0
                else Idea.Status.UNDER_CONSIDERATION
                if late
                else "new",
                answer="Das nehmen wir in die Planung auf."
                if late and n == 0
                else "Wir prüfen das mit dem Amt."
                if late
                else "",
                answered_at=timezone.now() if late else None,
                dot_count=(len(ideas) - n) * 3 if running in ("prioritising", "evaluation", "results") else 0,
            )
            if resident and n == 0 and slug == "gruenau":
                Comment.objects.create(
                    idea=idea, author=resident, text="Gute Idee, am besten auch mit Schatten."
                )
                Idea.objects.filter(pk=idea.pk).update(comment_count=1)
            if resident and n == 0 and slug != "gruenau":
                Support.objects.create(idea=idea, user=resident)
                Idea.objects.filter(pk=idea.pk).update(support_count=1)
        if running == "prioritising" and resident:
            phase = process.phases.get(kind="prioritising")
            first = process.ideas.order_by("pk").first()
            ballot = Ballot.objects.create(phase=phase, user=resident, budget=process.dots_per_person, used=2)
            Dot.objects.create(ballot=ballot, idea=first, points=2)
