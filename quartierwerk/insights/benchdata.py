"""Benchmark data of insights: a contact log and the team's time in every quarter, and the rows that drive
the city's overview (every quarter side by side), a quarter's figures and the figures API."""

from datetime import timedelta
from decimal import Decimal

from quartierwerk.core import clock
from quartierwerk.core.benchdata import BenchContext, Endpoint

from .models import ContactLogEntry, FieldOfAction, TimeEntry

FIELDS = ("Wohnen", "Nachbarschaft", "Bildung", "Grün")


def generate(ctx: BenchContext) -> dict[str, int]:
    rng = ctx.rng
    per_quarter = ctx.per_quarter("events")  # about as many contacts as events: a busy contact point
    today = clock.today()
    days = max(1, today.timetuple().tm_yday)
    contacts = hours = 0
    topics, channels, referrals = (
        ContactLogEntry.Topic.values,
        ContactLogEntry.Channel.values,
        ContactLogEntry.Referral.values,
    )
    for quarter in ctx.quarters:
        fields = [
            FieldOfAction.objects.get_or_create(quarter=quarter, title=t, defaults={"position": i})[0]
            for i, t in enumerate(FIELDS)
        ]
        rows = [
            ContactLogEntry(
                quarter=quarter,
                day=today - timedelta(days=rng.randrange(days)),
                channel=rng.choice(channels),
                topic=rng.choice(topics),
                language=rng.choice(("de", "de", "ar", "uk", "tr")),
                referred_to=rng.choice(referrals),
            )
            for _i in range(per_quarter)
        ]
        contacts += len(ContactLogEntry.objects.bulk_create(rows, batch_size=ctx.batch_size))
        times = [
            TimeEntry(
                quarter=quarter,
                field=rng.choice(fields),
                day=today - timedelta(days=rng.randrange(days)),
                hours=Decimal(rng.choice((1, 2, 3, 4))),
            )
            for _i in range(max(1, per_quarter // 5))
        ]
        hours += len(TimeEntry.objects.bulk_create(times, batch_size=ctx.batch_size))
    return {"insights_contacts": contacts, "insights_time_entries": hours}


def endpoints(ctx: BenchContext) -> list[Endpoint]:
    quarter = ctx.quarters[0] if ctx.quarters else None
    if quarter is None:
        return []
    params = {"city": quarter.city.slug}
    return [
        Endpoint(
            "insights city overview (every quarter)",
            "/city/{city}/quarters/",
            login="city_staff",
            params=params,
        ),
        Endpoint("insights city overview (public)", "/city/{city}/quarters/", params=params),
        Endpoint("insights quarter figures", "/q/{quarter}/staff/figures/", login="staff"),
        Endpoint("insights api figures", "/api/v1/insights/quarters/{quarter}/figures"),
        Endpoint(
            "insights api city overview",
            "/api/v1/insights/cities/{city}/overview",
            login="city_staff",
            params=params,
        ),
    ]
