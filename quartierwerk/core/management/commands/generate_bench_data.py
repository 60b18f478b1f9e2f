"""Deterministic benchmark data at scale S (the demo), M (one big city) or L (a national platform)."""

import random
import time
from importlib import import_module
from importlib.util import find_spec

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from quartierwerk.core import demo, geo
from quartierwerk.core.benchdata import SCALES, BenchContext
from quartierwerk.core.models import City, Membership, Quarter, User
from quartierwerk.modules import MODULE_NAMES

DISTRICTS = [
    "Altstadt",
    "Nordviertel",
    "Südstadt",
    "Am Stadtpark",
    "Bahnhofsviertel",
    "Hafenviertel",
    "Lindenau",
    "Eichenhain",
    "Rosental",
    "Mühlenberg",
    "Kastanienhof",
    "Wiesengrund",
    "Sonnenhügel",
    "Brunnenviertel",
    "Gartenstadt",
    "Kirchberg",
    "Schlossblick",
    "Auenwald",
    "Birkenweg",
    "Feldmark",
    "Am Kanal",
    "Hochfeld",
    "Neue Mitte",
    "Ziegelei",
    "Weberviertel",
    "Uferstadt",
    "Marktviertel",
    "Waldsiedlung",
    "Heidekamp",
    "Steinbruch",
]
CITIES = [
    "Neustadt an der Aue",
    "Bergheim",
    "Lindenfeld",
    "Rheinau",
    "Talstadt",
    "Weidenbach",
    "Burgdorf",
    "Seestadt",
    "Hohenwerder",
    "Fichtenau",
    "Eichstadt",
    "Mühlhausen am See",
    "Sandberg",
    "Ostheim",
    "Westerholz",
    "Kronach am Fluss",
    "Rosenheide",
    "Lauterbach",
    "Falkenstein",
    "Grünwalde",
]
FIRST = [
    "Anna",
    "Jonas",
    "Leyla",
    "Paul",
    "Marie",
    "Ahmet",
    "Sofia",
    "Lukas",
    "Fatma",
    "Ben",
    "Mia",
    "Emil",
    "Olga",
    "Noah",
]
LAST = [
    "Schmidt",
    "Yilmaz",
    "Becker",
    "Nowak",
    "Wagner",
    "Hoffmann",
    "Kaya",
    "Schulz",
    "Neumann",
    "Popescu",
    "Krause",
]


def square(lat: float, lon: float, size: float = 0.018) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


