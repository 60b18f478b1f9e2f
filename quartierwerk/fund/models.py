"""Neighbourhood fund (Verfügungsfonds): funds with their rules, rounds, applications, award sessions, votes,
decisions, the budget ledger, payouts and proof of use. Rows that matter for money are only ever added."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartierwerk.core.tokens import secret_hash

ZERO = Decimal("0.00")


def money(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class Fund(models.Model):
    """One quarter's fund for one year, with every rule it applies."""

    class Majority(models.TextChoices):
        SIMPLE = "simple", _("Simple majority (more yes than no)")
        QUALIFIED = "qualified", _("Two-thirds majority of yes and no votes")

    class TieRule(models.TextChoices):
        REJECTED = "rejected", _("A tie means rejected")
        DEFERRED = "deferred", _("A tie means deferred to the next session")
        CHAIR = "chair", _("The chair's vote decides a tie")

    class AwardTeamPower(models.TextChoices):
        DECIDES = "decides", _("The award team decides")
        RECOMMENDS = "recommends", _("The award team recommends, the office records the decision")

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.PROTECT, related_name="funds", verbose_name=_("quarter")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200, default="Verfügungsfonds")
    purpose = models.TextField(_("purpose"), blank=True)
    rules_text = models.TextField(_("notes of the office on applying"), blank=True)
    # The adopted funding guideline (Förderrichtlinie) is the binding document; the page summarises the
    # configured rules beside a link to it.
    guideline_url = models.URLField(_("adopted funding guideline (link)"), blank=True)
    budget = money(verbose_name=_("annual budget"))
    # Kept in step by the services under a row lock; the database refuses any overcommitment.
    committed = money(verbose_name=_("committed"), default=ZERO, editable=False)
    paid = money(verbose_name=_("paid"), default=ZERO, editable=False)
    max_per_application = money(verbose_name=_("maximum per application"), null=True, blank=True)
    max_share_percent = models.PositiveSmallIntegerField(
        _("maximum share of the total cost (%)"), default=100
    )
    min_own_share_percent = models.PositiveSmallIntegerField(_("minimum own contribution (%)"), default=0)
    subsidiary_only = models.BooleanField(
        _("subsidiary only"), default=False, help_text=_("Only when no other source of funding is available.")
    )
    min_applicant_age = models.PositiveSmallIntegerField(_("minimum age of private applicants"), default=18)
    allow_private = models.BooleanField(_("private persons may apply"), default=True)
    allow_associations = models.BooleanField(_("associations and initiatives may apply"), default=True)
    allow_institutions = models.BooleanField(_("institutions may apply"), default=True)
    requires_cost_plan = models.BooleanField(_("a cost plan with line items is required"), default=True)
    requires_photo_or_map = models.BooleanField(_("a photo or map of the place is required"), default=False)
    consent_text = models.TextField(
        _("consent text"),
        default="Ich willige ein, dass meine Angaben zur Bearbeitung dieses Antrags gespeichert und an das "
        "Vergabeteam und die Stadtverwaltung weitergegeben werden. Nach Abschluss der Förderung werden sie "
        "nach den gesetzlichen Aufbewahrungsfristen gelöscht.",
    )
    continuous_submission = models.BooleanField(_("continuous submission (no deadlines)"), default=False)
    staff_decision_limit = money(
        verbose_name=_("the office decides up to"), default=ZERO, help_text=_("0: the office never decides.")
    )
    council_decision_limit = money(
        verbose_name=_("a council decides above"), null=True, blank=True, help_text=_("Empty: never.")
    )
    award_team_power = models.CharField(
        _("the award team"), max_length=12, choices=AwardTeamPower.choices, default=AwardTeamPower.DECIDES
    )
    award_team = models.ForeignKey(
        "actors.Group",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("award team"),
        limit_choices_to={"kind": "award_team"},
    )
    quorum = models.PositiveSmallIntegerField(_("quorum (members voting)"), default=3)
    majority = models.CharField(
        _("majority"), max_length=12, choices=Majority.choices, default=Majority.SIMPLE
    )
    tie_rule = models.CharField(_("tie"), max_length=12, choices=TieRule.choices, default=TieRule.REJECTED)
    proof_due_days = models.PositiveSmallIntegerField(
        _("proof of use due (days after the project ends)"), default=60
    )
    is_open = models.BooleanField(_("open for applications"), default=True)

    # The rules the office sets on the settings page (form and service read this one list).
    SETTINGS_FIELDS = (
        "name",
        "purpose",
        "rules_text",
        "guideline_url",
        "budget",
        "max_per_application",
        "max_share_percent",
        "min_own_share_percent",
        "subsidiary_only",
        "min_applicant_age",
        "allow_private",
        "allow_associations",
        "allow_institutions",
        "requires_photo_or_map",
        "consent_text",
        "continuous_submission",
        "staff_decision_limit",
        "council_decision_limit",
        "award_team_power",
        "award_team",
        "quorum",
        "majority",
        "tie_rule",
        "proof_due_days",
        "is_open",
    )

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["quarter", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["quarter", "year"], name="fund_one_per_quarter_year"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="fund_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(committed__gte=0) & Q(committed__lte=F("budget")), name="fund_never_overcommitted"
            ),
            models.CheckConstraint(
                condition=Q(paid__gte=0) & Q(paid__lte=F("committed")), name="fund_paid_within_committed"
            ),
            models.CheckConstraint(condition=Q(max_share_percent__lte=100), name="fund_share_percent"),
            models.CheckConstraint(condition=Q(min_own_share_percent__lte=100), name="fund_own_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year} – {self.quarter}"

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed


class Category(models.Model):
    """A kind of project with its own limits and, optionally, its own budget (e.g. building measures)."""

    fund = models.ForeignKey(
        Fund, on_delete=models.CASCADE, related_name="categories", verbose_name=_("fund")
    )
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    budget = money(
        verbose_name=_("own budget"), null=True, blank=True, help_text=_("Empty: shares the fund.")
    )
    committed = money(verbose_name=_("committed"), default=ZERO, editable=False)
    max_amount = money(verbose_name=_("maximum per application"), null=True, blank=True)
    max_share_percent = models.PositiveSmallIntegerField(
        _("maximum share of the total cost (%)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("kind of project")
        verbose_name_plural = _("kinds of project")
        ordering = ["fund", "position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(committed__gte=0) & (Q(budget__isnull=True) | Q(committed__lte=F("budget"))),
                name="fund_category_never_overcommitted",
            ),
            models.CheckConstraint(
                condition=Q(max_share_percent__isnull=True) | Q(max_share_percent__lte=100),
                name="fund_category_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.committed


class Round(models.Model):
    """A submission round with its deadline (and the planned award session)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("fund"))
    name = models.CharField(_("name"), max_length=120)
    deadline = models.DateField(_("submission deadline"))

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["fund", "deadline"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "deadline"], name="fund_round_unique_deadline")
        ]

    def __str__(self) -> str:
        return self.name


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


class AwardSession(models.Model):
    """A meeting of the award team (or a session held on paper) that decides on applications."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CLOSED = "closed", _("Held, minutes to be signed")
        SIGNED = "signed", _("Minutes signed")

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("fund"))
    quarter = models.ForeignKey("core.Quarter", on_delete=models.PROTECT, related_name="+", editable=False)
    round = models.ForeignKey(
        Round,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("round"),
    )
    date = models.DateField(_("date"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    on_paper = models.BooleanField(_("held on paper (votes entered by the office)"), default=False)
    # A written procedure between sessions (Umlaufverfahren): every member votes by this date.
    written_until = models.DateField(_("written procedure: every member votes by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("award-team session")
        verbose_name_plural = _("award-team sessions")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.fund.name} {self.date:%d.%m.%Y}"

    @property
    def is_written(self) -> bool:
        return self.written_until is not None


class Attendance(models.Model):
    """A member present at a session held on paper, as recorded by the office."""

    session = models.ForeignKey(AwardSession, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey("actors.Person", on_delete=models.PROTECT, related_name="+")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance at a session")
        verbose_name_plural = _("attendances at sessions")
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="fund_attendance_once")]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.session_id}"


class AgendaItem(models.Model):
    """An application on the agenda of a session; holds the result once the item is closed."""

    class Result(models.TextChoices):
        OPEN = "open", _("Open")
        APPROVED = "approved", pgettext_lazy("fund", "Approved")
        REJECTED = "rejected", _("Rejected")
        DEFERRED = "deferred", _("Deferred")
        NO_QUORUM = "no_quorum", _("No quorum")

    session = models.ForeignKey(AwardSession, on_delete=models.PROTECT, related_name="items")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0)
    result = models.CharField(max_length=10, choices=Result.choices, default=Result.OPEN)
    yes = models.PositiveSmallIntegerField(default=0)
    no = models.PositiveSmallIntegerField(default=0)
    abstain = models.PositiveSmallIntegerField(default=0)
    amount = money(null=True, blank=True)
    conditions = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "application"], name="fund_agenda_unique_application")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.position}: {self.application_id}"

    @property
    def quarter_id(self) -> int:
        return self.session.quarter_id

    @property
    def is_open(self) -> bool:
        return self.result == self.Result.OPEN


