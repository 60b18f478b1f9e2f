"""Reads of the news pages and feeds, each at a fixed number of queries."""

from django.db import models
from django.db.models import Q

from .models import NewsPost

LIST_FIELDS = ("city", "quarter")


def post(pk) -> NewsPost | None:
    return NewsPost.objects.select_related(*LIST_FIELDS).filter(pk=pk).first()


def posts_for(quarter=None, *, city=None, include_drafts: bool = False, topic: str = ""):
    """A quarter's posts with the city-wide ones of its city (or every post of a city), pinned ones first."""
    qs = NewsPost.objects.select_related(*LIST_FIELDS).defer("body")
    if quarter is not None:
        qs = qs.filter(Q(quarter=quarter) | Q(quarter__isnull=True, city_id=quarter.city_id))
    elif city is not None:
        qs = qs.filter(city=city)
    if not include_drafts:
        qs = qs.visible()
    if topic:
        # The topics are a JSON list of codes: its text holds the code in quotes on every database.
        qs = qs.filter(topics__icontains=f'"{topic}"')
    return qs.order_by("-is_pinned", "-publish_at", "-id")


def latest(quarter, n: int = 3) -> list[NewsPost]:
    return list(posts_for(quarter)[:n])


def recipients(issue):
    """The active subscribers an issue goes to: of its city, of its quarter (or of all quarters), of its topic."""
    from .models import Subscriber

    qs = Subscriber.objects.filter(city_id=issue.city_id, status=Subscriber.Status.ACTIVE)
    if issue.quarter_id:
        qs = qs.filter(Q(quarters__isnull=True) | Q(quarters=issue.quarter_id))
    if issue.topic:
        qs = qs.filter(Q(topics=[]) | Q(topics__icontains=f'"{issue.topic}"'))
    return qs.distinct().order_by("pk")


def upcoming_events(quarter=None, *, city=None, limit: int = 10):
    """Coming public events of a quarter (with the city's) for the composer."""
    from django.utils import timezone

    from quartierwerk.events.models import Event

    qs = Event.objects.filter(is_public=True, starts_at__gte=timezone.now()).exclude(status="cancelled")
    if quarter is not None:
        qs = qs.filter(Q(quarter=quarter) | Q(quarter__isnull=True, city_id=quarter.city_id))
    elif city is not None:
        qs = qs.filter(city=city)
    return qs.order_by("starts_at", "pk")[:limit]


def sent_issues(quarter):
    from .models import Issue

    return (
        Issue.objects.filter(status=Issue.Status.SENT)
        .filter(Q(quarter=quarter) | Q(quarter__isnull=True, city_id=quarter.city_id))
        .order_by("-sent_at", "-pk")
    )


def issue_figures(issue_ids) -> dict[int, dict[str, int]]:
    """Sent, bounced and unsubscribed per issue, in one query."""
    from django.db.models import Count

    from .models import Delivery

    rows = (
        Delivery.objects.filter(issue_id__in=issue_ids)
        .values("issue_id")
        .annotate(
            sent=Count("pk", filter=Q(sent_at__isnull=False)),
            bounced=Count("pk", filter=Q(bounced_at__isnull=False)),
            unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
        )
    )
    return {row["issue_id"]: row for row in rows}


def subscriber_counts(quarter) -> dict[str, int]:
    from django.db.models import Count

    from .models import Subscriber

    qs = Subscriber.objects.filter(city_id=quarter.city_id).filter(
        Q(quarters__isnull=True) | Q(quarters=quarter)
    )
    return qs.aggregate(
        active=Count("pk", distinct=True, filter=Q(status=Subscriber.Status.ACTIVE)),
        pending=Count("pk", distinct=True, filter=Q(status=Subscriber.Status.PENDING)),
        suspended=Count("pk", distinct=True, filter=Q(status=Subscriber.Status.SUSPENDED)),
    )


def documents_for(quarter, *, query: str = "", category: str = "", include_internal: bool = False):
    """A quarter's documents, searched in title and description: PostgreSQL's full-text search where it runs
    (German stemming, ranked), a plain case-insensitive match elsewhere."""
    from django.db import connection

    from .models import Document

    qs = Document.objects.filter(quarter=quarter).annotate(latest=models.Max("versions__number"))
    if not include_internal:
        qs = qs.filter(is_public=True)
    if category:
        qs = qs.filter(category=category)
    query = (query or "").strip()[:200]
    if query and connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("title", weight="A", config="german") + SearchVector(
            "description", weight="B", config="german"
        )
        search = SearchQuery(query, config="german", search_type="websearch")
        return (
            qs.annotate(rank=SearchRank(vector, search)).filter(rank__gt=0).order_by("-rank", "-updated_at")
        )
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(description__icontains=query))
    return qs.order_by("-updated_at", "-pk")
