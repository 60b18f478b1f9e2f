"""What only the office knows (the contact point's log, the team's time per field of action), which figures it
publishes, and the annual reports written from all the modules' figures with their published versions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartierwerk.core import clock


class FieldOfAction(models.Model):
    """A field of action of the quarter's action plan, as far as the team books its time on it."""

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.CASCADE, related_name="+", verbose_name=_("quarter")
    )
    title = models.CharField(_("title"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["quarter", "position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["quarter", "title"], name="insights_field_title_once"),
        ]

    def __str__(self) -> str:
        return self.title


class ContactLogEntry(models.Model):
    """One visit, call or e-mail at the contact point, counted without anything about the person."""

    class Channel(models.TextChoices):
        VISIT = "visit", _("Visit")
        PHONE = "phone", _("Phone call")
        MAIL = "mail", _("E-mail or letter")

    class Topic(models.TextChoices):
        HOUSING = "housing", _("Housing")
        SOCIAL = "social", _("Social matters and benefits")
        WORK = "work", _("Work and education")
        FAMILY = "family", _("Children, youth and family")
        NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood and public space")
        FUND = "fund", _("Neighbourhood fund")
        ENGAGEMENT = "engagement", _("Getting involved")
        OTHER = "other", pgettext_lazy("topic", "Other")

    class Referral(models.TextChoices):
        NONE = "none", _("Not referred")
        CITY = "city", _("City administration")
        COUNSELLING = "counselling", _("Counselling service")
        JOBCENTRE = "jobcentre", _("Job centre")
        LANDLORD = "landlord", _("Landlord or housing company")
        ASSOCIATION = "association", _("Association or initiative")
        OTHER = "other", pgettext_lazy("referral", "Elsewhere")

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.CASCADE, related_name="+", verbose_name=_("quarter")
    )
    day = models.DateField(_("day"), default=clock.today)
    channel = models.CharField(_("how"), max_length=8, choices=Channel.choices, default=Channel.VISIT)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    language = models.CharField(_("language of the conversation"), max_length=8, default="de")
    referred_to = models.CharField(
        _("referred to"), max_length=16, choices=Referral.choices, default=Referral.NONE
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("contact log entry")
        verbose_name_plural = _("contact log entries")
        ordering = ["-day", "-created_at"]
        indexes = [models.Index(fields=["quarter", "day"], name="insights_contact_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.get_topic_display()}"


class TimeEntry(models.Model):
    """Hours the team spent on one field of action on one day (the team's, not a person's time sheet)."""

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.CASCADE, related_name="+", verbose_name=_("quarter")
    )
    field = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        related_name="time_entries",
        verbose_name=_("field of action"),
    )
    day = models.DateField(_("day"), default=clock.today)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        ordering = ["-day", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=200), name="insights_hours_range"),
        ]
        indexes = [models.Index(fields=["quarter", "day"], name="insights_time_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.hours} h"


class PublicFigure(models.Model):
    """A figure the office shows to everyone on the city's overview (all others: city staff only)."""

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.CASCADE, related_name="+", verbose_name=_("quarter")
    )
    key = models.CharField(_("figure"), max_length=80)

    class Meta:
        verbose_name = _("public figure")
        verbose_name_plural = _("public figures")
        constraints = [models.UniqueConstraint(fields=["quarter", "key"], name="insights_public_figure_once")]

    def __str__(self) -> str:
        return self.key


class AnnualReport(models.Model):
    """The report of a quarter for one year, regenerated from the data; the office's own sections stay."""

    class Kind(models.TextChoices):
        PUBLIC = "public", _("Annual report (public)")
        INTERNAL = "internal", _("Progress report to the city and the programme (internal)")

    class Status(models.TextChoices):
        NEW = "new", _("not generated yet")
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("being generated")
        DONE = "done", _("generated")
        FAILED = "failed", _("failed")

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.CASCADE, related_name="+", verbose_name=_("quarter")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PUBLIC)
    introduction = models.TextField(_("introduction"), blank=True, max_length=8000)
    highlights = models.TextField(_("highlights"), blank=True, max_length=8000)
    outlook = models.TextField(_("outlook"), blank=True, max_length=8000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    steps_total = models.PositiveSmallIntegerField(default=0)
    steps_done = models.PositiveSmallIntegerField(default=0)
    figures = models.JSONField(default=list, blank=True)  # the figures as generated, for page, PDF and API
    generated_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["quarter", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["quarter", "year", "kind"], name="insights_report_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.steps_done / self.steps_total)) if self.steps_total else 0


class PublishedReport(models.Model):
    """One published version of a report: never changed, cited by its number and its SHA-256."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.PROTECT, related_name="versions", verbose_name=_("report")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    pdf = models.BinaryField(editable=False)
    figures_json = models.TextField(editable=False)
    texts = models.JSONField(default=dict, editable=False)  # the office's sections as published
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    published_at = models.DateTimeField(_("published"), default=timezone.now, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("published report")
        verbose_name_plural = _("published reports")
        ordering = ["report", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["report", "version"], name="insights_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.version}"
