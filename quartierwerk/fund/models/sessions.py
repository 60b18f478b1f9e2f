"""Award-team sessions: who was present, the agenda, declared conflicts of interest and votes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .applications import Application
from .funds import Fund, Round, money


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