class Command(BaseCommand):
    help = "Generate deterministic benchmark data (S = the demo, M = a big city, L = a national platform)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="S")
        parser.add_argument("--seed", type=int, default=20261121)
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, scale, seed, batch_size, **options):
        if scale != "S" and Quarter.objects.filter(slug__startswith="bench-").exists():
            raise CommandError("Benchmark data already exists in this database; use a fresh database.")
        started = time.monotonic()
        ctx = BenchContext(
            scale=scale, rng=random.Random(seed), counts=dict(SCALES[scale]), batch_size=batch_size
        )
        with transaction.atomic():
            self._core(ctx)
        self.stdout.write(
            f"core: {len(ctx.quarters)} quarters, {len(ctx.residents)} residents ({time.monotonic() - started:.1f}s)"
        )
        if scale == "S":
            # Scale S is the demo itself: every module has loaded its demo data already and only
            # adds what the load benchmark needs (`prepare`, optional).
            for name in MODULE_NAMES:
                if find_spec(f"quartierwerk.{name}.benchdata") is not None:
                    prepare = getattr(import_module(f"quartierwerk.{name}.benchdata"), "prepare", None)
                    if prepare is not None:
                        prepare(ctx)
            self.stdout.write(
                self.style.SUCCESS(f"scale S (the demo) ready in {time.monotonic() - started:.1f}s")
            )
            return
        t0 = time.monotonic()
        with transaction.atomic():
            made = import_module("quartierwerk.core.places.benchdata").generate(ctx)  # the address register
        self.stdout.write(f"places: {made} ({time.monotonic() - t0:.1f}s)")
        for name in MODULE_NAMES:
            if find_spec(f"quartierwerk.{name}.benchdata") is None:
                continue
            t0 = time.monotonic()
            with transaction.atomic():
                made = import_module(f"quartierwerk.{name}.benchdata").generate(ctx)
            self.stdout.write(f"{name}: {made} ({time.monotonic() - t0:.1f}s)")
        # Fresh planner statistics after bulk loading (autovacuum would get there later; the benchmark starts now).
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"scale {scale} generated in {time.monotonic() - started:.1f}s"))

    def _core(self, ctx: BenchContext) -> None:
        rng = ctx.rng
        password = make_password(demo.DEMO_PASSWORD)
        if ctx.scale == "S":
            d = demo.load()
            ctx.quarters = list(d.quarters.values())
            ctx.staff = {d.quarters["gruenau"].pk: d.users["staff"]}
            return
        else:
            n_quarters = ctx.counts["quarters"]
            n_cities = max(1, n_quarters // 20)
            cities = City.objects.bulk_create(
                [
                    City(
                        name=CITIES[i % len(CITIES)]
                        + (f" {i // len(CITIES) + 1}" if i >= len(CITIES) else ""),
                        slug=f"bench-city-{i}",
                    )
                    for i in range(n_cities)
                ]
            )
            quarters = []
            for i in range(n_quarters):
                city = cities[i % n_cities]
                row, col = divmod(i // n_cities, 5)
                quarter = Quarter(
                    city=city,
                    slug=f"bench-{i}",
                    name=f"{DISTRICTS[(i // n_cities) % len(DISTRICTS)]} ({city.name})",
                    programme=rng.choice(list(Quarter.Programme.values)),
                    operator=f"Stadtteilverein {DISTRICTS[i % len(DISTRICTS)]} e. V.",
                    summary="Anlaufstelle für Fragen, Ideen und Probleme im Viertel.",
                    contact_address=f"Marktstraße {i + 1}\n{10000 + i} {city.name}",
                    opening_hours="Di 10–13 Uhr\nDo 14–18 Uhr",
                    contact_email=f"qm-{i}@bench.quartierwerk.example",
                )
                geo.set_boundary(quarter, square(48.0 + (i % n_cities) * 0.3 + row * 0.02, 8.0 + col * 0.02))
                quarters.append(quarter)
            ctx.quarters = Quarter.objects.bulk_create(quarters, batch_size=ctx.batch_size)
            staff_users = User.objects.bulk_create(
                [
                    User(
                        email=f"staff-{q.slug}@bench.quartierwerk.example",
                        password=password,
                        display_name=f"QM {q.name}",
                    )
                    for q in ctx.quarters
                ],
                batch_size=ctx.batch_size,
            )
            Membership.objects.bulk_create(
                [
                    Membership(user=u, quarter=q, role="staff")
                    for u, q in zip(staff_users, ctx.quarters, strict=True)
                ],
                batch_size=ctx.batch_size,
            )
            TOTPDevice.objects.bulk_create(
                [
                    TOTPDevice(user=u, name="bench", key=demo.DEMO_TOTP_HEX, confirmed=True)
                    for u in staff_users
                ],
                batch_size=ctx.batch_size,
            )
            ctx.staff = {q.pk: u for q, u in zip(ctx.quarters, staff_users, strict=True)}
        n_users = ctx.counts["users"]
        offset = User.objects.count()
        residents = User.objects.bulk_create(
            [
                User(
                    email=f"resident-{offset + i}@bench.quartierwerk.example",
                    password=password,
                    display_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    email_confirmed_at=None,
                )
                for i in range(n_users)
            ],
            batch_size=ctx.batch_size,
        )
        Membership.objects.bulk_create(
            [
                Membership(user=u, quarter=ctx.quarters[i % len(ctx.quarters)], role="resident")
                for i, u in enumerate(residents)
            ],
            batch_size=ctx.batch_size,
        )
        ctx.residents = residents
