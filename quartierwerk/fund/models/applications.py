"""Applications (Anträge) from draft to proof of use, with their cost plans, submitted versions, status
history, documents and the office's notes."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartierwerk.core import multilingual
from quartierwerk.core.tokens import secret_hash

from .funds import ZERO, Category, Fund, Round, money


class ApplicationQuerySet(models.QuerySet):
    def funded(self):
        return self.filter(status__in=Application.FUNDED_STATES)

    def awaiting_decision(self):
        return self.filter(status__in=[Application.Status.COMPLETE, Application.Status.SCHEDULED])


class Application(models.Model):
    """A fund application (Antrag), from draft to proof of use."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        COMPLETE = "complete", _("Complete, awaiting decision")
        SCHEDULED = "scheduled", _("On the agenda of a session")
        RECOMMENDED = "recommended", _("Recommended, awaiting decision")
        APPROVED = "approved", pgettext_lazy("fund", "Approved")
        REJECTED = "rejected", _("Rejected")
        DEFERRED = "deferred", _("Deferred")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        PROOF_SUBMITTED = "proof_submitted", _("Proof of use submitted")
        CLOSED = "closed", _("Completed, proof of use accepted")
        REPAYMENT_DUE = "repayment_due", _("Repayment due")

    class ApplicantKind(models.TextChoices):
        PRIVATE = "private", _("Private person")
        ASSOCIATION = "association", _("Association or initiative")
        INSTITUTION = "institution", _("Institution")

    FUNDED_STATES = (Status.APPROVED, Status.PROOF_SUBMITTED, Status.CLOSED, Status.REPAYMENT_DUE)
    EDITABLE_STATES = (Status.DRAFT, Status.CHANGES_REQUESTED)

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="applications", verbose_name=_("fund")
    )
    quarter = models.ForeignKey("core.Quarter", on_delete=models.PROTECT, related_name="+", editable=False)
    round = models.ForeignKey(
        Round,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("round"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("kind of project"),
    )
    reference = models.CharField(_("reference number"), max_length=24, unique=True, null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fund_applications",
        verbose_name=_("account"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # A link asked for through "lost link": the current one keeps working until this one is first used.
    new_token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    applicant_kind = models.CharField(
        _("who applies"), max_length=16, choices=ApplicantKind.choices, default=ApplicantKind.PRIVATE
    )
    applicant_name = models.CharField(_("your name"), max_length=160)
    organisation_name = models.CharField(_("association or institution"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    is_of_age = models.BooleanField(_("I have reached the minimum age"), default=False)
    title = models.CharField(_("project title"), max_length=200, blank=True)
    summary = models.TextField(_("short description"), max_length=600, blank=True)
    description = models.TextField(_("what you plan"), max_length=8000, blank=True)
    benefit = models.TextField(_("how the quarter benefits"), max_length=4000, blank=True)
    written_in = multilingual.written_in_field()
    start_date = models.DateField(_("project start"), null=True, blank=True)
    end_date = models.DateField(_("project end"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    no_other_funding = models.BooleanField(_("no other source of funding is available"), default=False)
    own_contribution = money(verbose_name=_("own contribution"), default=ZERO)
    other_funding = money(verbose_name=_("other funding"), default=ZERO)
    total_cost = money(verbose_name=_("total cost"), default=ZERO, editable=False)
    requested_amount = money(verbose_name=_("requested amount"), default=ZERO, editable=False)
    consent_text = models.TextField(_("consent given"), blank=True, editable=False)
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True, editable=False)
    approved_amount = money(verbose_name=_("approved amount"), default=ZERO, editable=False)
    paid_amount = money(verbose_name=_("paid"), default=ZERO, editable=False)
    proof_due_date = models.DateField(_("proof of use due"), null=True, blank=True)
    is_first_time = models.BooleanField(_("first application"), default=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    public_report = models.TextField(_("short public report"), blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    reminder_before_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_after_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("fund", "application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["fund", "status"], name="fund_app_status_idx"),
            models.Index(fields=["quarter", "status", "-submitted_at"], name="fund_app_quarter_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(own_contribution__gte=0), name="fund_app_own_not_negative"),
            models.CheckConstraint(condition=Q(other_funding__gte=0), name="fund_app_other_not_negative"),
            models.CheckConstraint(
                condition=Q(approved_amount__gte=0), name="fund_app_approved_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(paid_amount__gte=0) & Q(paid_amount__lte=F("approved_amount")),
                name="fund_app_paid_within_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference or _('Draft')} {self.title}"

    hash_token = staticmethod(secret_hash)

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @property
    def applicant_label(self) -> str:
        return self.organisation_name or self.applicant_name

    @property
    def public_applicant(self) -> str:
        """Who is named publicly: an association or institution, never a private person's name."""
        if self.applicant_kind == self.ApplicantKind.PRIVATE or not self.organisation_name:
            return str(_("Residents of the quarter"))
        return self.organisation_name

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATES

    @property
    def is_funded(self) -> bool:
        return self.status in self.FUNDED_STATES

    def public_feature(self) -> dict:
        """The funded project as a GeoJSON feature for the public map."""
        from django.urls import reverse

        from quartierwerk.core import geo

        return geo.feature(
            geo.point(self.lat, self.lon),
            {"title": self.title, "url": reverse("fund:project", args=[self.quarter.slug, self.reference])},
            feature_id=self.reference,
        )

    def get_public_url(self) -> str:
        from django.urls import reverse

        return reverse("fund:project", args=[self.quarter.slug, self.reference])


class CostItem(models.Model):
    """A line of the cost plan."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="cost_items")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(_("what"), max_length=200)
    amount = money(verbose_name=_("amount (€)"))

    class Meta:
        verbose_name = _("cost item")
        verbose_name_plural = _("cost plan")
        ordering = ["application", "position", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="fund_cost_item_positive")]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class ApplicationVersion(models.Model):
    """A frozen copy of an application as it was submitted; resubmissions add a new version."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("application version")
        verbose_name_plural = _("application versions")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="fund_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} v{self.number}"


class StatusChange(models.Model):
    """One step of an application's workflow, with who and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, blank=True, choices=Application.Status.choices)
    to_status = models.CharField(max_length=20, choices=Application.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["application", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class Attachment(models.Model):
    """A document or photo of an application or of its proof of use."""

    class Kind(models.TextChoices):
        COST_PLAN = "cost_plan", _("Cost plan or quote")
        PHOTO = "photo", _("Photo")
        MAP = "map", _("Map of the place")
        OTHER = "other", _("Other document")
        RECEIPT = "receipt", _("Receipt")
        PROOF_PHOTO = "proof_photo", _("Photo of the project")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    proof = models.ForeignKey(
        "ProofOfUse", on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(upload_to="fund/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["application", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Note(models.Model):
    """Advice notes and the office's assessment; internal, never shown to the public."""

    class Kind(models.TextChoices):
        ADVICE = "advice", _("Advice note")
        ASSESSMENT = "assessment", _("Assessment of the office")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ADVICE)
    text = models.TextField(_("text"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["application", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"
