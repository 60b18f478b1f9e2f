"""Core tables: cities and quarters, accounts and roles, audit history, the mail outbox, API tokens."""

import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import generations, interface_languages, multilingual
from .identity import canonical_email
from .theme import validate_accent
from .tokens import secret_hash


class City(models.Model):
    """The level above the quarters: city staff see every quarter of their city."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True)
    languages = models.JSONField(
        _("interface languages"),
        default=interface_languages.all_languages,
        blank=True,
        help_text=_(
            "The languages visitors can choose on the pages of this city's quarters. German is always offered."
        ),
    )
    # The city's look (core/theme.py): header, PDFs and mails of its quarters.
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, blank=True, validators=[validate_accent]
    )
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_type = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.languages = interface_languages.clean(self.languages)
        super().save(*args, **kwargs)
        # Pages and the language and theme lookup of every quarter of the city follow the new setting.
        interface_languages.forget()
        generations.bump("core")


class ResponsibleParty(models.Model):
    """Who answers for the data: a city's administration or an operator (Träger) that runs an office.

    Controller, data-protection officer and Impressum details live here, per city and per operator, so
    that offices change them without a deployment.
    """

    class Kind(models.TextChoices):
        CITY = "city", _("City administration")
        OPERATOR = "operator", _("Operator (Träger)")

    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="responsible_parties", verbose_name=_("city")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=120, blank=True)
    is_public_body = models.BooleanField(
        _("public body"),
        default=False,
        help_text=_("Public bodies process under Art. 6 (1) e GDPR; other operators rely on Art. 6 (1) f."),
    )
    address = models.TextField(_("postal address"))
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    represented_by = models.CharField(_("represented by"), max_length=200, blank=True)
    register_entry = models.CharField(_("register entry"), max_length=200, blank=True)
    vat_id = models.CharField(_("VAT identification number"), max_length=40, blank=True)
    supervisory_body = models.CharField(_("supervisory body (Impressum)"), max_length=200, blank=True)
    content_responsible = models.CharField(
        _("responsible for content (§ 18 (2) MStV)"), max_length=300, blank=True
    )
    dpo_name = models.CharField(_("data-protection officer"), max_length=200, blank=True)
    dpo_email = models.EmailField(_("data-protection officer's e-mail"), blank=True)
    dpo_address = models.TextField(_("data-protection officer's postal address"), blank=True)
    data_protection_authority = models.TextField(
        _("data-protection supervisory authority"),
        blank=True,
        help_text=_("Name and address of the authority a person may complain to (Art. 77 GDPR)."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("responsible party")
        verbose_name_plural = _("responsible parties")
        ordering = ["city__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["city"], condition=Q(kind="city"), name="responsible_party_one_city_administration"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def relies_on_legitimate_interest(self) -> bool:
        """A private operator cannot rely on the public task (Art. 6 (1) e) for its own processing."""
        return not self.is_public_body


class ControllerArrangement(models.TextChoices):
    """Who is responsible for a quarter's data, as the operator's contract states."""

    CITY = "city", _("The city runs the office and is the controller")
    PROCESSOR = (
        "processor",
        _("The city is the controller, the operator processes on its behalf (Art. 28 GDPR)"),
    )
    JOINT = "joint", _("The city and the operator are joint controllers (Art. 26 GDPR)")


class Quarter(models.Model):
    """A programme area (Quartier, Fördergebiet) run by a neighbourhood management office."""

    class Programme(models.TextChoices):
        SOCIAL_COHESION = "social_cohesion", _("Sozialer Zusammenhalt")
        SOCIAL_CITY = "social_city", _("Soziale Stadt")
        URBAN_REDEVELOPMENT = "urban_redevelopment", _("Stadtumbau")
        STATE = "state", _("State programme")
        MUNICIPAL = "municipal", _("Municipal programme")
        OTHER = "other", _("Other")

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="quarters", verbose_name=_("city"))
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), unique=True)
    programme = models.CharField(_("programme"), max_length=32, choices=Programme.choices)
    programme_detail = models.CharField(_("programme details"), max_length=200, blank=True)
    operator = models.CharField(_("operator (Träger)"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    summary = models.TextField(_("who we are"), blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON polygon)"), null=True, blank=True)
    # Bounding box of the boundary, kept in step by core.geo, for a cheap first filter.
    min_lat = models.FloatField(null=True, blank=True, editable=False)
    max_lat = models.FloatField(null=True, blank=True, editable=False)
    min_lon = models.FloatField(null=True, blank=True, editable=False)
    max_lon = models.FloatField(null=True, blank=True, editable=False)
    contact_name = models.CharField(_("contact point"), max_length=200, blank=True)
    contact_address = models.TextField(_("address"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=60, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    translations = multilingual.translations_field()
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, blank=True, validators=[validate_accent]
    )
    funders = models.JSONField(
        _("funders' logos"),
        default=list,
        blank=True,
        help_text=_(
            "The funding programmes whose logos the footer and PDFs show, as the programme prescribes."
        ),
    )
    operator_party = models.ForeignKey(
        "core.ResponsibleParty",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operated_quarters",
        verbose_name=_("operator (responsible party)"),
        limit_choices_to={"kind": "operator"},
    )
    arrangement = models.CharField(
        _("data-protection arrangement"),
        max_length=16,
        choices=ControllerArrangement.choices,
        default=ControllerArrangement.CITY,
        help_text=_("As the operator's contract states."),
    )

    # The texts of the quarter page the office may enter in more languages (core/multilingual.py).
    TRANSLATED_FIELDS = ("summary", "contact_name", "opening_hours")

    class Meta:
        verbose_name = _("quarter")
        verbose_name_plural = _("quarters")
        ordering = ["city__name", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The quarter's pages show its theme and name from the cached facts (interface_languages).
        interface_languages.forget()
        generations.bump("core", self.pk)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:quarter", args=[self.slug])


class QuarterPicture(models.Model):
    """The picture a quarter's page leads with (the office, a street, an illustration), kept apart from the
    quarter so that loading a quarter never loads the image. Re-encoded or sanitised on upload (core/theme.py)."""

    quarter = models.OneToOneField(
        Quarter, on_delete=models.CASCADE, related_name="picture", verbose_name=_("quarter")
    )
    image = models.BinaryField(editable=False)
    content_type = models.CharField(max_length=40, editable=False)
    alt = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the picture shows, in one sentence, for people who cannot see it."),
    )
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Who made the picture, as its licence asks.")
    )
    shows_people = models.BooleanField(_("people can be recognised"), default=False)
    consent = models.CharField(
        _("consent"),
        max_length=300,
        blank=True,
        help_text=_(
            "Where people can be recognised: when they consented and where the signed forms are filed."
        ),
    )

    class Meta:
        verbose_name = _("picture of the quarter")
        verbose_name_plural = _("pictures of the quarters")

    def __str__(self) -> str:
        return self.alt

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        interface_languages.forget()
        generations.bump("core", self.quarter_id)

    def delete(self, *args, **kwargs):
        quarter_id = self.quarter_id
        result = super().delete(*args, **kwargs)
        interface_languages.forget()
        generations.bump("core", quarter_id)
        return result

    def clean(self):
        if self.shows_people and not self.consent.strip():
            raise ValidationError(
                {
                    "consent": _(
                        "Record the consent of the people who can be recognised, or choose another picture."
                    )
                }
            )


class TeamMember(models.Model):
    """A person of the office shown publicly on the quarter page."""

    quarter = models.ForeignKey(
        Quarter, on_delete=models.CASCADE, related_name="team", verbose_name=_("quarter")
    )
    user = models.ForeignKey(
        "core.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=160)
    role_title = models.CharField(_("role"), max_length=160, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    translations = multilingual.translations_field()

    TRANSLATED_FIELDS = ("role_title",)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["quarter", "position", "name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=canonical_email(self.normalize_email(email)), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """An account, logged in by e-mail. `is_superuser` is the administrator role."""

    email = models.EmailField(_("e-mail"), unique=True)
    display_name = models.CharField(_("name"), max_length=160, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the Django admin"), default=False)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # One account per address whatever its letter case (log-in and lockout compare in lower case).
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_message=_("An account with this e-mail address exists already."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def clean(self):
        super().clean()
        self.email = canonical_email(self.email)


class Membership(models.Model):
    """A role a user holds: per quarter (resident … staff) or for a whole city (city staff)."""

    class Role(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        ACTOR_REPRESENTATIVE = "actor_representative", _("Actor representative")
        AWARD_TEAM = "award_team", _("Award-team member")
        STAFF = "staff", _("Neighbourhood management staff")
        CITY_STAFF = "city_staff", _("City staff")

    QUARTER_ROLES = (Role.RESIDENT, Role.ACTOR_REPRESENTATIVE, Role.AWARD_TEAM, Role.STAFF)

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    quarter = models.ForeignKey(
        Quarter,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("quarter"),
    )
    city = models.ForeignKey(
        City,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("city"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "quarter"], name="membership_unique_quarter_role"
            ),
            models.UniqueConstraint(
                fields=["user", "role", "city"],
                condition=Q(quarter__isnull=True),
                name="membership_unique_city_role",
            ),
            # City staff hold a city; every other role holds a quarter.
            models.CheckConstraint(
                condition=(Q(role="city_staff", city__isnull=False, quarter__isnull=True))
                | (~Q(role="city_staff") & Q(quarter__isnull=False)),
                name="membership_scope_matches_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.quarter or self.city}"


class AuditEntry(models.Model):
    """Who changed what and when. Rows are only ever added."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80)
    target_id = models.CharField(max_length=64)
    quarter = models.ForeignKey(Quarter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit history")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_type}#{self.target_id}"


class OutboxMail(models.Model):
    """An e-mail waiting to be sent or sent; a mail server that is down delays it and loses nothing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed for good")

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=250)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    # [{"filename": …, "content_type": …, "content_b64": …}]
    attachments = models.JSONField(default=list, blank=True)
    reply_to = models.CharField(max_length=250, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    purpose = models.CharField(max_length=80, blank=True)
    # The language the mail is written in (the recipient's): see core.mail.mail_language.
    language = models.CharField(max_length=16, blank=True)
    # Extra headers ({"List-Unsubscribe": …}) and the envelope sender for bounces (a VERP address), if any.
    headers = models.JSONField(default=dict, blank=True)
    envelope_from = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status_idx")]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)} ({self.status})"


class ApiToken(models.Model):
    """A personal API token; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=120)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    hash_key = staticmethod(secret_hash)

    @classmethod
    def issue(cls, user: User, name: str) -> tuple["ApiToken", str]:
        """Create a token and return it with its clear key, shown once."""
        key = "qw_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=cls.hash_key(key), prefix=key[3:11])
        return token, key


class AccessibilityFeedback(models.Model):
    """A message sent through the feedback form of the accessibility statement."""

    created_at = models.DateTimeField(default=timezone.now)
    page_url = models.CharField(_("page"), max_length=500, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    email = models.EmailField(_("e-mail for a reply"), blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.page_url}"


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class DataExport(models.Model):
    """A copy of everything stored about a person (Art. 15, 20 GDPR), built by a task, kept for seven days."""

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        READY = "ready", _("ready for download")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    email = models.EmailField(blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to="exports/", storage=_private_storage, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["expires_at"], name="dataexport_expires_idx")]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.status})"


# Registered with the core app and importable from here as before.
from .rights_models import ProcessingRestriction, SubjectRequest  # noqa: E402, F401
