"""Benchmark data of the news module: news posts per quarter, newsletter subscribers of each city and one
sent issue with its deliveries. The volumes follow the scale's idea and user counts (news and subscribers grow
with them) unless the scale names `news` and `subscribers` itself."""

from datetime import timedelta

from django.utils import timezone

from quartierwerk.core.benchdata import BenchContext, Endpoint

from .models import Delivery, Issue, NewsPost, Subscriber, Topic

WORDS = (
    "Sommerfest Rabet Nachbarschaft Spielplatz Stadtteilladen Beratung Verfügungsfonds Werkstatt Garten "
    "Markt Musik Kinder Jugendtreff Bank Baum Straßenfest Flohmarkt Kiezspaziergang"
).split()
TOPICS = list(Topic.values)


def generate(ctx: BenchContext) -> dict[str, int]:
    rng = ctx.rng
    per_quarter = max(1, ctx.counts.get("news", ctx.counts["ideas"]) // max(1, len(ctx.quarters)))
    now = timezone.now()
    posts = 0
    for quarter in ctx.quarters:
        batch = [
            NewsPost(
                city_id=quarter.city_id,
                quarter=quarter,
                title=" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))),
                teaser=" ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 30))),
                body="<p>" + " ".join(rng.choice(WORDS) for _ in range(80)) + "</p>",
                topics=rng.sample(TOPICS, rng.randint(1, 2)),
                status=NewsPost.Status.PUBLISHED,
                publish_at=now - timedelta(minutes=rng.randint(1, 60 * 24 * 365)),
                is_pinned=n == 0,
            )
            for n in range(per_quarter)
        ]
        posts += len(NewsPost.objects.bulk_create(batch, batch_size=ctx.batch_size))
    subscribers = deliveries = 0
    per_city = max(1, ctx.counts.get("subscribers", ctx.counts["users"]))
    for city_id in sorted({q.city_id for q in ctx.quarters}):
        start = Subscriber.objects.filter(city_id=city_id).count()
        made = Subscriber.objects.bulk_create(
            [
                Subscriber(
                    city_id=city_id,
                    email=f"bench-leser-{city_id}-{start + i}@example.org",
                    status=Subscriber.Status.ACTIVE,
                    source=Subscriber.Source.WEB_FORM,
                    confirmed_at=now,
                    token=f"bench-{city_id}-{start + i}-{rng.getrandbits(64):x}",
                )
                for i in range(per_city)
            ],
            batch_size=ctx.batch_size,
        )
        subscribers += len(made)
        quarter = next(q for q in ctx.quarters if q.city_id == city_id)
        issue = Issue.objects.create(
            city_id=city_id,
            quarter=quarter,
            subject="Bench-Newsletter",
            body="Text",
            status=Issue.Status.SENT,
            sent_at=now,
        )
        deliveries += len(
            Delivery.objects.bulk_create(
                [Delivery(issue=issue, subscriber=s, status=Delivery.Status.SENT, sent_at=now) for s in made],
                batch_size=ctx.batch_size,
            )
        )
    return {"news_posts": posts, "news_subscribers": subscribers, "news_deliveries": deliveries}


def endpoints(ctx: BenchContext) -> list[Endpoint]:
    if not ctx.quarters:
        return []
    return [
        Endpoint("news list", "/q/{quarter}/news/"),
        Endpoint("news list by topic", "/q/{quarter}/news/?topic=events"),
        Endpoint("news rss", "/q/{quarter}/news/rss/"),
        Endpoint("news atom", "/q/{quarter}/news/atom/"),
        Endpoint("news newsletter archive", "/q/{quarter}/newsletter/archive/"),
        Endpoint("news documents", "/q/{quarter}/documents/?q=Sommerfest"),
    ]
