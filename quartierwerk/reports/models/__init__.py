"""Tables of resident reports: categories and routing, reports, history, supports, Open311 clients; photos in `photos`."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core import mapgrid, multilingual, onetime
from quartierwerk.core.tokens import link_secret, new_link_key, secret_hash

from .photos import PhotoSettings as PhotoSettings
from .photos import ReportPhoto as ReportPhoto


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ResponsibleBody(models.Model):
    """Who can act on a report: a city department, a housing company, the office itself."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Neighbourhood management office")
        CITY = "city", _("City department")
        HOUSING = "housing", _("Housing company")
        UTILITY = "utility", _("Utility or transport company")
        OTHER = "other", _("Other")

    city = models.ForeignKey(
        "core.City", on_delete=models.CASCADE, related_name="responsible_bodies", verbose_name=_("city")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CITY)
    email = models.EmailField(_("e-mail"), blank=True)
    response_days = models.PositiveSmallIntegerField(
        _("answer expected within (days)"),
        default=14,
        help_text=_("After this a forwarded report is overdue."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("responsible body")
        verbose_name_plural = _("responsible bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """What a report is about; the Open311 service. It routes to a responsible body."""

    class Kind(models.TextChoices):
        PROBLEM = "problem", _("Problem")
        QUESTION = "question", _("Question")
        IDEA = "idea", _("Idea")

    code = models.SlugField(_("service code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    group = models.CharField(_("group"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PROBLEM)
    city = models.ForeignKey(
        "core.City",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_categories",
        verbose_name=_("city"),
        help_text=_("Empty: offered in every city."),
    )
    duplicate_radius_m = models.PositiveIntegerField(_("radius for similar reports (m)"), default=50)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    translations = multilingual.translations_field()

    TRANSLATED_FIELDS = ("name", "description")

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Which body is responsible for a category in a city: the default when staff forward a report."""

    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="routing_rules", verbose_name=_("category")
    )
    city = models.ForeignKey("core.City", on_delete=models.CASCADE, related_name="+", verbose_name=_("city"))
    body = models.ForeignKey(
        ResponsibleBody,
        on_delete=models.CASCADE,
        related_name="routing_rules",
        verbose_name=_("responsible body"),
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            models.UniqueConstraint(fields=["category", "city"], name="report_routing_once_per_city")
        ]

    def __str__(self) -> str:
        return f"{self.category} → {self.body}"


class CategoryAttribute(models.Model):
    """An extra question of a category (an Open311 service attribute)."""

    class Datatype(models.TextChoices):
        STRING = "string", _("Short text")
        NUMBER = "number", _("Number")
        DATETIME = "datetime", _("Date and time")
        TEXT = "text", _("Long text")
        SINGLE = "singlevaluelist", _("One of a list")
        MULTI = "multivaluelist", _("Several of a list")

    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="attributes", verbose_name=_("category")
    )
    code = models.SlugField(_("code"), max_length=60)
    description = models.CharField(_("question"), max_length=300)
    datatype = models.CharField(_("type"), max_length=16, choices=Datatype.choices, default=Datatype.STRING)
    datatype_description = models.CharField(_("hint"), max_length=200, blank=True)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    values = models.JSONField(_("values"), default=list, blank=True, help_text='[{"key": "…", "name": "…"}]')

    class Meta:
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")
        ordering = ["category", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="report_attribute_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.category.code}:{self.code}"


class ApiClient(models.Model):
    """An application that files reports through Open311; only the hash of its key is stored."""

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.CASCADE, related_name="open311_clients", verbose_name=_("quarter")
    )
    name = models.CharField(_("application"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    rate_limit_per_minute = models.PositiveIntegerField(_("requests per minute"), default=120)
    returns_token = models.BooleanField(
        _("answer with a token instead of the request id"),
        default=False,
        help_text=_("For clients that expect the asynchronous Open311 flow (GET tokens/…)."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    hash_key = staticmethod(secret_hash)


class Report(models.Model):
    """A problem, question or idea brought by a resident (an Open311 service request)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        FORWARDED = "forwarded", _("forwarded")
        IN_PROGRESS = "in_progress", _("in progress")
        SOLVED = "solved", _("solved")
        CLOSED = "closed", _("closed")
        NOT_OUR_MATTER = "not_our_matter", _("not our matter")

    OPEN_STATUSES = (Status.OPEN, Status.ACKNOWLEDGED, Status.FORWARDED, Status.IN_PROGRESS)
    CLOSED_STATUSES = (Status.SOLVED, Status.CLOSED, Status.NOT_OUR_MATTER)

    class Source(models.TextChoices):
        WEB = "web", _("web form")
        OPEN311 = "open311", _("Open311")
        API = "api", _("API")
        OFFICE = "office", _("at the office")

    Kind = Category.Kind

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.PROTECT, related_name="reports", verbose_name=_("quarter")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="reports", verbose_name=_("category")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Category.Kind.choices, default=Category.Kind.PROBLEM
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    description = models.TextField(_("description"), max_length=4000)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    # The point on the map grid (core.mapgrid), kept in step by save(): the bounded map feed reads these.
    cell_x = models.IntegerField(null=True, blank=True, editable=False)
    cell_y = models.IntegerField(null=True, blank=True, editable=False)
    address = models.CharField(_("address or place"), max_length=250, blank=True)
    attributes = models.JSONField(_("answers to extra questions"), default=dict, blank=True)
    media_url = models.URLField(_("media URL"), max_length=500, blank=True)

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("account"),
    )
    reporter_name = models.CharField(_("name"), max_length=160, blank=True)
    reporter_email = models.EmailField(_("e-mail"), blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=60, blank=True)
    show_name = models.BooleanField(_("show my name publicly"), default=False)
    language = models.CharField(_("language for e-mails"), max_length=8, blank=True)
    written_in = multilingual.written_in_field()
    # The private follow link: only a random key and the hash of the link's secret are stored (core.tokens).
    FOLLOW_LINK = "reports.follow"
    follow_key = models.CharField(max_length=32, default=new_link_key, editable=False)
    follow_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    # The hash of a link sent before links were derived; it keeps working until the link is revoked.
    follow_legacy_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    open311_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)
    api_client = models.ForeignKey(
        ApiClient, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reports",
        verbose_name=_("assigned to"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    is_hidden = models.BooleanField(_("hidden"), default=False)
    support_count = models.PositiveIntegerField(_("supporters"), default=0)
    body = models.ForeignKey(
        ResponsibleBody,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("forwarded to"),
    )
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    # The stable hook for the planning module: set when the report becomes a project idea there.
    project_reference = models.CharField(_("project"), max_length=120, null=True, blank=True)

    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    first_answer_at = models.DateTimeField(_("first answer"), null=True, blank=True)
    solved_at = models.DateTimeField(_("solved"), null=True, blank=True)
    fixed_question_at = models.DateTimeField(_("asked whether fixed"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["quarter", "-created_at"], name="report_quarter_created_idx"),
            models.Index(fields=["quarter", "status", "-created_at"], name="report_quarter_status_idx"),
            models.Index(fields=["quarter", "category", "-created_at"], name="report_quarter_cat_idx"),
            models.Index(fields=["quarter", "assigned_to", "status"], name="report_quarter_assign_idx"),
            models.Index(fields=["quarter", "status", "due_at"], name="report_quarter_due_idx"),
            models.Index(fields=["category", "created_at"], name="report_category_created_idx"),
            models.Index(fields=["created_at"], name="report_created_idx"),
            models.Index(fields=["updated_at"], name="report_updated_idx"),
            models.Index(fields=["quarter", "cell_x", "cell_y"], name="report_quarter_cell_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(lat__isnull=True) & Q(lon__isnull=True))
                | (Q(lat__gte=-90, lat__lte=90) & Q(lon__gte=-180, lon__lte=180)),
                name="report_point_valid",
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=models.F("id")), name="report_not_own_duplicate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.category_id}"

    def save(self, *args, **kwargs):
        if not self.follow_hash:
            self.follow_hash = secret_hash(link_secret(self.FOLLOW_LINK, self.follow_key))
        mapgrid.set_cells(self)
        kwargs["update_fields"] = mapgrid.cell_fields_for(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reports:detail", args=[self.quarter.slug, self.pk])

    @property
    def follow_token(self) -> str:
        """The secret of the reporter's private link, rebuilt for a mail or page (never stored)."""
        return link_secret(self.FOLLOW_LINK, self.follow_key, self.follow_hash)

    def opens_with(self, token: str) -> bool:
        """Whether `token` is this report's follow link (compared as hashes, in constant time)."""
        return onetime.matches(token, self.follow_hash, self.follow_legacy_hash)

    @staticmethod
    def follow_link_matches(token: str):
        """A filter for the report whose private follow link is `token`."""
        return onetime.matching(token, "follow_hash", "follow_legacy_hash")

    @property
    def reference(self) -> str:
        """The number a resident quotes, e.g. M-000123."""
        return self.reference_of(self.pk)

    @staticmethod
    def reference_of(pk: int | None) -> str:
        return f"M-{pk:06d}" if pk else ""

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def open311_status(self) -> str:
        return "open" if self.is_open else "closed"

    @property
    def title(self) -> str:
        return self.title_of(self.description)

    @staticmethod
    def title_of(description: str) -> str:
        """The first 80 characters of the description on one line."""
        text = " ".join(description.split())
        return text if len(text) <= 80 else text[:79].rstrip() + "…"

    @property
    def attribute_display(self) -> list[tuple[str, str]]:
        """The answers to the category's extra questions as (question, answer) for display."""
        questions = {a.code: a for a in self.category.attributes.all()}
        rows = []
        for code, value in (self.attributes or {}).items():
            question = questions.get(code)
            names = {
                str(v.get("key")): v.get("name") or v.get("key")
                for v in (question.values if question else [])
            }
            values = value if isinstance(value, list) else [value]
            rows.append(
                (
                    question.description if question else code,
                    ", ".join(str(names.get(str(v), v)) for v in values),
                )
            )
        return rows

    @property
    def public_name(self) -> str:
        return self.reporter_name if self.show_name and self.reporter_name else ""


class ReportUpdate(models.Model):
    """One entry in a report's history: a status change, an answer, a note, a triage step."""

    class Kind(models.TextChoices):
        CREATED = "created", _("reported")
        STATUS = "status", _("status changed")
        ANSWER = "answer", _("answer")
        NOTE = "note", _("internal note")
        REPORTER_INFO = "reporter_info", _("more information from the reporter")
        FORWARDED = "forwarded", _("forwarded")
        BODY_ANSWER = "body_answer", _("answer of the responsible body")
        CATEGORY = "category", _("category changed")
        ASSIGNED = "assigned", _("assigned")
        MERGED = "merged", _("merged")
        MODERATED = "moderated", _("edited or hidden")
        KIND = "kind", _("kind changed")
        CONFIRMED = "confirmed", _("solution confirmed")
        FIXED = "fixed", _("the reporter says it is fixed")
        REOPENED = "reopened", _("reopened")
        IDEA = "idea", _("passed on as a project idea")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_label = models.CharField(max_length=200, blank=True)
    old_status = models.CharField(max_length=16, blank=True)
    new_status = models.CharField(max_length=16, blank=True)
    text = models.TextField(blank=True, max_length=4000)
    is_public = models.BooleanField(default=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("report update")
        verbose_name_plural = _("report updates")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["report", "created_at"], name="report_update_report_idx"),
            models.Index(fields=["created_at"], name="report_update_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"

    @property
    def old_status_label(self) -> str:
        return (
            Report.Status(self.old_status).label
            if self.old_status in Report.Status.values
            else self.old_status
        )

    @property
    def new_status_label(self) -> str:
        return (
            Report.Status(self.new_status).label
            if self.new_status in Report.Status.values
            else self.new_status
        )


class Forwarding(models.Model):
    """A report sent to a responsible body, with the private link the body answers through."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="forwardings")
    body = models.ForeignKey(ResponsibleBody, on_delete=models.PROTECT, related_name="forwardings")
    email = models.EmailField()
    # The body's private answer link, stored like a report's follow link (Report.follow_key).
    ANSWER_LINK = "reports.answer"
    key = models.CharField(max_length=32, default=new_link_key, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    legacy_token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    link_revoked_at = models.DateTimeField(_("answer link revoked"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("forwarding")
        verbose_name_plural = _("forwardings")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.body_id}"

    def save(self, *args, **kwargs):
        if not self.token_hash:
            self.token_hash = secret_hash(link_secret(self.ANSWER_LINK, self.key))
        super().save(*args, **kwargs)

    @property
    def token(self) -> str:
        """The secret of the body's private answer link, rebuilt for a mail or page (never stored)."""
        return link_secret(self.ANSWER_LINK, self.key, self.token_hash)

    @staticmethod
    def link_matches(token: str):
        """A filter for the forwarding whose answer link is `token` and has not been revoked."""
        return onetime.matching(token, "token_hash", "legacy_token_hash") & onetime.active(
            revoked="link_revoked_at"
        )


class Support(models.Model):
    """One person's "me too" on a report: counted once per account or e-mail address.

    An account's support counts at once; one given with an e-mail address counts (and brings status
    mails) only after the link sent to that address was followed. Only the link's hash is stored.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(null=True, blank=True)
    session_key = models.CharField(max_length=64, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirm_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    hash_token = staticmethod(secret_hash)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "user"],
                condition=Q(user__isnull=False),
                name="report_support_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["report", "email"],
                condition=Q(email__isnull=False),
                name="report_support_once_per_email",
            ),
            models.UniqueConstraint(
                fields=["report", "session_key"],
                condition=Q(session_key__isnull=False),
                name="report_support_once_per_session",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(email__isnull=False) | Q(session_key__isnull=False),
                name="report_support_has_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} +1"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
