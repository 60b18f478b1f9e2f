"""Persons of the directory, their relationships to organisations, and the consent records (DSGVO)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.languages import Language  # noqa: F401 - Language is imported from here

from .organisations import Organisation


class Person(models.Model):
    """A person known to the office; optionally linked to an account."""

    quarter = models.ForeignKey(
        "core.Quarter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("quarter"),
    )
    city = models.ForeignKey(
        "core.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
        help_text=_("The city the entry belongs to; city-wide entries are seen only by that city's staff."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("account"),
    )
    first_name = models.CharField(_("first name"), max_length=120, blank=True)
    last_name = models.CharField(_("last name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    role_title = models.CharField(_("function"), max_length=160, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    # What a consenting contact person shows next to their name on public pages (never more).
    public_fields = models.JSONField(_("published details"), default=list, blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    search_document = models.TextField(editable=False, blank=True, default="")
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )
    withdrawn_at = models.DateTimeField(_("consent withdrawn"), null=True, blank=True)
    retention_flagged_at = models.DateTimeField(_("retention period passed"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["quarter", "email"], name="person_quarter_email_idx")]

    def __str__(self) -> str:
        if self.anonymised_at:
            return str(_("Anonymised person"))
        return " ".join(p for p in (self.first_name, self.last_name) if p) or self.email or f"#{self.pk}"

    def save(self, *args, **kwargs):
        # Any writer (another module, the admin, a demo) keeps the search index in step; a save with
        # explicit update_fields leaves the derived columns to its caller.
        if kwargs.get("update_fields") is None:
            self.refresh_derived()
        super().save(*args, **kwargs)

    OPTIONAL_PUBLIC_FIELDS = (
        ("role_title", _("Function")),
        ("email", _("E-mail")),
        ("phone", _("Phone")),
    )

    def shows(self, field_name: str) -> bool:
        return field_name in (self.public_fields or [])

    @property
    def is_active_contact(self) -> bool:
        return self.withdrawn_at is None and self.anonymised_at is None and self.merged_into_id is None

    def refresh_derived(self) -> None:
        words = [self.first_name, self.last_name, self.email, self.phone, self.role_title]
        words += [str(t) for t in self.tags or []]
        self.search_document = "" if self.anonymised_at else " ".join(w for w in words if w)[:5000]


class Relationship(models.Model):
    """A typed, dated link between a person and an organisation; ended links stay as history."""

    class Kind(models.TextChoices):
        WORKS_AT = "works_at", _("works at")
        BOARD_MEMBER = "board_member", _("board member of")
        CONTACT_PERSON = "contact_person", _("contact person for")
        MEMBER = "member", _("member of")
        VOLUNTEER = "volunteer", _("volunteers at")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="relationships")
    kind = models.CharField(_("relationship"), max_length=20, choices=Kind.choices)
    start_date = models.DateField(_("from"), default=timezone.localdate)
    end_date = models.DateField(_("until"), null=True, blank=True)
    is_public = models.BooleanField(_("show on the public page"), default=False)

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="relationship_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display()} {self.organisation}"


class Consent(models.Model):
    """On what basis, for which purposes and until when a person's data is kept (DSGVO Art. 6/7)."""

    class Basis(models.TextChoices):
        CONSENT = "consent", _("Consent")
        CONTRACT = "contract", _("Contract")
        PUBLIC_ROLE = "public_role", _("Public role")

    class Purpose(models.TextChoices):
        NEWSLETTER = "newsletter", _("Newsletter")
        INVITATIONS = "invitations", _("Invitations")
        DIRECTORY = "directory", _("Directory listing")

    class Source(models.TextChoices):
        WEB_FORM = "web_form", _("Web form")
        PAPER_FORM = "paper_form", _("Paper form")
        EMAIL = "email", _("E-mail")
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        IMPORT = "import", _("Import")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    basis = models.CharField(_("legal basis"), max_length=16, choices=Basis.choices, default=Basis.CONSENT)
    # One column per purpose so "who may be invited" is a plain indexed filter on every database.
    for_newsletter = models.BooleanField(_("newsletter"), default=False)
    for_invitations = models.BooleanField(_("invitations"), default=False)
    for_directory = models.BooleanField(_("directory listing"), default=False)
    text = models.TextField(_("text shown when consent was given"), blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.WEB_FORM)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    valid_until = models.DateField(_("kept until"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at", "-pk"]
        indexes = [models.Index(fields=["person", "withdrawn_at", "valid_until"], name="consent_active_idx")]

    def __str__(self) -> str:
        return f"{self.get_basis_display()} {', '.join(self.purposes)} ({self.given_at:%Y-%m-%d})"

    @property
    def purposes(self) -> list[str]:
        return [p for p in self.Purpose.values if getattr(self, f"for_{p}")]

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None and (
            self.valid_until is None or self.valid_until >= timezone.localdate()
        )

    def purpose_labels(self) -> list[str]:
        return [str(self.Purpose(p).label) for p in self.purposes if p in self.Purpose.values]
