"""Demo data: a cargo bike, a beamer, a meeting room and the office hours in every demo quarter (idempotent)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from quartierwerk.actors.models import Organisation

from .booking_rules import local_zone
from .models import Booking, Category, Resource, Timeframe

BIKE_NAMES = {
    "gruenau": "Lastenrad „Grüne Welle“",
    "leipziger-osten": "Lastenrad „Ostwind“",
    "connewitz": "Lastenrad „Kiezkutsche“",
    "leimen": "Lastenrad „Leimener Lotte“",
    "stadtwald": "Lastenrad „Waldläufer“",
}


def _frame(resource, **fields):
    Timeframe.objects.create(resource=resource, **fields)


def load(demo) -> None:
    now = timezone.now()
    tz = local_zone()
    resident = demo.users.get("resident")
    for slug, quarter in demo.quarters.items():
        if Resource.objects.filter(quarter=quarter).exists():
            continue
        orgs = list(Organisation.objects.filter(quarter=quarter).order_by("pk")[:2])
        vehicles = Category.objects.create(quarter=quarter, name="Lastenräder", max_days_per_week=3)
        bike = Resource.objects.create(
            quarter=quarter,
            owner=orgs[0] if orgs else None,
            category=vehicles,
            kind=Resource.Kind.EQUIPMENT,
            name=BIKE_NAMES.get(slug, "Lastenrad"),
            description="Elektrisches Lastenrad mit Kiste für zwei Kinder oder 80 kg Ladung, Schloss und Regenplane.",
            place="Hof hinter dem Stadtteilladen",
            deposit=Decimal("50.00"),
            bookable_by=Resource.Bookers.ANYONE,
            buffer_minutes=30,
            terms="Schäden bitte sofort melden. Bei grober Fahrlässigkeit haftet die entleihende Person. "
            "Akku voll geladen zurückgeben.",
        )
        _frame(bike, weekdays="0123456", opens_at=datetime.time(8), closes_at=datetime.time(20), max_hours=10)
        beamer = Resource.objects.create(
            quarter=quarter,
            owner=orgs[1] if len(orgs) > 1 else None,
            kind=Resource.Kind.EQUIPMENT,
            name="Beamer mit Leinwand",
            description="Beamer (HDMI), Leinwand 2 m, Verlängerungskabel.",
            place="Büro des Vereins",
            deposit=Decimal("20.00"),
            needs_approval=False,
        )
        _frame(beamer, weekdays="0123456", whole_days=True, max_days=3, lead_time_hours=24)
        room = Resource.objects.create(
            quarter=quarter,
            kind=Resource.Kind.ROOM,
            name="Gemeinschaftsraum im Stadtteilladen",
            description="Raum für 25 Personen mit Küchenzeile, barrierefrei erreichbar.",
            place=quarter.contact_address or "",
            buffer_minutes=15,
            terms="Schlüssel im Büro abholen und am nächsten Werktag zurückgeben. Raum besenrein hinterlassen.",
        )
        _frame(room, weekdays="0123456", opens_at=datetime.time(9), closes_at=datetime.time(22), max_hours=6)
        hours = Resource.objects.create(
            quarter=quarter,
            kind=Resource.Kind.OFFICE_HOURS,
            name="Sprechstunde im Quartiersbüro",
            description="Fragen zu Fördermitteln, Vereinsgründung, Nachbarschaft und Wohnen.",
            place=quarter.contact_address or "",
            bookable_by=Resource.Bookers.ANYONE,
            needs_approval=False,
            slot_minutes=20,
            languages="Arabisch, Türkisch, Ukrainisch",
            offers_interpreter=True,
        )
        _frame(hours, weekdays="13", opens_at=datetime.time(10), closes_at=datetime.time(12))
        _frame(hours, weekdays="3", opens_at=datetime.time(16), closes_at=datetime.time(18))
        # A few bookings so that the calendars show something taken.
        start = datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=3), datetime.time(10), tzinfo=tz
        )
        Booking.objects.create(
            resource=bike,
            quarter=quarter,
            booker=resident,
            name="Jana Winkler",
            email=resident.email if resident else "",
            purpose="Einkauf für das Hoffest",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            blocked_until=start + datetime.timedelta(hours=3, minutes=30),
            status=Booking.Status.REQUESTED,
            terms_accepted_at=now,
        )
        Booking.objects.create(
            resource=room,
            quarter=quarter,
            name="Mieterinitiative Nordblock",
            purpose="Treffen der Mieterinitiative",
            starts_at=start + datetime.timedelta(hours=8),
            ends_at=start + datetime.timedelta(hours=10),
            blocked_until=start + datetime.timedelta(hours=10, minutes=15),
            status=Booking.Status.APPROVED,
            pickup_code="K7M4QP",
            terms_accepted_at=now,
        )
