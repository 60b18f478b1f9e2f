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


# Newsletter -------------------------------------------------------------------------------------------------


class Subscriber(models.Model):
    """An address on a city's newsletter list, with the consent it gave and the segments it chose.

    Empty `quarters` and `topics` mean every quarter and every topic of the city.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Not confirmed yet")
        ACTIVE = "active", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        SUSPENDED = "suspended", _("Suspended after bounces")

    class Source(models.TextChoices):
        WEB_FORM = "web_form", _("Subscribed on the website (double opt-in)")
        DIRECTORY = "directory", _("Consent recorded in the directory")

    city = models.ForeignKey("core.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("city"))
    email = models.EmailField(_("e-mail"))
    quarters = models.ManyToManyField(
        "core.Quarter", blank=True, related_name="+", verbose_name=_("quarters")
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=12, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.WEB_FORM)
    source_detail = models.CharField(_("source in detail"), max_length=120, blank=True)
    person = models.ForeignKey(
        "actors.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_text = models.TextField(_("text of the consent"), blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    hard_bounces = models.PositiveSmallIntegerField(_("hard bounces"), default=0)
    suspended_at = models.DateTimeField(_("suspended"), null=True, blank=True)
    # The secret of the confirmation and unsubscribe links.
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["email", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["city", "email"], name="news_subscriber_once_per_city"),
        ]
        indexes = [models.Index(fields=["city", "status"], name="news_subscriber_status_idx")]

    def __str__(self) -> str:
        return self.email


class Issue(models.Model):
    """One newsletter issue: composed from recent news and coming events, tested, then sent in batches."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")

    city = models.ForeignKey("core.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("city"))
    quarter = models.ForeignKey(
        "core.Quarter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="newsletter_issues",
        verbose_name=_("quarter"),
        help_text=_("Sent to the subscribers of this quarter; empty for the whole city."),
    )
    topic = models.CharField(
        _("topic"),
        max_length=20,
        choices=Topic.choices,
        blank=True,
        help_text=_("Only for subscribers of this topic."),
    )
    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(_("introduction"), max_length=4000, blank=True)
    posts = models.ManyToManyField(NewsPost, blank=True, related_name="+", verbose_name=_("news"))
    events = models.ManyToManyField("events.Event", blank=True, related_name="+", verbose_name=_("events"))
    body = models.TextField(_("text as sent"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    rate_per_minute = models.PositiveIntegerField(
        _("mails per minute"), default=300, help_text=_("How many mails go to the outbox each minute.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    test_sent_at = models.DateTimeField(null=True, blank=True)
    sending_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rate_per_minute__gte=1), name="news_issue_rate_positive"),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("news:issue", args=[self.pk])


class Delivery(models.Model):
    """One issue to one subscriber: claimed, put into the outbox and marked sent in one transaction."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        SKIPPED = "skipped", _("skipped (unsubscribed or suspended meanwhile)")
        BOUNCED = "bounced", _("bounced")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    mail_id = models.BigIntegerField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="news_delivery_once_per_subscriber"),
        ]
        indexes = [models.Index(fields=["issue", "status"], name="news_delivery_issue_idx")]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id} ({self.status})"


# Document library -------------------------------------------------------------------------------------------


class Document(models.Model):
    """A document of a quarter (minutes, a concept, a report, a flyer) with its versions; public or internal."""

    class Category(models.TextChoices):
        MINUTES = "minutes", _("Minutes")
        CONCEPT = "concept", _("Concepts")
        REPORT = "report", _("Reports")
        FLYER = "flyer", _("Flyers and posters")
        OTHER = "other", _("Other documents")

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.PROTECT, related_name="documents", verbose_name=_("quarter")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Internal documents are seen by the office only.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["quarter", "is_public", "-updated_at"], name="news_document_quarter_idx")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:document", args=[self.pk])


class DocumentVersion(models.Model):
    """One uploaded version of a document; the newest is the current one, earlier ones stay readable."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    content_type = models.CharField(max_length=120)
    original_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveIntegerField(default=0)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="news_document_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"
