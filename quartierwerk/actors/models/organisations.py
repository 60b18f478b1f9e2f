"""Organisations of the directory and the users who represent them (self-service)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core import mapgrid, multilingual
from quartierwerk.core.choices import choice_labels
from quartierwerk.core.languages import Language  # noqa: F401 - Language is imported from here
from quartierwerk.core.languages import labels as language_labels

from .choices import Offer, Topic, facet_tokens, labels_for_search


class Organisation(models.Model):
    """An association, initiative, institution, company or department active in a quarter."""

    # The description may be entered in more languages (core/multilingual.py); `written_in` is its own.
    TRANSLATED_FIELDS = ("description",)

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        INITIATIVE = "initiative", _("Initiative")
        MIGRANT_ORGANISATION = "migrant_organisation", _("Migrant organisation")
        SCHOOL = "school", _("School")
        DAYCARE = "daycare", _("Daycare centre")
        YOUTH_FACILITY = "youth_facility", _("Youth facility")
        SOCIAL_SERVICE = "social_service", _("Social service")
        HOUSING_COMPANY = "housing_company", _("Housing company")
        BUSINESS = "business", _("Business")
        CITY_DEPARTMENT = "city_department", _("City department")
        POLITICAL_BODY = "political_body", _("Political body")
        RELIGIOUS_COMMUNITY = "religious_community", _("Religious community")
        OTHER = "other", _("Other")

    quarter = models.ForeignKey(
        "core.Quarter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("quarter"),
        help_text=_("Empty for city-wide actors."),
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
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.ASSOCIATION)
    description = models.TextField(_("description"), blank=True)
    written_in = multilingual.written_in_field()
    translations = multilingual.translations_field()
    is_public = models.BooleanField(_("listed in the public directory"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")
        MERGED = "merged", _("Merged into another entry")

    # Fields whose publication the organisation chooses one by one (`public_fields`).
    OPTIONAL_PUBLIC_FIELDS = (
        ("address", _("Address")),
        ("location", _("Point on the map")),
        ("opening_hours", _("Opening hours")),
        ("email", _("E-mail")),
        ("phone", _("Phone")),
        ("website", _("Website")),
        ("accessibility", _("Accessibility")),
        ("contact_persons", _("Contact persons")),
    )

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.VERIFIED)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    offers = models.JSONField(_("what they offer"), default=list, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    town = models.CharField(_("town"), max_length=120, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    # The point on the map grid (core.mapgrid), kept in step by save(): the bounded map feed reads these.
    cell_x = models.IntegerField(null=True, blank=True, editable=False)
    cell_y = models.IntegerField(null=True, blank=True, editable=False)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    website = models.URLField(_("website"), blank=True)
    accessibility = models.TextField(_("accessibility of the place"), blank=True)
    wheelchair_accessible = models.BooleanField(_("step-free access"), default=False)
    public_fields = models.JSONField(_("published details"), default=list, blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    # Space-delimited "kind:x topic:y lang:z offer:w tag:t" tokens so filters are one indexed-ish LIKE.
    facets = models.TextField(editable=False, blank=True, default="")
    # Plain text the full-text index is built from (PostgreSQL GIN expression index / SQLite FTS5).
    search_document = models.TextField(editable=False, blank=True, default="")
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    # When the representatives were last asked to check the entry (once a year, by the scheduled job).
    review_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["quarter", "slug"], name="organisation_unique_slug")]
        indexes = [
            models.Index(fields=["quarter", "status", "is_public", "name"], name="org_directory_idx"),
            # The directory across all quarters, whole and by kind: read in name order off the index.
            models.Index(
                fields=["name", "id"],
                condition=Q(status="verified", is_public=True),
                name="org_public_name_idx",
            ),
            models.Index(
                fields=["kind", "name", "id"],
                condition=Q(status="verified", is_public=True),
                name="org_public_kind_idx",
            ),
            models.Index(
                fields=["cell_x", "cell_y"],
                condition=Q(status="verified", is_public=True),
                name="org_public_cell_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Any writer (another module, the admin, a demo) keeps the search index in step; a save with
        # explicit update_fields leaves the derived columns to its caller.
        if kwargs.get("update_fields") is None:
            self.refresh_derived()
        mapgrid.set_cells(self)
        kwargs["update_fields"] = mapgrid.cell_fields_for(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    @property
    def is_listed(self) -> bool:
        return self.is_public and self.status == self.Status.VERIFIED

    def shows(self, field_name: str) -> bool:
        """Whether the organisation made this optional detail public."""
        return field_name in (self.public_fields or [])

    @property
    def address(self) -> str:
        return ", ".join(p for p in (self.street, " ".join(x for x in (self.postcode, self.town) if x)) if p)

    def topic_labels(self) -> list[str]:
        return [str(Topic(t).label) for t in self.topics or [] if t in Topic.values]

    def language_labels(self) -> list[str]:
        return language_labels(self.languages)

    def offer_labels(self) -> list[str]:
        return self.offer_labels_of(self.offers)

    @staticmethod
    def offer_labels_of(offers) -> list[str]:
        """The names of the given offer codes in the active language (unknown codes left out)."""
        labels = choice_labels(Offer)
        return [labels[t] for t in offers or [] if t in labels]

    def refresh_derived(self) -> None:
        """Recompute facets and the search document from the fields (call before saving)."""
        tokens = [f"kind:{self.kind}"]
        tokens += facet_tokens("topic", self.topics)
        tokens += facet_tokens("lang", self.languages)
        tokens += facet_tokens("offer", self.offers)
        tokens += facet_tokens("tag", [t.lower() for t in self.tags or []])
        self.facets = " " + " ".join(tokens) + " "
        # Only public-facing words go into the document; internal notes never become searchable text.
        # The search serves the public directory too: address words only when the address is public.
        words = [self.name, self.description]
        if self.shows("address"):
            words += [self.street, self.town, self.postcode]
        words += labels_for_search(self.Kind, [self.kind])
        words += labels_for_search(Topic, self.topics)
        words += labels_for_search(Offer, self.offers)
        words += labels_for_search(Language, self.languages)
        self.search_document = " ".join(str(w) for w in words if w)[:20000]


class Representation(models.Model):
    """A user who speaks for an organisation: asked for by registering or claiming, decided by staff."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for staff")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="representations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="representations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    is_claim = models.BooleanField(_("claims an existing entry"), default=False)
    message = models.TextField(_("message to the office"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(status__in=["pending", "approved"]),
                name="representation_one_open_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation} ({self.status})"
