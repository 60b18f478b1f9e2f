"""Staff records around the directory: notes and contact activity, saved filters, import batches."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.languages import Language  # noqa: F401 - Language is imported from here

from .organisations import Organisation
from .persons import Person


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
