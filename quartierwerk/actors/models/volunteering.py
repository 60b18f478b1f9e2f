"""Volunteer engagement and its certificate (Ehrenamtsnachweis)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.languages import Language  # noqa: F401 - Language is imported from here

from .organisations import Organisation
from .persons import Person


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
