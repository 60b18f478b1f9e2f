"""Benchmark data of the resource pool: resources of every kind per quarter, each with a timeframe and a
run of non-overlapping bookings over the coming weeks (so the exclusion constraint holds as in real use)."""

import datetime

from django.utils import timezone

from quartierwerk.core.benchdata import BenchContext, Endpoint

from .booking_rules import local_zone
from .models import Booking, Resource, Timeframe

KINDS = [k for k, _label in Resource.Kind.choices if k != "office_hours"]
NAMES = (
    "Lastenrad Beamer Raum Bus Zelt Bierbank Leinwand Grill Werkzeug Anhänger Musikanlage Pavillon".split()
)
PLACES = "Hof Vereinshaus Stadtteilladen Schule Kirche Bürgertreff Garage".split()


def generate(ctx: BenchContext) -> dict[str, int]:
    rng = ctx.rng
    per_quarter = ctx.per_quarter("resources")
    per_resource = max(1, ctx.counts["bookings"] // max(1, ctx.counts["resources"]))
    tz = local_zone()
    first = timezone.localdate()
    resources_total = bookings_total = 0
    for quarter in ctx.quarters:
        made = Resource.objects.bulk_create(
            [
                Resource(
                    quarter=quarter,
                    kind=rng.choice(KINDS),
                    name=f"{rng.choice(NAMES)} {n}",
                    description="Zum Ausleihen für Vereine im Quartier.",
                    place=rng.choice(PLACES),
                    bookable_by=Resource.Bookers.ANYONE,
                    buffer_minutes=rng.choice([0, 15, 30]),
                )
                for n in range(per_quarter)
            ],
            batch_size=ctx.batch_size,
        )
        resources_total += len(made)
        Timeframe.objects.bulk_create(
            [
                Timeframe(
                    resource=r, weekdays="0123456", opens_at=datetime.time(8), closes_at=datetime.time(20)
                )
                for r in made
            ],
            batch_size=ctx.batch_size,
        )
        batch = []
        for resource in made:
            for i in range(per_resource):
                # Four two-hour bookings a day, three hours apart: never overlapping, buffer included.
                start = datetime.datetime.combine(
                    first + datetime.timedelta(days=i // 4), datetime.time(8 + 3 * (i % 4)), tzinfo=tz
                )
                end = start + datetime.timedelta(hours=2)
                batch.append(
                    Booking(
                        resource=resource,
                        quarter=quarter,
                        booker=rng.choice(ctx.residents) if ctx.residents else None,
                        name="Bench",
                        starts_at=start,
                        ends_at=end,
                        blocked_until=end + datetime.timedelta(minutes=resource.buffer_minutes),
                        status=rng.choice(["requested", "approved", "approved", "cancelled"]),
                    )
                )
                if len(batch) >= ctx.batch_size:
                    bookings_total += len(Booking.objects.bulk_create(batch, batch_size=ctx.batch_size))
                    batch = []
        if batch:
            bookings_total += len(Booking.objects.bulk_create(batch, batch_size=ctx.batch_size))
    return {"resources": resources_total, "resource_bookings": bookings_total}


def endpoints(ctx: BenchContext) -> list[Endpoint]:
    quarter = ctx.quarters[0] if ctx.quarters else None
    resource = (
        Resource.objects.filter(quarter=quarter).exclude(kind="office_hours").order_by("pk").first()
        if quarter
        else None
    )
    if resource is None:
        return []
    params = {"resource": resource.pk, "day": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()}
    return [
        Endpoint("resources search", "/q/{quarter}/resources/"),
        Endpoint(
            "resources search (kind, free day)",
            "/q/{quarter}/resources/?kind=equipment&day={day}",
            params=params,
        ),
        Endpoint("resources calendar", "/q/{quarter}/resources/{resource}/", params=params),
        Endpoint("resources ical", "/q/{quarter}/resources/{resource}/calendar.ics", params=params),
        Endpoint(
            "resources api search", "/api/v1/resources/resources?quarter={quarter}&day={day}", params=params
        ),
        Endpoint("resources api busy", "/api/v1/resources/resources/{resource}/busy", params=params),
    ]
