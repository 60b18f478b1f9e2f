"""The public news pages and feeds: what is public when, pinned first, topics, rich text kept safe, the
quarter page's news card, and lists that cost the same for 3 and 30 posts."""

from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quartierwerk.news import services
from quartierwerk.news.models import NewsPost

from .conftest import make_post

pytestmark = pytest.mark.django_db


def test_the_list_shows_published_posts_and_city_wide_news_pinned_first(client, quarter, other_quarter):
    make_post(
        quarter, 0, title="Älter, angeheftet", is_pinned=True, publish_at=timezone.now() - timedelta(days=9)
    )
    make_post(quarter, 1, title="Frisch erschienen")
    make_post(quarter, 2, city_wide=True, title="Für die ganze Stadt")
    make_post(quarter, 3, published=False, title="Noch ein Entwurf")
    make_post(quarter, 4, title="Geplant", publish_at=timezone.now() + timedelta(days=1))
    make_post(quarter, 5, title="Mit Sperrfrist", embargo_until=timezone.now() + timedelta(hours=2))
    make_post(other_quarter, 6, title="Anderswo")
    page = client.get(reverse("news:list", args=[quarter.slug])).content.decode()
    assert (
        page.index("Älter, angeheftet") < page.index("Frisch erschienen") < page.index("Für die ganze Stadt")
    )
    for hidden in ("Noch ein Entwurf", "Geplant", "Mit Sperrfrist", "Anderswo"):
        assert hidden not in page


def test_drafts_and_embargoed_posts_are_not_found_by_the_public(client, quarter, draft):
    embargoed = make_post(quarter, 2, embargo_until=timezone.now() + timedelta(hours=2))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(embargoed.get_absolute_url()).status_code == 404
    NewsPost.objects.filter(pk=embargoed.pk).update(embargo_until=timezone.now() - timedelta(minutes=1))
    assert client.get(embargoed.get_absolute_url()).status_code == 200


def test_the_topic_filter(client, quarter):
    make_post(quarter, 0, title="Über den Fonds", topics=["fund"])
    make_post(quarter, 1, title="Über das Fest", topics=["events", "neighbourhood"])
    page = client.get(reverse("news:list", args=[quarter.slug]), {"topic": "fund"}).content.decode()
    assert "Über den Fonds" in page and "Über das Fest" not in page


def test_rich_text_keeps_its_tags_and_loses_scripts(client, quarter, user_with_role):
    staff = user_with_role("staff")
    post = services.create_post(
        by=staff,
        city=quarter.city,
        quarter=quarter,
        title="Fest <b>bald</b>",
        teaser="Alle sind eingeladen",
        body='<p>Mit <strong>Musik</strong><script>alert(1)</script> und <a href="javascript:x()">Link</a>'
        '<img src=x onerror="alert(2)"></p>',
    )
    assert post.title == "Fest bald"
    assert "<strong>Musik</strong>" in post.body
    assert "script" not in post.body and "javascript" not in post.body and "onerror" not in post.body
    services.publish(post=post, by=staff)
    page = client.get(post.get_absolute_url()).content.decode()
    assert "<strong>Musik</strong>" in page and "alert(" not in page


def test_feeds_validate_and_name_the_posts(client, quarter):
    make_post(quarter, 0, title="Sommerfest im Rabet", topics=["events"])
    make_post(quarter, 1, published=False, title="Entwurf")
    for name, version in (("news:quarter_rss", "rss20"), ("news:quarter_atom", "atom10")):
        response = client.get(reverse(name, args=[quarter.slug]))
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == version
        assert [e.title for e in feed.entries] == ["Sommerfest im Rabet"]
        assert feed.entries[0].link.endswith(
            reverse("news:post", args=[NewsPost.objects.get(title="Sommerfest im Rabet").pk])
        )
    city = feedparser.parse(client.get(reverse("news:city_atom", args=[quarter.city.slug])).content)
    assert not city.bozo and [e.title for e in city.entries] == ["Sommerfest im Rabet"]


def test_the_quarter_page_names_the_latest_news(client, quarter):
    make_post(quarter, 0, title="Herbstputz im Park")
    page = client.get(reverse("core:quarter", args=[quarter.slug])).content.decode()
    assert reverse("news:list", args=[quarter.slug]) in page
    assert "Herbstputz im Park" in page


@pytest.mark.parametrize("name", ["news:list", "news:quarter_rss", "news:quarter_atom", "news:staff_list"])
def test_lists_cost_the_same_for_3_and_30_posts(client, quarter, user_with_role, login_as, name):
    staff = user_with_role("staff")
    login_as(staff)
    url = reverse(name, args=[quarter.slug])

    def cost(n):
        NewsPost.objects.all().delete()
        for i in range(n):
            make_post(quarter, i, city_wide=i % 3 == 0)
        client.get(url)  # warm the caches of the session and the quarter
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert cost(3) == cost(30)
