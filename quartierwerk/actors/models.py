"""Actors of a quarter: organisations, persons, and the groups (networks, committees, award teams) they form.

Also: typed relationships between persons and organisations, consent records (DSGVO), representatives of
organisations (self-service), staff notes and contact activity, saved filters, import batches and volunteer
engagement with its certificate (Ehrenamtsnachweis).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.choices import choice_labels
from quartierwerk.core.languages import Language  # noqa: F401 - Language is imported from here
from quartierwerk.core.languages import labels as language_labels


class Topic(models.TextChoices):
    EDUCATION = "education", _("Education")
    INTEGRATION = "integration", _("Integration")
    CULTURE = "culture", _("Culture")
    HOUSING = "housing", _("Housing")
    ENVIRONMENT = "environment", _("Environment")
    HEALTH = "health", _("Health")
    YOUTH = "youth", _("Youth")
    SENIORS = "seniors", _("Seniors")
    FAMILY = "family", _("Families")
    SPORTS = "sports", _("Sports")
    WORK = "work", _("Work and employment")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")


class Offer(models.TextChoices):
    COUNSELLING = "counselling", _("Counselling")
    ROOMS = "rooms", _("Rooms")
    COURSES = "courses", _("Courses")
    LANGUAGE_COURSES = "language_courses", _("Language courses")
    HOMEWORK_HELP = "homework_help", _("Homework help")
    LEISURE = "leisure", _("Leisure activities")
    CHILDCARE = "childcare", _("Childcare")
    MEETING_PLACE = "meeting_place", _("Meeting place")
    VOLUNTEERING = "volunteering", _("Volunteering opportunities")
    FOOD = "food", _("Food and meals")
    EQUIPMENT = "equipment", _("Equipment to lend")


def facet_tokens(prefix: str, values) -> list[str]:
    return [f"{prefix}:{v}" for v in values or ()]


SEARCH_LANGUAGES = ("de", "en")


def labels_for_search(choices, values) -> list[str]:
    """The labels of chosen values in every search language, so "Beratung" and "counselling" both match
    whatever language the person who saved the entry was using."""
    from django.utils import translation

    words = []
    for lang in SEARCH_LANGUAGES:
        with translation.override(lang):
            for v in values or ():
                if v in choices.values:
                    label = str(choices(v).label)
                    if label not in words:
                        words.append(label)
    return words


class Organisation(models.Model):
    """An association, initiative, institution, company or department active in a quarter."""

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
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Any writer (another module, the admin, a demo) keeps the search index in step; a save with
        # explicit update_fields leaves the derived columns to its caller.
        if kwargs.get("update_fields") is None:
            self.refresh_derived()
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


class Group(models.Model):
    """A body with members and meetings: network, working group, committee, award team, steering group."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("Network")
        WORKING_GROUP = "working_group", _("Working group")
        COMMITTEE = "committee", _("Committee")
        NEIGHBOURHOOD_COUNCIL = "neighbourhood_council", _("Neighbourhood council")
        AWARD_TEAM = "award_team", _("Award team")
        STEERING_GROUP = "steering_group", _("Steering group")

    quarter = models.ForeignKey(
        "core.Quarter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
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
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.WORKING_GROUP)
    purpose = models.TextField(_("purpose"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    meeting_rhythm = models.CharField(_("meets"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    ended_at = models.DateField(_("dissolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["quarter", "slug"], name="group_unique_slug")]

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    """A person's or organisation's seat in a group, with role and dates; ended seats are kept."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        DEPUTY = "deputy", _("Deputy")
        GUEST = "guest", _("Guest")

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="group_memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="group_memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("from"), default=timezone.localdate)
    end_date = models.DateField(_("until"), null=True, blank=True)
    # For an organisation's seat: who represents it (optional).
    delegate = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("delegate"),
    )

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["group", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organisation__isnull=True)
                | Q(person__isnull=True, organisation__isnull=False),
                name="group_membership_person_xor_organisation",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="group_membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.organisation} – {self.group} ({self.get_role_display()})"

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()


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


class ContactActivity(models.Model):
    """A note or a contact with an organisation or person: met at, called, e-mailed. Staff only."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        MET = "met", _("Met")
        CALLED = "called", _("Called")
        EMAILED = "emailed", _("E-mailed")
        MERGED = "merged", _("Merged")

    quarter = models.ForeignKey("core.Quarter", on_delete=models.CASCADE, null=True, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="activities"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NOTE)
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("text"), max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contact activity")
        verbose_name_plural = _("contact activities")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(person__isnull=False),
                name="activity_has_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class SavedFilter(models.Model):
    """A named staff filter ("all youth facilities in Grünau") to invite or export."""

    quarter = models.ForeignKey("core.Quarter", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=160)
    params = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["quarter", "name"], name="saved_filter_unique_name")]

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """An uploaded CSV/XLSX: parsed rows and per-row errors shown as a preview before anything is written."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        IMPORTED = "imported", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    quarter = models.ForeignKey("core.Quarter", on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PREVIEW)
    rows = models.JSONField(default=list)  # [{"line": n, "data": {...}}] for the good rows
    errors = models.JSONField(default=list)  # [{"line": n, "messages": [...]}]
    result = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class VolunteerEngagement(models.Model):
    """Volunteer work of a person: where, what, how many hours in which period; certified by staff."""

    class Status(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        CERTIFIED = "certified", _("Certificate signed")

    quarter = models.ForeignKey("core.Quarter", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="engagements")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="engagements"
    )
    activity = models.TextField(_("what was done"), max_length=2000)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECORDED)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("volunteer engagement")
        verbose_name_plural = _("volunteer engagements")
        ordering = ["-end_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="engagement_hours_positive"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="engagement_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.hours} h"
