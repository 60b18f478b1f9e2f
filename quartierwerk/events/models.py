"""Events of a quarter or the city: calendar entries, registrations with a waiting list, group sessions with
agenda, attendance and minutes, the action items that come out of them, and personal calendar feeds."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core import multilingual
from quartierwerk.core.languages import Language, default_languages
from quartierwerk.core.languages import labels as language_labels
from quartierwerk.core.links import row_url
from quartierwerk.core.tokens import secret_hash

LANGUAGE_CHOICES = Language.choices  # the one list in core


class Venue(models.Model):
    """A place where events happen, with address, map position and access information."""

    quarter = models.ForeignKey(
        "core.Quarter",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="venues",
        verbose_name=_("quarter"),
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    access_notes = models.TextField(_("notes on access"), blank=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def one_line_address(self) -> str:
        return ", ".join(line.strip() for line in self.address.splitlines() if line.strip())


class Event(models.Model):
    """Something on the calendar: a public event or a group's session, once, all-day or weekly."""

    class Kind(models.TextChoices):
        COMMITTEE_SESSION = "committee_session", _("Committee session")
        WORKING_GROUP = "working_group", _("Working group meeting")
        WORKSHOP = "workshop", _("Workshop")
        NEIGHBOURHOOD_CONVERSATION = "neighbourhood_conversation", _("Neighbourhood conversation")
        TENANTS_MEETING = "tenants_meeting", _("Tenants' meeting")
        FESTIVAL = "festival", _("Festival")
        CONSULTATION_HOURS = "consultation_hours", _("Consultation hours")
        INFORMATION = "information", _("Information event")
        OTHER = "other", _("Other")

    SESSION_KINDS = (Kind.COMMITTEE_SESSION, Kind.WORKING_GROUP)

    class Topic(models.TextChoices):
        PARTICIPATION = "participation", _("Participation")
        NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood life")
        ENVIRONMENT = "environment", _("Green spaces and environment")
        CULTURE = "culture", _("Culture")
        YOUTH = "youth", _("Children and youth")
        SENIORS = "seniors", _("Older people")
        HOUSING = "housing", _("Housing")
        INTEGRATION = "integration", _("Living together and integration")
        MOBILITY = "mobility", _("Mobility")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class Recurrence(models.TextChoices):
        NONE = "none", _("Once")
        WEEKLY = "weekly", _("Weekly")

    city = models.ForeignKey("core.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("city"))
    quarter = models.ForeignKey(
        "core.Quarter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("quarter"),
        help_text=_("Empty for city-wide events."),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices, default=Topic.NEIGHBOURHOOD)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(_("all day"), default=False)
    recurrence = models.CharField(
        _("repeats"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE
    )
    recurrence_until = models.DateField(_("repeats until"), null=True, blank=True)
    # Dates (ISO strings) on which a repeating event does not take place.
    exception_dates = models.JSONField(_("dates left out"), default=list, blank=True)
    venue = models.ForeignKey(
        Venue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("venue"),
    )
    online_url = models.URLField(_("online link"), blank=True)
    organiser_name = models.CharField(_("organiser"), max_length=200, blank=True)
    organiser_organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organising actor"),
    )
    group = models.ForeignKey(
        "actors.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("group"),
        help_text=_("For a session of a group: its members are invited and minutes are kept."),
    )
    # Comma-framed language codes (",de,en,") so one LIKE filter finds a language.
    languages = models.JSONField(_("languages"), default=default_languages, blank=True)
    childcare = models.BooleanField(_("childcare offered"), default=False)
    is_public = models.BooleanField(_("public"), default=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    registration_required = models.BooleanField(_("registration required"), default=False)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration until"), null=True, blank=True)
    quorum = models.PositiveSmallIntegerField(
        _("quorum"), null=True, blank=True, help_text=_("Members present needed; empty for more than half.")
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    answers_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    translations = multilingual.translations_field()

    # The texts the office may enter in more languages (core/multilingual.py).
    TRANSLATED_FIELDS = ("title", "description")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["quarter", "starts_at"], name="event_quarter_start_idx"),
            models.Index(fields=["city", "starts_at"], name="event_city_start_idx"),
            models.Index(fields=["recurrence", "recurrence_until"], name="event_recurrence_idx"),
            # The calendar across all cities: the next single dates in order, read off the index.
            models.Index(fields=["starts_at", "id"], name="event_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0), name="event_capacity_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.quarter_id:
            return row_url("events:detail", self.quarter.slug, self.pk)
        return row_url("events:city_detail", self.pk)

    @property
    def is_session(self) -> bool:
        return self.group_id is not None

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def duration(self) -> datetime.timedelta:
        return self.ends_at - self.starts_at

    @property
    def language_codes(self) -> list[str]:
        return list(self.languages or [])

    @property
    def language_labels(self) -> list[str]:
        return language_labels(self.languages)

    @property
    def minutes_are_public(self) -> bool:
        """Minutes follow the group: public only for a public session of a public group."""
        return self.is_public and (self.group is None or self.group.is_public)


class EventQuestion(models.Model):
    """A question asked at registration (dietary needs, childcare); answers are deleted after the event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("answer required"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["event", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Registration(models.Model):
    """A place at an event, or a place on its waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=160)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(max_length=8, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    waiting_position = models.PositiveIntegerField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)  # {question id: answer}
    written_in = multilingual.written_in_field()
    created_at = models.DateTimeField(default=timezone.now)
    moved_up_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="registration_one_per_email",
            ),
            models.UniqueConstraint(
                fields=["event", "waiting_position"],
                condition=Q(waiting_position__isnull=False),
                name="registration_unique_waiting_position",
            ),
            models.CheckConstraint(
                condition=Q(status="waiting", waiting_position__isnull=False)
                | (~Q(status="waiting") & Q(waiting_position__isnull=True)),
                name="registration_position_only_when_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event} ({self.status})"


class AgendaItem(models.Model):
    """An item on a session's agenda; after the session it carries the minutes for that item."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    is_public = models.BooleanField(_("public item"), default=True)
    discussion = models.TextField(_("discussion"), blank=True, max_length=20000)
    decision = models.TextField(_("decision"), blank=True, max_length=5000)
    votes_yes = models.PositiveSmallIntegerField(_("votes in favour"), null=True, blank=True)
    votes_no = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["event", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def has_votes(self) -> bool:
        return any(v is not None for v in (self.votes_yes, self.votes_no, self.votes_abstain))


class AgendaDocument(models.Model):
    """A document attached to an agenda item, served only through a view that checks permission."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to="events/agenda/%Y/%m/")
    title = models.CharField(_("title"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agenda document")
        verbose_name_plural = _("agenda documents")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """Whether a member of the group was present at a session."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("actors.Person", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    is_member = models.BooleanField(default=True)  # a voting seat (chair, deputy, member) rather than a guest

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="attendance_once_per_person")]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.event_id}: {self.status}"


class Minutes(models.Model):
    """The minutes of a session: written in the system, released by the chair."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RELEASED = "released", _("Released")

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(_("general notes"), blank=True, max_length=20000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    # Counts every save: an editor whose draft is based on an older version gets a conflict, not an overwrite.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{self.event} ({self.status})"

    @property
    def is_released(self) -> bool:
        return self.status == self.Status.RELEASED


class ActionItem(models.Model):
    """A task agreed in a session: what, who, by when, and how far it got."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATES = (Status.OPEN, Status.IN_PROGRESS)

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        "actors.Group",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("group"),
    )
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    title = models.CharField(_("what"), max_length=300)
    assignee_person = models.ForeignKey(
        "actors.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person responsible"),
    )
    assignee_organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation responsible"),
    )
    due_date = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_before_at = models.DateTimeField(null=True, blank=True)
    reminded_after_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["group", "status"], name="actionitem_group_status_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES

    @property
    def assignee_label(self) -> str:
        return str(self.assignee_person or self.assignee_organisation or "")


class StatusChange(models.Model):
    """History of workflow moves: events cancelled or postponed, minutes released, action items done."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, null=True, blank=True, related_name="history")
    action_item = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, null=True, blank=True, related_name="history"
    )
    subject = models.CharField(max_length=20)  # event, minutes, action_item
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    note = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.subject}: {self.from_status} → {self.to_status}"


class CalendarToken(models.Model):
    """The secret of a personal calendar feed; only its hash is stored, and it can be revoked."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed link")
        verbose_name_plural = _("calendar feed links")

    def __str__(self) -> str:
        return f"{self.user_id} ({'revoked' if self.revoked_at else 'active'})"

    hash_token = staticmethod(secret_hash)

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)
