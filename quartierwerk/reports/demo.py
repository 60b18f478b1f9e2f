"""Demo data of the reports module: categories, responsible bodies, routing and invented reports."""

from datetime import timedelta

from django.utils import timezone

from .models import (
    Category,
    CategoryAttribute,
    Forwarding,
    PhotoSettings,
    Report,
    ReportUpdate,
    ResponsibleBody,
    RoutingRule,
)

CATEGORIES = [
    # code, name, group, kind, description, radius
    (
        "streetlight",
        "Straßenbeleuchtung defekt",
        "Straße und Verkehr",
        "problem",
        "Laterne aus, flackert oder brennt am Tag",
        50,
    ),
    (
        "rubbish",
        "Müll und Sperrmüll",
        "Sauberkeit",
        "problem",
        "Wilder Müll, volle Papierkörbe, Sperrmüll",
        50,
    ),
    (
        "playground",
        "Spielplatz beschädigt",
        "Grün und Spielen",
        "problem",
        "Kaputte Spielgeräte, Scherben, Vandalismus",
        80,
    ),
    (
        "crossing",
        "Gefährliche Stelle im Verkehr",
        "Straße und Verkehr",
        "problem",
        "Unübersichtliche Kreuzung, fehlender Überweg",
        100,
    ),
    ("noise", "Lärm", "Zusammenleben", "problem", "Wiederkehrender Lärm in der Nachbarschaft", 100),
    (
        "question",
        "Frage an das Quartiersmanagement",
        "Fragen und Ideen",
        "question",
        "Alles, was Sie wissen möchten",
        0,
    ),
    ("idea", "Idee für das Viertel", "Fragen und Ideen", "idea", "Was könnte das Viertel schöner machen?", 0),
]

BODIES = {
    # city slug: [(key, name, kind, email-local-part, days)]
    "leipzig": [
        ("light", "Verkehrs- und Tiefbauamt, Straßenbeleuchtung", "city", "beleuchtung", 10),
        ("clean", "Stadtreinigung", "utility", "stadtreinigung", 5),
        ("green", "Amt für Stadtgrün und Gewässer", "city", "stadtgruen", 14),
        ("traffic", "Verkehrs- und Tiefbauamt", "city", "verkehr", 21),
        ("housing", "Wohnungsgesellschaft Grünblick eG (fiktiv)", "housing", "service-gruenblick", 7),
    ],
    "leimen": [
        ("light", "Bauamt Leimen", "city", "bauamt-leimen", 10),
        ("clean", "Bauhof Leimen", "city", "bauhof-leimen", 5),
    ],
    "marburg": [
        ("light", "Fachdienst Tiefbau", "city", "tiefbau-marburg", 10),
        ("clean", "Dienstleistungsbetrieb Marburg", "utility", "dbm-marburg", 5),
        ("housing", "Wohnen am Richtsberg eG (fiktiv)", "housing", "service-richtsberg", 7),
    ],
}

ROUTES = {
    "streetlight": "light",
    "rubbish": "clean",
    "playground": "green",
    "crossing": "traffic",
    "noise": "housing",
}

# Invented reports: (category, offset east, offset north, days ago, status, text, address)
REPORTS = [
    (
        "streetlight",
        0.002,
        0.001,
        2,
        "open",
        "Die Laterne vor dem Hauseingang ist seit drei Tagen aus. Abends ist der Weg zur Haltestelle stockdunkel.",
        "Am Kirschberg 4",
    ),
    (
        "rubbish",
        -0.001,
        0.002,
        5,
        "forwarded",
        "Neben den Glascontainern liegen seit einer Woche Sperrmüll und Säcke.",
        "Containerplatz Ringstraße",
    ),
    (
        "playground",
        0.003,
        -0.002,
        12,
        "in_progress",
        "Die Schaukel am Spielplatz hat eine gerissene Kette.",
        "Spielplatz am Wäldchen",
    ),
    (
        "crossing",
        -0.003,
        -0.001,
        30,
        "acknowledged",
        "Kinder queren hier auf dem Schulweg, die Autos fahren zu schnell.",
        "Kreuzung Schulstraße",
    ),
    ("question", None, None, 8, "solved", "Wo kann ich meinen Antrag für den Verfügungsfonds abgeben?", ""),
    (
        "idea",
        0.0015,
        0.0025,
        20,
        "open",
        "Ein Gemeinschaftsgarten auf der Brachfläche hinter dem Einkaufszentrum wäre toll.",
        "Brachfläche Einkaufszentrum",
    ),
    (
        "noise",
        0.001,
        -0.003,
        45,
        "closed",
        "Nachts laute Musik aus dem Innenhof, jedes Wochenende.",
        "Innenhof Blockrand",
    ),
    ("streetlight", -0.002, 0.003, 60, "solved", "Laterne flackert ständig.", "Fußweg zum Park"),
]


