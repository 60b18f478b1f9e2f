"""Groups (networks, committees, award teams) and the seats of persons and organisations in them."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.languages import Language  # noqa: F401 - Language is imported from here

from .organisations import Organisation
from .persons import Person


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