class Recusal(models.Model):
    """A member's declared conflict of interest: they do not vote on this item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="recusals")
    # The account of the member, when they have one; `member` is their seat's person (accounts are optional).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    member = models.ForeignKey(
        "actors.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="fund_recusal_once"),
            models.UniqueConstraint(fields=["item", "member"], name="fund_recusal_member_once"),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(member__isnull=False), name="fund_recusal_has_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id or self.user_id} @ {self.item_id}"

    @property
    def member_label(self) -> str:
        return str(self.member or self.user)


class Vote(models.Model):
    """One member's vote on one agenda item: recorded once, by the database's word."""

    class Choice(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("Abstain")

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="votes")
    # The account of the member, when they have one; `member` is their seat's person (accounts are optional).
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    member = models.ForeignKey(
        "actors.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    amount = money(verbose_name=_("reduced amount"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), max_length=2000, blank=True)
    is_chair = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["item", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "voter"], name="fund_vote_once"),
            models.UniqueConstraint(fields=["item", "member"], name="fund_vote_member_once"),
            models.CheckConstraint(
                condition=Q(voter__isnull=False) | Q(member__isnull=False), name="fund_vote_has_member"
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0), name="fund_vote_amount"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id or self.voter_id}: {self.choice}"

    @property
    def member_label(self) -> str:
        return str(self.member or self.voter)


class Decision(models.Model):
    """The decision on an application; a correction is a new row that supersedes the earlier one."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", pgettext_lazy("fund", "Approved")
        APPROVED_WITH_CONDITIONS = "approved_conditions", _("Approved with conditions or a reduced amount")
        REJECTED = "rejected", _("Rejected")
        DEFERRED = "deferred", _("Deferred")

    class Level(models.TextChoices):
        OFFICE = "office", _("Neighbourhood management office")
        AWARD_TEAM = "award_team", _("Award team")
        COUNCIL = "council", _("District council or city")

    APPROVING = (Outcome.APPROVED, Outcome.APPROVED_WITH_CONDITIONS)

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="decisions")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    outcome = models.CharField(pgettext_lazy("fund", "decision"), max_length=20, choices=Outcome.choices)
    level = models.CharField(_("decided by"), max_length=12, choices=Level.choices)
    amount = money(verbose_name=_("approved amount"), default=ZERO)
    conditions = models.TextField(_("conditions"), blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    proof_due_date = models.DateField(_("proof of use due"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["application", "decided_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="fund_decision_amount")]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.amount}"

    @property
    def is_approval(self) -> bool:
        return self.outcome in self.APPROVING


class LedgerEntry(models.Model):
    """Every movement of committed money: commitments at decision time, corrections and releases."""

    class Kind(models.TextChoices):
        COMMIT = "commit", _("Committed")
        CORRECTION = "correction", _("Amount corrected")
        RELEASE = "release", _("Released")

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="ledger")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    amount = money()
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["fund", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class Payout(models.Model):
    """Money paid out (partial payouts allowed); a correction is a negative row with a reason."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payouts")
    amount = money(verbose_name=_("amount (€)"))
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("booking reference"), max_length=120, blank=True)
    reason = models.TextField(_("reason for the correction"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["application", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) | (Q(amount__lt=0) & ~Q(reason="")),
                name="fund_payout_correction_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.paid_on} {self.amount}"


class ProofOfUse(models.Model):
    """The applicant's proof of use (Verwendungsnachweis) and the office's check of it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        QUESTIONS = "questions", _("Questions from the office")
        REPAYMENT_DUE = "repayment_due", _("Repayment due")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="proofs")
    report = models.TextField(_("what happened"), max_length=8000)
    public_summary = models.TextField(_("short report for the public page"), max_length=1200)
    spent_amount = money(verbose_name=_("money spent from the fund (€)"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(default=timezone.now)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    check_note = models.TextField(_("note of the office"), blank=True)
    repayment_amount = money(verbose_name=_("repayment"), null=True, blank=True)

    class Meta:
        verbose_name = _("proof of use")
        verbose_name_plural = _("proofs of use")
        ordering = ["application", "-submitted_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(spent_amount__gte=0), name="fund_proof_spent")]

    def __str__(self) -> str:
        return f"{self.application_id} {self.status}"
