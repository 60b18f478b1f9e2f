"""Fixtures of the news tests: posts of a quarter, published, drafts, under embargo."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quartierwerk.news.models import NewsPost


def make_post(quarter, n=0, *, published=True, city_wide=False, **extra) -> NewsPost:
    fields = {
        "city": quarter.city,
        "quarter": None if city_wide else quarter,
        "title": f"Nachricht {n}",
        "teaser": f"Kurz gesagt {n}",
        "body": f"<p>Text {n}</p>",
        "topics": ["neighbourhood"],
        "status": NewsPost.Status.PUBLISHED if published else NewsPost.Status.DRAFT,
        "publish_at": timezone.now() - timedelta(hours=1 + n),
        **extra,
    }
    return NewsPost.objects.create(**fields)


@pytest.fixture
def post(quarter):
    return make_post(quarter)


@pytest.fixture
def draft(quarter):
    return make_post(quarter, 1, published=False, title="Entwurf")
