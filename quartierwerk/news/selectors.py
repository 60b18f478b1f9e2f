"""Reads of the news pages and feeds, each at a fixed number of queries."""

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
