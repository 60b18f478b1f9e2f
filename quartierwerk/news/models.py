"""News: posts of a quarter or of the whole city, with topics, a publication time, an embargo and pins."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core import multilingual


class Topic(models.TextChoices):
    """What a post is about; the newsletter's topic segments use the same list."""

    NEIGHBOURHOOD = "neighbourhood", _("Life in the quarter")
    EVENTS = "events", _("Festivals and events")
    BUILDING = "building", _("Building and green spaces")
    PARTICIPATION = "participation", _("Participation")
    FUND = "fund", _("Neighbourhood fund")
    YOUTH = "youth", _("Children and young people")
    SOCIAL = "social", _("Advice and social matters")


class PostQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Posts the public sees: published, publication time reached, no embargo still running."""
        now = now or timezone.now()
        return self.filter(status=NewsPost.Status.PUBLISHED, publish_at__lte=now).filter(
            Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)
        )


class NewsPost(models.Model):
    """A news post of a quarter (or of the whole city when `quarter` is empty)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    city = models.ForeignKey("core.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("city"))
    quarter = models.ForeignKey(
        "core.Quarter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news_posts",
        verbose_name=_("quarter"),
        help_text=_("Empty for news of the whole city."),
    )
    title = models.CharField(_("title"), max_length=200)
    teaser = models.TextField(_("teaser"), max_length=600)
    body = models.TextField(_("text"), max_length=20000, blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    image = models.FileField(_("image"), upload_to="news/%Y/%m/", blank=True)
    image_type = models.CharField(max_length=40, blank=True)
    image_alt = models.CharField(_("image description (alt text)"), max_length=300, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(_("publication date"), default=timezone.now)
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_("Not public before this time, even when published (a press embargo)."),
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    translations = multilingual.translations_field()

    TRANSLATED_FIELDS = ("title", "teaser", "body", "image_alt")

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["-is_pinned", "-publish_at", "-id"]
        indexes = [
            models.Index(fields=["quarter", "status", "-publish_at"], name="news_post_quarter_idx"),
            models.Index(fields=["city", "status", "-publish_at"], name="news_post_city_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""), name="news_post_image_has_alt_text"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:post", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def is_visible(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.is_published
            and self.publish_at <= now
            and (self.embargo_until is None or self.embargo_until <= now)
        )

    @property
    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [labels[t] for t in self.topics if t in labels]
