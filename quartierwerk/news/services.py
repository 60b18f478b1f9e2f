"""The office's writes on news: create and change a post (texts, image, topics, times), publish, unpublish."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, multilingual
from quartierwerk.core.errors import DomainError, require
from quartierwerk.core.files import atomic_with_files, clean_upload, store
from quartierwerk.core.text import clean_line, clean_rich_text, clean_text

from . import rules
from .models import NewsPost, Topic
from .workflows import POST_FLOW

MAX_IMAGE_BYTES = 8 * 1024 * 1024


def _clean_topics(topics) -> list[str]:
    topics = list(topics or [])
    unknown = [t for t in topics if t not in Topic.values]
    if unknown:
        raise DomainError(_("Please choose the topics from the list."), field="topics")
    return sorted(set(topics), key=Topic.values.index)


def _fields(*, title, teaser, body, topics, image_alt, image_credit, publish_at, embargo_until, is_pinned):
    fields = {
        "title": clean_line(title, max_length=200, field="title"),
        "teaser": clean_text(teaser, max_length=600, field="teaser"),
        "body": clean_rich_text(body, max_length=20000, field="body"),
        "topics": _clean_topics(topics),
        "image_alt": clean_line(image_alt, max_length=300, field="image_alt"),
        "image_credit": clean_line(image_credit, max_length=200, field="image_credit"),
        "publish_at": publish_at or timezone.now(),
        "embargo_until": embargo_until,
        "is_pinned": bool(is_pinned),
    }
    if not fields["title"]:
        raise DomainError(_("Please give the post a title."), field="title")
    if not fields["teaser"]:
        raise DomainError(_("Please write a short teaser."), field="teaser")
    if not isinstance(fields["publish_at"], datetime.datetime):
        raise DomainError(_("Please give the publication date."), field="publish_at")
    return fields


def _clean_translations(post: NewsPost, translations) -> dict:
    """Title, teaser, text and alt text in the city's other languages; the text keeps its rich-text tags."""
    cleaned = multilingual.clean(
        NewsPost, translations, multilingual.offered(post.city), keep=post.translations
    )
    for lang, texts in (translations or {}).items():
        if lang in cleaned and texts.get("body"):
            cleaned[lang]["body"] = clean_rich_text(texts["body"], max_length=20000, field="body")
    return cleaned


def _image(post: NewsPost, image, fields: dict):
    cleaned = clean_upload(image, kinds=("image",), max_bytes=MAX_IMAGE_BYTES) if image else None
    if (cleaned or post.image) and not fields["image_alt"]:
        raise DomainError(_("Please describe the image for people who cannot see it."), field="image_alt")
    return cleaned


def create_post(
    *,
    by,
    city,
    quarter=None,
    title,
    teaser,
    body="",
    topics=(),
    image=None,
    image_alt="",
    image_credit="",
    publish_at=None,
    embargo_until=None,
    is_pinned=False,
    translations=None,
) -> NewsPost:
    """A new post in draft."""
    probe = NewsPost(city=city, quarter=quarter)
    require(rules.can_edit_news(by, probe), _("You may not write news here."))
    fields = _fields(
        title=title,
        teaser=teaser,
        body=body,
        topics=topics,
        image_alt=image_alt,
        image_credit=image_credit,
        publish_at=publish_at,
        embargo_until=embargo_until,
        is_pinned=is_pinned,
    )
    fields["translations"] = _clean_translations(probe, translations)
    cleaned = _image(probe, image, fields)
    with atomic_with_files():
        post = NewsPost(city=city, quarter=quarter, created_by=by, **fields)
        if cleaned:
            store(post.image, cleaned.content)
            post.image_type = cleaned.content_type
        post.save()
        audit.record(by, "news.post_created", post, title=post.title)
    return post


def update_post(
    *,
    post: NewsPost,
    by,
    title,
    teaser,
    body="",
    topics=(),
    image=None,
    remove_image=False,
    image_alt="",
    image_credit="",
    publish_at=None,
    embargo_until=None,
    is_pinned=False,
    translations=None,
) -> NewsPost:
    """Change a post's texts, image, topics or times (and translations, when given)."""
    POST_FLOW.check(by, post, "edit")
    fields = _fields(
        title=title,
        teaser=teaser,
        body=body,
        topics=topics,
        image_alt=image_alt,
        image_credit=image_credit,
        publish_at=publish_at,
        embargo_until=embargo_until,
        is_pinned=is_pinned,
    )
    if translations is not None:
        fields["translations"] = _clean_translations(post, translations)
    if remove_image and not image:
        post.image, post.image_type = "", ""
    cleaned = _image(post, image, fields)
    with atomic_with_files():
        for name, value in fields.items():
            setattr(post, name, value)
        if cleaned:
            store(post.image, cleaned.content)
            post.image_type = cleaned.content_type
        post.updated_at = timezone.now()
        post.save()
        audit.record(by, "news.post_changed", post, title=post.title)
    return post


def publish(*, post: NewsPost, by) -> NewsPost:
    """Make a post public from its publication date on (and not before its embargo ends)."""
    POST_FLOW.check(by, post, "publish")
    with transaction.atomic():
        post.status = POST_FLOW.target(post, "publish")
        post.updated_at = timezone.now()
        post.save(update_fields=["status", "updated_at"])
        audit.record(by, "news.post_published", post)
    return post


def unpublish(*, post: NewsPost, by) -> NewsPost:
    """Take a post back to draft: it leaves the public pages and feeds."""
    POST_FLOW.check(by, post, "unpublish")
    with transaction.atomic():
        post.status = POST_FLOW.target(post, "unpublish")
        post.updated_at = timezone.now()
        post.save(update_fields=["status", "updated_at"])
        audit.record(by, "news.post_unpublished", post)
    return post
