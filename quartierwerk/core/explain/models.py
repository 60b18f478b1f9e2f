"""The office's explanation in German Sign Language: one current video per city and per quarter."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.models import City, Quarter


class SignLanguageVideo(models.Model):
    """A DGS video with its WebVTT captions; a city's video has no quarter, a quarter's names its quarter."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+", verbose_name=_("city"))
    quarter = models.ForeignKey(
        Quarter, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("quarter")
    )
    title = models.CharField(_("title"), max_length=200)
    video = models.FileField(_("video"), upload_to="dgs/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveBigIntegerField()
    duration = models.PositiveIntegerField(_("duration in seconds"))
    captions = models.FileField(_("captions (WebVTT)"), upload_to="dgs/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sign-language video")
        verbose_name_plural = _("sign-language videos")
        ordering = ["city_id", "quarter_id"]
        constraints = [
            # One current video per city and one per quarter: a second upload replaces the first.
            models.UniqueConstraint(
                fields=["city"], condition=Q(quarter__isnull=True), name="explain_one_video_per_city"
            ),
            models.UniqueConstraint(
                fields=["quarter"], condition=Q(quarter__isnull=False), name="explain_one_video_per_quarter"
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="explain_video_not_empty"),
            models.CheckConstraint(condition=Q(duration__gt=0), name="explain_video_has_duration"),
            models.CheckConstraint(
                condition=Q(content_type__in=["video/mp4", "video/webm"]), name="explain_video_type"
            ),
        ]

    def __str__(self) -> str:
        return self.title
