"""Demo data of the core: five quarters shaped after real programme areas, invented people and one user per role.

Everything here is invented; the quarter outlines are rough approximations of the real areas.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import demo_pictures, demo_translations, geo, theme
from .models import City, Membership, Quarter, QuarterPicture, TeamMember, User

DEMO_PASSWORD = "quartierwerk-demo"
# A fixed TOTP key for the demo accounts that need a second factor (base32: see DEMO_TOTP_BASE32).
DEMO_TOTP_HEX = "3132333435363738393031323334353637383930"
DEMO_TOTP_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def _ring(*points):
    pts = list(points) + [points[0]]
    return {"type": "Polygon", "coordinates": [[list(p) for p in pts]]}


CITIES = {"leipzig": "Leipzig", "leimen": "Leimen", "marburg": "Marburg"}

# Two cities with a look of their own (core/theme.py): an accent colour and an invented logo; Leimen keeps the
# standard. The logos go through the same sanitiser as an upload.
_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 40"><rect width="80" height="40" rx="4" fill="#fff"/>'
    '<path d="{shape}" fill="{colour}"/><text x="44" y="26" font-family="sans-serif" font-size="13" '
    'font-weight="600" fill="{colour}" text-anchor="middle">{initials}</text></svg>'
)
CITY_LOOKS = {
    "leipzig": {"accent": "#1a4a7a", "shape": "M4 6h16v28H4z", "initials": "LE"},
    "marburg": {"accent": "#8a1c2b", "shape": "M4 34 12 6l8 28z", "initials": "MR"},
}
FUNDERS = {"gruenau": ["staedtebaufoerderung", "eu"]}

QUARTERS = [
    {
        "slug": "gruenau",
        "city": "leipzig",
        "name": "Leipzig-Grünau",
        "programme": Quarter.Programme.SOCIAL_COHESION,
        "programme_detail": "Sozialer Zusammenhalt, seit 2021 mit Stadtumbau-Mitteln",
        "operator": "Stadtteilwerk Grünau gGmbH",
        "start": datetime.date(2019, 1, 1),
        "summary": "Das Quartiersmanagement Grünau ist Anlaufstelle bei Fragen, Ideen und Problemen im Viertel. "
        "Wir vernetzen Vereine, Einrichtungen und Wohnungsunternehmen, begleiten den Quartiersrat und den "
        "Verfügungsfonds und informieren über das Geschehen im Stadtteil.",
        "contact_name": "Stadtteilladen Grünau",
        "address": "Stuttgarter Allee 12\n04209 Leipzig",
        "hours": "Di 10–13 Uhr\nDo 14–18 Uhr\nund nach Vereinbarung",
        "phone": "0341 0000 101",
        "email": "qm-gruenau@demo.quartierwerk.example",
        "boundary": _ring(
            (12.255, 51.318), (12.283, 51.334), (12.312, 51.328), (12.306, 51.306), (12.276, 51.299)
        ),
        "team": [("Katrin Bergmann", "Quartiersmanagerin"), ("Yusuf Demir", "Quartiersmanager, Beteiligung")],
    },
    {
        "slug": "leipziger-osten",
        "city": "leipzig",
        "name": "Leipziger Osten",
        "programme": Quarter.Programme.SOCIAL_CITY,
        "programme_detail": "Soziale Stadt / Sozialer Zusammenhalt",
        "operator": "Quartiersbüro Ost e. V.",
        "start": datetime.date(2016, 4, 1),
        "summary": "Im Leipziger Osten leben Menschen aus über 100 Nationen. Das Quartiersmanagement unterstützt "
        "Initiativen, Migrantenorganisationen und Nachbarschaften und bringt sie mit Verwaltung und Politik zusammen.",
        "contact_name": "Quartiersbüro Leipziger Osten",
        "address": "Eisenbahnstraße 49\n04315 Leipzig",
        "hours": "Mo 13–17 Uhr\nMi 10–14 Uhr",
        "phone": "0341 0000 202",
        "email": "qm-osten@demo.quartierwerk.example",
        "boundary": _ring(
            (12.394, 51.336), (12.412, 51.351), (12.431, 51.348), (12.429, 51.332), (12.405, 51.327)
        ),
        "team": [("Miriam Schubert", "Quartiersmanagerin"), ("Tarek Haddad", "Netzwerkarbeit")],
    },
    {
        "slug": "connewitz",
        "city": "leipzig",
        "name": "Connewitz (Pilotquartier)",
        "programme": Quarter.Programme.MUNICIPAL,
        "programme_detail": "Kommunales Pilotprojekt auf Ratsbeschluss",
        "operator": "Stadt Leipzig, Amt für Stadterneuerung (Pilot)",
        "start": datetime.date(2024, 9, 1),
        "summary": "Connewitz erprobt ein Quartiersmanagement als Pilot: eine Anlaufstelle im Viertel, ein "
        "Stadtteilgespräch zweimal im Jahr und ein kleiner Fonds für Nachbarschaftsprojekte.",
        "contact_name": "Anlaufstelle Connewitz",
        "address": "Biedermannstraße 3\n04277 Leipzig",
        "hours": "Do 15–19 Uhr",
        "phone": "0341 0000 303",
        "email": "qm-connewitz@demo.quartierwerk.example",
        "boundary": _ring(
            (12.364, 51.300), (12.374, 51.313), (12.393, 51.311), (12.396, 51.294), (12.378, 51.289)
        ),
        "team": [("Jonas Reimann", "Quartiersmanager")],
    },
    {
        "slug": "leimen-innenstadt",
        "city": "leimen",
        "name": "Leimen Innenstadt",
        "programme": Quarter.Programme.STATE,
        "programme_detail": "Landesprogramm Soziale Integration im Quartier",
        "operator": "Nachbarschaftshilfe Kurpfalz e. V.",
        "start": datetime.date(2022, 3, 1),
        "summary": "Das Quartiersmanagement Leimen Innenstadt entwickelt mit den Menschen vor Ort Ideen für "
        "Begegnung, Grün und Nahversorgung in der Innenstadt.",
        "contact_name": "Quartiersbüro im Bürgerhaus",
        "address": "Rathausstraße 8\n69181 Leimen",
        "hours": "Mo und Mi 9–12 Uhr",
        "phone": "06224 0000 40",
        "email": "qm-leimen@demo.quartierwerk.example",
        "boundary": _ring(
            (8.682, 49.344), (8.686, 49.352), (8.698, 49.353), (8.701, 49.346), (8.692, 49.341)
        ),
        "team": [("Sabine Walter", "Quartiersmanagerin")],
    },
    {
        "slug": "marburg-stadtwald",
        "city": "marburg",
        "name": "Marburg Stadtwald-Ockershausen",
        "programme": Quarter.Programme.SOCIAL_COHESION,
        "programme_detail": "Sozialer Zusammenhalt",
        "operator": "Gemeinwesenarbeit Stadtwald e. V.",
        "start": datetime.date(2018, 7, 1),
        "summary": "Im Stadtwald und in Ockershausen vernetzt das Quartiersmanagement Nachbarschaft, Schule, "
        "Kitas und Vereine – vom AK Stadtwald bis zum Elternnetzwerk.",
        "contact_name": "Stadtteilbüro Stadtwald",
        "address": "Am Richtsberg 20\n35039 Marburg",
        "hours": "Di 9–12 Uhr\nDo 14–17 Uhr",
        "phone": "06421 0000 50",
        "email": "qm-stadtwald@demo.quartierwerk.example",
        "boundary": _ring(
            (8.735, 50.795), (8.738, 50.808), (8.755, 50.809), (8.760, 50.797), (8.748, 50.789)
        ),
        "team": [("Lena Hofmann", "Quartiersmanagerin"), ("Emre Aydın", "Jugend und Schule")],
    },
]

# One demo log-in per role (all in Leipzig-Grünau unless noted).
USERS = [
    ("resident", "bewohnerin@demo.quartierwerk.example", "Anna Krüger", "gruenau"),
    (
        "actor_representative",
        "verein@demo.quartierwerk.example",
        "Dirk Lehmann (Grünauer Nachbarn e. V.)",
        "gruenau",
    ),
    ("award_team", "vergabeteam@demo.quartierwerk.example", "Heike Vogel", "gruenau"),
    ("staff", "qm-gruenau@demo.quartierwerk.example", "Katrin Bergmann", "gruenau"),
    ("staff_other_quarter", "qm-osten@demo.quartierwerk.example", "Miriam Schubert", "leipziger-osten"),
    ("city_staff", "stadt@demo.quartierwerk.example", "Thomas Richter (Amt für Stadterneuerung)", "leipzig"),
    ("admin", "admin@demo.quartierwerk.example", "Administration", None),
]
NEEDS_TOTP = {"staff", "staff_other_quarter", "city_staff", "admin"}


@dataclass
class Demo:
    """What module demo loaders build on."""

    cities: dict[str, City] = field(default_factory=dict)
    quarters: dict[str, Quarter] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)


def _user(email, name, *, superuser=False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        if superuser:
            user = User.objects.create_superuser(email=email, password=DEMO_PASSWORD, display_name=name)
        else:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, display_name=name)
        user.email_confirmed_at = user.date_joined
        user.save(update_fields=["email_confirmed_at"])
    return user


@transaction.atomic
def load() -> Demo:
    """Create (or complete) the demo; running it again changes nothing."""
    demo = Demo()
    for slug, name in CITIES.items():
        demo.cities[slug], _ = City.objects.get_or_create(slug=slug, defaults={"name": name})
        look = CITY_LOOKS.get(slug)
        if look and not demo.cities[slug].accent_colour:
            city = demo.cities[slug]
            city.accent_colour = look["accent"]
            logo = _LOGO.format(shape=look["shape"], colour=look["accent"], initials=look["initials"])
            city.logo, city.logo_type = theme.sanitise_svg(logo.encode()), "image/svg+xml"
            city.save()
    for spec in QUARTERS:
        quarter = Quarter.objects.filter(slug=spec["slug"]).first()
        if quarter is None:
            quarter = Quarter(
                slug=spec["slug"],
                city=demo.cities[spec["city"]],
                name=spec["name"],
                programme=spec["programme"],
                programme_detail=spec["programme_detail"],
                operator=spec["operator"],
                start_date=spec["start"],
                summary=spec["summary"],
                contact_name=spec["contact_name"],
                contact_address=spec["address"],
                opening_hours=spec["hours"],
                contact_phone=spec["phone"],
                contact_email=spec["email"],
                funders=FUNDERS.get(spec["slug"], ["staedtebaufoerderung"]),
            )
            geo.set_boundary(quarter, spec["boundary"])
            quarter.save()
            for position, (name, role_title) in enumerate(spec["team"]):
                TeamMember.objects.create(
                    quarter=quarter, name=name, role_title=role_title, position=position
                )
        demo_translations.apply(quarter)
        if not QuarterPicture.objects.filter(quarter=quarter).exists():
            accent = quarter.accent_colour or quarter.city.accent_colour or "#1b3a6b"
            drawing = demo_pictures.illustration(spec["slug"], accent).encode()
            QuarterPicture.objects.create(
                quarter=quarter,
                image=theme.sanitise_svg(drawing),
                content_type="image/svg+xml",
                alt=demo_pictures.ALT[spec["slug"]],
                credit=demo_pictures.CREDIT,
            )
        demo.quarters[spec["slug"]] = quarter
    for role, email, name, where in USERS:
        user = _user(email, name, superuser=(role == "admin"))
        if role == "city_staff":
            Membership.objects.get_or_create(user=user, role=role, city=demo.cities[where], quarter=None)
        elif role != "admin":
            real_role = "staff" if role == "staff_other_quarter" else role
            Membership.objects.get_or_create(user=user, role=real_role, quarter=demo.quarters[where])
        if role in NEEDS_TOTP and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_HEX, confirmed=True)
        demo.users[role] = user
    from quartierwerk import modules
    from quartierwerk.core.places import demo as places_demo

    from . import demo_parties

    demo_parties.load(demo)
    places_demo.load(demo)
    modules.load_demo(demo)
    return demo


def login_table() -> list[tuple[str, str, str]]:
    """(role, e-mail, note) for every demo log-in, for printing."""
    rows = []
    for role, email, _name, where in USERS:
        note = f"{where}" if where else "all"
        if role in NEEDS_TOTP:
            note += " · TOTP"
        rows.append((role, email, note))
    return rows
