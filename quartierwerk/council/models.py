"""Council business, shaped on OParl 1.1: bodies, organisations, meetings, papers, consultations, files.

What OParl does not know lives beside it: resolution points of a decision with the responsible office, a
deadline and status reports over time, and the traffic light computed from them. Every object keeps
`created` and `modified` and is deleted softly (`deleted`), so the OParl API can publish the deletion.
Imported objects keep the OParl id of their source in `oparl_id`, the key of a re-import.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core import clock

# A deadline this close (in days) turns a point's light to "deadline near".
NEAR_DAYS = 30


class OParlObject(models.Model):
    """What every council object has: timestamps, soft deletion and the id of the object it came from."""

    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True, editable=False)
    modified = models.DateTimeField(_("modified"), default=timezone.now, db_index=True, editable=False)
    deleted = models.BooleanField(_("deleted"), default=False)
    oparl_id = models.URLField(
        _("OParl id of the source"), max_length=500, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.modified = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "modified"}
        super().save(*args, **kwargs)


class Body(OParlObject):
    """The city as a body of OParl (one per city)."""

    city = models.OneToOneField("core.City", on_delete=models.PROTECT, related_name="council_body")
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    website = models.URLField(_("website"), blank=True)
    ags = models.CharField(_("official municipality key (AGS)"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class LegislativeTerm(OParlObject):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="legislative_terms")
    name = models.CharField(_("name"), max_length=120)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("legislative term")
        verbose_name_plural = _("legislative terms")
        ordering = ["start_date", "pk"]

    def __str__(self) -> str:
        return self.name


class Organization(OParlObject):
    """A council, a committee, a district council, a faction or an office of the administration."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("City council")
        COMMITTEE = "committee", _("Committee")
        DISTRICT_COUNCIL = "district_council", _("District council (Stadtbezirksbeirat)")
        FACTION = "faction", _("Faction")
        OFFICE = "office", _("Office of the administration")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="organizations")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    email = models.EmailField(
        _("office e-mail"), blank=True, help_text=_("The office's shared address for deadline reminders.")
    )
    quarters = models.ManyToManyField(
        "core.Quarter", blank=True, related_name="council_organizations", verbose_name=_("quarters")
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["body", "modified"], name="council_org_modified_idx")]

    def __str__(self) -> str:
        return self.name


class Location(OParlObject):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="locations")
    description = models.CharField(_("description"), max_length=200)
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


