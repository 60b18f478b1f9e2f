"""Resource pool: equipment, rooms, vehicles, services and office hours that actors and offices lend out.

A resource belongs to a quarter and is offered either by an organisation of the actor directory or by the
office itself (`owner` empty). When it can be booked is said by its timeframes; closures (holidays, repairs)
override them. A booking holds the time from its start to its end plus the resource's turnaround buffer
(`blocked_until`); no two bookings that hold a slot may overlap on one resource. On PostgreSQL an exclusion
constraint (migration 0002) enforces that; on SQLite every write transaction is `BEGIN IMMEDIATE`, so the
check and the insert in `services.bookings.book` run one writer at a time.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """Rules shared by the resources of one category in a quarter (CommonsBooking's rules per category)."""

    quarter = models.ForeignKey("core.Quarter", on_delete=models.CASCADE, related_name="resource_categories")
    name = models.CharField(_("name"), max_length=120)
    no_overlap_per_booker = models.BooleanField(
        _("one booking at a time per booker"),
        default=True,
        help_text=_("A booker may not hold two bookings of this category at the same time."),
    )
    no_chain_bookings = models.BooleanField(
        _("no chained bookings"),
        default=False,
        help_text=_("A booker may not start a booking right where their own previous one ends."),
    )
    max_days_per_week = models.PositiveSmallIntegerField(_("maximum days per week"), null=True, blank=True)
    max_days_per_month = models.PositiveSmallIntegerField(_("maximum days per month"), null=True, blank=True)

    class Meta:
        verbose_name = _("resource category")
        verbose_name_plural = _("resource categories")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    """Something that can be lent or booked: a cargo bike, a beamer, a meeting room, the office hours."""

    class Kind(models.TextChoices):
        EQUIPMENT = "equipment", _("Equipment")
        ROOM = "room", _("Room")
        VEHICLE = "vehicle", _("Vehicle")
        SERVICE = "service", _("Service")
        OFFICE_HOURS = "office_hours", _("Office hours")

    class Bookers(models.TextChoices):
        ANYONE = "anyone", _("Anyone")
        ASSOCIATIONS = "associations", _("Registered associations")
        STAFF = "staff", _("Staff of the office")

    quarter = models.ForeignKey("core.Quarter", on_delete=models.PROTECT, related_name="resources")
    owner = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("offered by"),
        help_text=_("Empty when the office of the quarter offers it."),
    )
    category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="resources"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    place = models.CharField(_("place"), max_length=250, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    photo = models.FileField(upload_to="resources/%Y/%m/", blank=True)
    deposit = models.DecimalField(_("deposit (EUR)"), max_digits=8, decimal_places=2, default=0)
    fee = models.DecimalField(_("fee (EUR)"), max_digits=8, decimal_places=2, default=0)
    bookable_by = models.CharField(
        _("who may book"), max_length=20, choices=Bookers.choices, default=Bookers.ASSOCIATIONS
    )
    needs_approval = models.BooleanField(
        _("bookings need the owner's approval"),
        default=True,
        help_text=_("Otherwise a booking is confirmed at once."),
    )
    buffer_minutes = models.PositiveIntegerField(
        _("turnaround buffer (minutes)"),
        default=0,
        help_text=_("Time after each booking to clean, charge or check."),
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        null=True,
        blank=True,
        help_text=_("Office hours: the length of one appointment."),
    )
    terms = models.TextField(_("terms of use"), max_length=4000, blank=True)
    languages = models.CharField(
        _("languages offered"), max_length=120, blank=True, help_text=_("Office hours: e.g. Arabic, Turkish.")
    )
    offers_interpreter = models.BooleanField(_("an interpreter can be arranged"), default=False)
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["quarter", "kind", "is_published"], name="res_resource_quarter_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(deposit__gte=0, fee__gte=0), name="res_resource_money_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("resources:resource", args=[self.quarter.slug, self.pk])

    @property
    def is_office_hours(self) -> bool:
        return self.kind == self.Kind.OFFICE_HOURS

    @property
    def needs_licence(self) -> bool:
        return self.kind == self.Kind.VEHICLE


class Timeframe(models.Model):
    """When a resource can be booked: weekdays, whole days or hours, lead time, maximum length, how far ahead."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="timeframes")
    weekdays = models.CharField(
        _("weekdays"), max_length=7, default="01234", help_text=_("Digits 0 (Monday) to 6 (Sunday).")
    )
    whole_days = models.BooleanField(_("whole days"), default=False)
    opens_at = models.TimeField(_("from"), null=True, blank=True)
    closes_at = models.TimeField(_("until"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    lead_time_hours = models.PositiveIntegerField(_("lead time (hours)"), default=0)
    max_hours = models.PositiveIntegerField(_("maximum length (hours)"), null=True, blank=True)
    max_days = models.PositiveSmallIntegerField(_("maximum length (days)"), null=True, blank=True)
    ahead_days = models.PositiveSmallIntegerField(_("bookable how many days ahead"), default=90)

    class Meta:
        verbose_name = _("timeframe")
        verbose_name_plural = _("timeframes")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(whole_days=True)
                | Q(opens_at__isnull=False, closes_at__isnull=False, closes_at__gt=F("opens_at")),
                name="res_timeframe_hours_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id}: {self.weekdays}"


class Closure(models.Model):
    """A time the resource cannot be booked whatever its timeframes say: a holiday or a repair."""

    class Reason(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday")
        REPAIR = "repair", _("Repair")
        OTHER = "other", _("Other")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="closures")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, default=Reason.REPAIR)
    note = models.CharField(_("note"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="res_closure_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id}: {self.starts_at:%Y-%m-%d}–{self.ends_at:%Y-%m-%d}"


class Booking(models.Model):
    """One booking of a resource, or one appointment in the office hours."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Confirmed")
        HANDED_OVER = "handed_over", _("Handed over")
        RETURNED = "returned", _("Returned")
        CANCELLED = "cancelled", _("Cancelled")
        REFUSED = "refused", _("Refused")
        EXPIRED = "expired", _("Expired")

    # The states that hold the slot; the exclusion constraint of migration 0002 names the same values.
    HOLDING = ("unconfirmed", "requested", "approved", "handed_over", "returned")

    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="bookings")
    quarter = models.ForeignKey("core.Quarter", on_delete=models.PROTECT, related_name="+", editable=False)
    booker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource_bookings",
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource_bookings",
        verbose_name=_("on behalf of"),
    )
    name = models.CharField(_("name"), max_length=160, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    purpose = models.CharField(_("what for"), max_length=300, blank=True)
    language = models.CharField(_("language of the appointment"), max_length=60, blank=True)
    wants_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    blocked_until = models.DateTimeField(editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    pickup_code = models.CharField(_("pick-up code"), max_length=12, blank=True)
    confirm_hash = models.CharField(max_length=128, blank=True, editable=False)
    confirm_by = models.DateTimeField(null=True, blank=True)
    terms_accepted_at = models.DateTimeField(_("terms accepted at"), null=True, blank=True)
    licence_confirmed_at = models.DateTimeField(_("driving licence confirmed at"), null=True, blank=True)
    condition_note = models.TextField(_("condition on return"), max_length=2000, blank=True)
    answer = models.CharField(_("answer of the owner"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["resource", "starts_at"], name="res_booking_resource_idx"),
            models.Index(fields=["booker", "starts_at"], name="res_booking_booker_idx"),
            models.Index(fields=["quarter", "status", "starts_at"], name="res_booking_quarter_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="res_booking_in_order"),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=F("ends_at")), name="res_booking_buffer_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id}: {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def holds_slot(self) -> bool:
        return self.status in self.HOLDING

    @property
    def booker_label(self) -> str:
        if self.organisation_id:
            return str(self.organisation)
        return self.name or (str(self.booker) if self.booker_id else "")
