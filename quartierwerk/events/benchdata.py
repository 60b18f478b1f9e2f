"""Benchmark data of the events module: events spread over a year per quarter (some weekly, some internal,
some with registration and a waiting list), inserted in bulk and drawn from ctx.rng."""

import datetime

from django.utils import timezone

from quartierwerk.core.benchdata import BenchContext, Endpoint

from .models import Event, Registration, Venue

TITLES = [
    "Stadtteilwerkstatt",
    "Nachbarschaftscafé",
    "Mieterversammlung",
    "Hoffest",
    "Sprechstunde",
    "Zukunftswerkstatt",
    "Kiezspaziergang",
    "Infoabend Verfügungsfonds",
    "Repair-Café",
    "Sitzung Arbeitskreis",
]
KINDS = [k for k in Event.Kind.values]
TOPICS = [t for t in Event.Topic.values]
LANGS = [["de"], ["de", "en"], ["de", "ar"], ["de", "tr"], ["de", "ru", "uk"]]


def generate(ctx: BenchContext) -> dict[str, int]:
    rng = ctx.rng
    per_quarter = ctx.per_quarter("events")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    venues = Venue.objects.bulk_create(
        [
            Venue(
                quarter=q, name=f"Treffpunkt {n + 1}", address=f"Hauptstraße {n + 1}", step_free=bool(n % 2)
            )
            for q in ctx.quarters
            for n in range(3)
        ],
        batch_size=ctx.batch_size,
    )
    by_quarter: dict[int, list[Venue]] = {}
    for v in venues:
        by_quarter.setdefault(v.quarter_id, []).append(v)
    events: list[Event] = []
    made_events = 0
    for quarter in ctx.quarters:
        for _ in range(per_quarter):
            start = now + datetime.timedelta(days=rng.randint(-60, 300), hours=rng.randint(-6, 6))
            weekly = rng.random() < 0.05
            registration = rng.random() < 0.2
            events.append(
                Event(
                    quarter=quarter,
                    city_id=quarter.city_id,
                    title=f"{rng.choice(TITLES)} {rng.randint(1, 999)}",
                    kind=rng.choice(KINDS),
                    topic=rng.choice(TOPICS),
                    description="Benchmark-Veranstaltung.",
                    starts_at=start,
                    ends_at=start + datetime.timedelta(hours=rng.randint(1, 4)),
                    recurrence=Event.Recurrence.WEEKLY if weekly else Event.Recurrence.NONE,
                    recurrence_until=(start + datetime.timedelta(days=180)).date() if weekly else None,
                    venue=rng.choice(by_quarter[quarter.pk]),
                    languages=rng.choice(LANGS),
                    childcare=rng.random() < 0.3,
                    is_public=rng.random() < 0.9,
                    registration_required=registration,
                    capacity=rng.randint(5, 40) if registration else None,
                )
            )
            if len(events) >= ctx.batch_size:
                made_events += len(_flush(events, ctx))
                events = []
    if events:
        made_events += len(_flush(events, ctx))
    registrations = _registrations(ctx)
    return {"venues": len(venues), "events": made_events, "registrations": registrations}


def _flush(events, ctx):
    return Event.objects.bulk_create(events, batch_size=ctx.batch_size)


def _registrations(ctx: BenchContext) -> int:
    """A few participants per event with registration: places first, the rest on the waiting list."""
    rng = ctx.rng
    residents = ctx.residents or []
    count = 0
    batch: list[Registration] = []
    quarter_ids = [q.pk for q in ctx.quarters]
    qs = Event.objects.filter(quarter_id__in=quarter_ids, registration_required=True).values_list(
        "pk", "capacity"
    )
    for event_id, capacity in qs.iterator(chunk_size=ctx.batch_size):
        n = rng.randint(0, (capacity or 10) + 3)
        for i in range(n):
            waiting = capacity is not None and i >= capacity
            user = residents[rng.randrange(len(residents))] if residents and rng.random() < 0.5 else None
            batch.append(
                Registration(
                    event_id=event_id,
                    user=user,
                    name=f"Teilnehmende {i + 1}",
                    email=f"teilnahme-{event_id}-{i}@bench.quartierwerk.example",
                    status=Registration.Status.WAITING if waiting else Registration.Status.CONFIRMED,
                    waiting_position=(i - capacity + 1) if waiting else None,
                )
            )
            if len(batch) >= ctx.batch_size:
                Registration.objects.bulk_create(batch, batch_size=ctx.batch_size)
                count += len(batch)
                batch = []
    if batch:
        Registration.objects.bulk_create(batch, batch_size=ctx.batch_size)
        count += len(batch)
    return count


def endpoints(ctx: BenchContext) -> list[Endpoint]:
    quarter = ctx.quarters[0] if ctx.quarters else None
    event_id = (
        # The same kind of event at every scale: public, without a group and without registration (a page
        # with registration counts its seats, one query more whatever the data size).
        Event.objects.filter(quarter=quarter, is_public=True, group__isnull=True, registration_required=False)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
        if quarter
        else None
    )
    result = [
        Endpoint("events calendar", "/q/{quarter}/events/"),
        Endpoint("events calendar month", "/q/{quarter}/events/?view=month"),
        Endpoint("events calendar filtered", "/q/{quarter}/events/?kind=workshop&step_free=1"),
        Endpoint("events city calendar", "/events/"),
        Endpoint("events ical all cities", "/events/feed.ics"),
        Endpoint("events rss all cities", "/events/rss/"),
        Endpoint("events api list all cities", "/api/v1/events/"),
        Endpoint("events ical quarter", "/q/{quarter}/events/feed.ics"),
        Endpoint("events rss quarter", "/q/{quarter}/events/rss/"),
        Endpoint("events api list", "/api/v1/events/?quarter={quarter}"),
        Endpoint("events staff calendar", "/q/{quarter}/staff/events/", login="staff"),
    ]
    if event_id:
        result += [
            Endpoint("events detail", "/q/{quarter}/events/{event}/", params={"event": event_id}),
            Endpoint("events api detail", "/api/v1/events/{event}", params={"event": event_id}),
        ]
    return result
