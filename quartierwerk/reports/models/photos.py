"""Residents' photos of reports and how each quarter shows them before a staff member has checked them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PhotoSettings(models.Model):
    """How a quarter's office shows residents' photos before a staff member has checked them."""

    class Mode(models.TextChoices):
        HOLD = "hold", _("Hold photos until they have been checked")
        BLUR = "blur", _("Show photos blurred until they have been checked")

    quarter = models.OneToOneField(
        "core.Quarter",
        on_delete=models.CASCADE,
        related_name="report_photo_settings",
        verbose_name=_("quarter"),
    )
    mode = models.CharField(_("unchecked photos"), max_length=8, choices=Mode.choices, default=Mode.HOLD)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("photo check")
        verbose_name_plural = _("photo checks")

    def __str__(self) -> str:
        return f"{self.quarter_id}:{self.mode}"

    @classmethod
    def mode_of(cls, quarter_id) -> str:
        """The quarter's choice; photos are held when the office has not chosen."""
        return (
            cls.objects.filter(quarter_id=quarter_id).values_list("mode", flat=True).first() or cls.Mode.HOLD
        )


class ReportPhoto(models.Model):
    """A photo of a report, re-encoded without EXIF; served only through a view that checks visibility.

    A new photo waits for a staff check (`review`). Until then the public sees nothing of it, or, where the
    quarter chose so, only `blurred` (a blurred copy made at upload); the original is shown to the public
    once `is_public` is set by the check.
    """

    class Review(models.TextChoices):
        PENDING = "pending", _("not yet checked")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="reports/%Y/%m/")
    blurred = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=40)
    original_name = models.CharField(max_length=120, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    review = models.CharField(_("check"), max_length=10, choices=Review.choices, default=Review.PENDING)
    reviewed_at = models.DateTimeField(_("checked"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["review", "report"], name="reports_photo_review")]
        constraints = [
            # The original is public only after a staff member approved it.
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(review="approved"), name="reports_photo_public_only_approved"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.pk}"

    @staticmethod
    def shown_publicly() -> Q:
        """Photos the public may see: approved originals, or unchecked ones that have a blurred copy."""
        return Q(is_public=True) | (Q(review="pending") & ~Q(blurred=""))

    @property
    def shows_blurred(self) -> bool:
        return not self.is_public and self.review == self.Review.PENDING and bool(self.blurred)