def _centre(quarter):
    return ((quarter.min_lat + quarter.max_lat) / 2, (quarter.min_lon + quarter.max_lon) / 2)


def load(demo) -> None:
    categories = {}
    for position, (code, name, group, kind, description, radius) in enumerate(CATEGORIES):
        categories[code], _ = Category.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "group": group,
                "kind": kind,
                "description": description,
                "duplicate_radius_m": radius or 50,
                "position": position,
            },
        )
    CategoryAttribute.objects.get_or_create(
        category=categories["streetlight"],
        code="lamp_number",
        defaults={"description": "Nummer an der Laterne (falls sichtbar)", "datatype": "string", "order": 1},
    )
    CategoryAttribute.objects.get_or_create(
        category=categories["rubbish"],
        code="rubbish_type",
        defaults={
            "description": "Was liegt dort?",
            "datatype": "singlevaluelist",
            "order": 1,
            "values": [
                {"key": "bulky", "name": "Sperrmüll"},
                {"key": "bags", "name": "Müllsäcke"},
                {"key": "glass", "name": "Glas oder Scherben"},
                {"key": "other", "name": "Anderes"},
            ],
        },
    )
    for city_slug, specs in BODIES.items():
        city = demo.cities.get(city_slug)
        if city is None:
            continue
        bodies = {}
        for key, name, kind, local, days in specs:
            bodies[key], _ = ResponsibleBody.objects.get_or_create(
                city=city,
                name=name,
                defaults={"kind": kind, "email": f"{local}@demo.quartierwerk.example", "response_days": days},
            )
        for code, key in ROUTES.items():
            if key in bodies:
                RoutingRule.objects.get_or_create(
                    category=categories[code], city=city, defaults={"body": bodies[key]}
                )
    now = timezone.now()
    staff = demo.users.get("staff")
    for slug, quarter in demo.quarters.items():
        # Grünau's office shows residents' photos blurred until it has checked them; the others hold them back.
        PhotoSettings.objects.get_or_create(
            quarter=quarter,
            defaults={"mode": PhotoSettings.Mode.BLUR if slug == "gruenau" else PhotoSettings.Mode.HOLD},
        )
        if Report.objects.filter(quarter=quarter).exists() or quarter.min_lat is None:
            continue
        lat0, lon0 = _centre(quarter)
        specs = REPORTS if slug == "gruenau" else REPORTS[:4]
        for category, dx, dy, days, status, text, address in specs:
            created = now - timedelta(days=days, hours=3)
            report = Report.objects.create(
                quarter=quarter,
                category=categories[category],
                kind=categories[category].kind,
                status=status,
                description=text,
                lat=None if dx is None else round(lat0 + dy, 6),
                lon=None if dx is None else round(lon0 + dx, 6),
                address=address,
                reporter_name="Eine Nachbarin" if days % 2 else "",
                reporter_email="",
                created_at=created,
                updated_at=created + timedelta(days=1),
                first_answer_at=None if status == "open" else created + timedelta(hours=20),
                solved_at=created + timedelta(days=3) if status in ("solved", "closed") else None,
                support_count=days % 4,
            )
            rule = RoutingRule.objects.filter(category=report.category, city_id=quarter.city_id).first()
            if status == "forwarded" and rule and rule.body.email:
                # Forwarded a while ago and not answered yet: shows up as overdue in the inbox.
                forwarding = Forwarding.objects.create(
                    report=report,
                    body=rule.body,
                    email=rule.body.email,
                    sent_at=created + timedelta(days=1),
                    due_at=created + timedelta(days=1 + rule.body.response_days) - timedelta(days=10),
                )
                Report.objects.filter(pk=report.pk).update(body=rule.body, due_at=forwarding.due_at)
            if status != "open":
                ReportUpdate.objects.create(
                    report=report,
                    kind=ReportUpdate.Kind.STATUS,
                    created_at=created + timedelta(hours=20),
                    author=staff if slug == "gruenau" else None,
                    author_label=str(staff) if slug == "gruenau" and staff else "Quartiersmanagement",
                    old_status="open",
                    new_status=status,
                    text="Danke für die Meldung, wir kümmern uns darum.",
                )
