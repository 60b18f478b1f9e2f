"""Public pages: the news of a quarter or a city, one post, its image."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from quartierwerk.core.files import file_response
from quartierwerk.core.models import City
from quartierwerk.core.views import quarter_or_404

from .. import rules, selectors
from ..models import Topic

PAGE_SIZE = 20


def _topic(request) -> str:
    topic = request.GET.get("topic", "")
    return topic if topic in Topic.values else ""


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def post_list(request, slug):
    """The news of a quarter with the city-wide news of its city, pinned posts first."""
    quarter = quarter_or_404(slug)
    topic = _topic(request)
    return render(
        request,
        "news/list.html",
        {
            "quarter": quarter,
            "page_obj": _page(request, selectors.posts_for(quarter, topic=topic)),
            "topics": Topic.choices,
            "topic": topic,
            "can_edit": rules.can_edit_news(request.user, quarter),
        },
    )


def city_list(request, city):
    """Every public news post of a city."""
    city = get_object_or_404(City, slug=city)
    topic = _topic(request)
    return render(
        request,
        "news/list.html",
        {
            "city": city,
            "page_obj": _page(request, selectors.posts_for(city=city, topic=topic)),
            "topics": Topic.choices,
            "topic": topic,
        },
    )


def _visible_post(request, pk):
    post = selectors.post(pk)
    if post is None or not rules.can_view_post(request.user, post):
        raise Http404
    return post


def post_page(request, pk):
    """One post: teaser, image with its description and credit, text, topics."""
    post = _visible_post(request, pk)
    return render(
        request,
        "news/post.html",
        {
            "post": post,
            "quarter": post.quarter,
            "can_edit": rules.can_edit_news(request.user, post),
        },
    )


def image(request, pk):
    post = _visible_post(request, pk)
    if not post.image:
        raise Http404
    return file_response(post.image, content_type=post.image_type)