class Meeting(OParlObject):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    name = models.CharField(_("name"), max_length=200)
    organizations = models.ManyToManyField(
        Organization, related_name="meetings", verbose_name=_("organisations")
    )
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    location = models.ForeignKey(
        Location, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start", "pk"]
        indexes = [models.Index(fields=["body", "modified"], name="council_meeting_modified_idx")]

    def __str__(self) -> str:
        return self.name


class AgendaItem(OParlObject):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(_("number"), max_length=20, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=300)
    public = models.BooleanField(_("public"), default=True)
    result = models.CharField(_("result"), max_length=200, blank=True)
    resolution_text = models.TextField(_("resolution text"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()


class Paper(OParlObject):
    """A council paper: a motion, a statement, a decision, a status report …"""

    class Kind(models.TextChoices):
        MOTION = "motion", _("Motion")
        REVISED_MOTION = "revised_motion", _("Revised motion")
        AMENDMENT = "amendment", _("Amendment")
        DRAFT_RESOLUTION = "draft_resolution", _("Draft resolution")
        INFORMATION = "information", _("Information paper")
        INQUIRY = "inquiry", _("Inquiry")
        ANSWER = "answer", _("Answer")
        STATEMENT = "statement", _("Administrative statement")
        DECISION = "decision", _("Decision")
        STATUS_REPORT = "status_report", _("Status report")

    class Option(models.TextChoices):
        """What an administrative statement recommends."""

        AGREEMENT = "agreement", _("Agreement")
        REJECTION = "rejection", _("Rejection")
        ALTERNATIVE = "alternative", _("Alternative proposal")
        STATUS_REPORT = "status_report", _("Status report")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="papers")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    statement_option = models.CharField(
        _("option of the statement"), max_length=20, choices=Option.choices, blank=True
    )
    name = models.CharField(_("title"), max_length=300)
    reference = models.CharField(_("reference"), max_length=60, blank=True, help_text=_("e.g. VII-A-00692"))
    date = models.DateField(_("date"), null=True, blank=True)
    summary = models.TextField(_("text"), blank=True)
    originators = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="originated_papers",
        verbose_name=_("originator"),
        help_text=_("The faction or office that submitted the paper."),
    )
    lead_office = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_papers",
        verbose_name=_("lead office"),
    )
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revision of"),
    )
    statement_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("statement on"),
    )
    decides = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("decides"),
    )
    quarters = models.ManyToManyField(
        "core.Quarter",
        through="PaperQuarter",
        blank=True,
        related_name="council_papers",
        verbose_name=_("quarters"),
    )

    class Meta:
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["body", "modified"], name="council_paper_modified_idx"),
            models.Index(fields=["body", "created"], name="council_paper_created_idx"),
            models.Index(fields=["reference"], name="council_paper_reference_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(statement_option="") | Q(kind="statement"),
                name="council_paper_option_only_statement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("council:paper", args=[self.pk])


class PaperQuarter(models.Model):
    """A paper concerns a quarter: confirmed by staff, or suggested by the import from a keyword."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="quarter_links")
    quarter = models.ForeignKey("core.Quarter", on_delete=models.CASCADE, related_name="council_paper_links")
    confirmed = models.BooleanField(_("confirmed"), default=False)
    matched_keyword = models.CharField(_("matched keyword"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("paper of a quarter")
        verbose_name_plural = _("papers of quarters")
        constraints = [
            models.UniqueConstraint(fields=["paper", "quarter"], name="council_paper_quarter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.paper} · {self.quarter}"


class QuarterKeyword(models.Model):
    """A word that, found in an imported paper, suggests the paper to the quarter's office."""

    quarter = models.ForeignKey("core.Quarter", on_delete=models.CASCADE, related_name="council_keywords")
    word = models.CharField(_("keyword"), max_length=120)

    class Meta:
        verbose_name = _("keyword of a quarter")
        verbose_name_plural = _("keywords of quarters")
        constraints = [models.UniqueConstraint(fields=["quarter", "word"], name="council_keyword_unique")]

    def __str__(self) -> str:
        return self.word


class File(OParlObject):
    """A document of a paper, kept where the council information system publishes it."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="files")
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, null=True, blank=True, related_name="files")
    is_main = models.BooleanField(_("main file"), default=False)
    name = models.CharField(_("name"), max_length=300)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    mime_type = models.CharField(_("type"), max_length=100, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    access_url = models.URLField(_("address"), max_length=500)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["-is_main", "pk"]

    def __str__(self) -> str:
        return self.name


class Consultation(OParlObject):
    """A paper on the agenda of an organisation, with the result."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="consultations")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("organisation")
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="consultations"
    )
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="consultation"
    )
    role = models.CharField(_("role"), max_length=120, blank=True, help_text=_("e.g. hearing, decision"))
    authoritative = models.BooleanField(_("decides"), default=False)
    date = models.DateField(_("date"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.paper} · {self.organization}"


class TrafficLight(models.TextChoices):
    """How the implementation of a point (or a paper's points) stands; ordered from worst to best."""

    OVERDUE = "overdue", _("Overdue")
    NEAR = "near", _("Deadline near")
    ON_TIME = "on_time", _("On time")
    DONE = "done", _("Done")


LIGHT_ORDER = [TrafficLight.OVERDUE, TrafficLight.NEAR, TrafficLight.ON_TIME, TrafficLight.DONE]


class ResolutionPoint(OParlObject):
    """One point of a decision, with who implements it by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Implemented")
        DROPPED = "dropped", _("Not pursued")

    CLOSED = (Status.DONE, Status.DROPPED)

    paper = models.ForeignKey(
        Paper, on_delete=models.CASCADE, related_name="points", verbose_name=_("decision")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    responsible_office = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolution_points",
        verbose_name=_("responsible office"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    events = models.ManyToManyField("events.Event", blank=True, related_name="+", verbose_name=_("events"))
    processes = models.ManyToManyField(
        "participation.Process", blank=True, related_name="+", verbose_name=_("participation processes")
    )

    class Meta:
        verbose_name = _("resolution point")
        verbose_name_plural = _("resolution points")
        ordering = ["paper", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "number"], condition=Q(deleted=False), name="council_point_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="council_point_open_idx")]

    def __str__(self) -> str:
        return _("Point %(number)s") % {"number": self.number}

    def traffic_light(self, today: datetime.date | None = None) -> str:
        return light_for(self.status, self.deadline, today)


def light_for(status: str, deadline: datetime.date | None, today: datetime.date | None = None) -> str:
    """The traffic light of a point from its status and deadline."""
    if status in ResolutionPoint.CLOSED:
        return TrafficLight.DONE
    if deadline is None:
        return TrafficLight.ON_TIME
    today = today or clock.today()
    if deadline < today:
        return TrafficLight.OVERDUE
    if deadline <= today + datetime.timedelta(days=NEAR_DAYS):
        return TrafficLight.NEAR
    return TrafficLight.ON_TIME


def paper_light(points, today: datetime.date | None = None) -> str | None:
    """A paper's light: the worst light of its points (None without points)."""
    lights = [p.traffic_light(today) for p in points if not p.deleted]
    if not lights:
        return None
    return min(lights, key=LIGHT_ORDER.index)


class StatusReport(models.Model):
    """The state of a point's implementation as the office reported it on a date."""

    point = models.ForeignKey(ResolutionPoint, on_delete=models.CASCADE, related_name="reports")
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=ResolutionPoint.Status.choices)
    text = models.TextField(_("report"), max_length=5000)
    paper = models.ForeignKey(
        Paper,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="point_reports",
        verbose_name=_("status report paper"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["point", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.point} · {self.date}"


class ImportSource(models.Model):
    """A city's OParl endpoint the scheduled import reads papers from."""

    body = models.OneToOneField(Body, on_delete=models.CASCADE, related_name="import_source")
    url = models.URLField(_("OParl system or body URL"), max_length=500)
    last_modified = models.DateTimeField(_("papers read up to"), null=True, blank=True)

    class Meta:
        verbose_name = _("OParl import source")
        verbose_name_plural = _("OParl import sources")

    def __str__(self) -> str:
        return self.url
