"""The address register: one row per house address of a city, from official address lists.

Addresses of buildings are not personal data (no person is named or identified by them), so the
register needs no entry in the personal-data register.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.models import City


class Address(models.Model):
    """A house address with its coordinates (WGS84) and the key it is searched by."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("city"))
    street = models.CharField(_("street"), max_length=160)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    # keys.search_key(street, house_number): folded, "str" for every spelling of "Straße".
    search_key = models.CharField(max_length=200, editable=False)
    number_sort = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        constraints = [
            models.UniqueConstraint(fields=["city", "search_key", "postcode"], name="places_address_unique"),
        ]
        indexes = [
            # Prefix search (LIKE 'key%'); the pattern opclass lets PostgreSQL use it in any collation.
            models.Index(
                fields=["city", "search_key"],
                name="places_addr_search",
                opclasses=["", "varchar_pattern_ops"],
            ),
            models.Index(fields=["city", "lat", "lon"], name="places_addr_point"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "Hauptstraße 12a, 04109 Leipzig"."""
        line = f"{self.street} {self.house_number}".strip()
        town = f"{self.postcode} {self.place}".strip()
        return f"{line}, {town}" if town else line


class AddressImport(models.Model):
    """One upload of an address list, imported in the background; the staff page reads its progress."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="address_imports", verbose_name=_("city")
    )
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    # The uploaded file itself; dropped once the import has finished.
    data = models.BinaryField(blank=True, default=b"")
    epsg = models.PositiveIntegerField(_("EPSG code"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    lines_total = models.PositiveIntegerField(default=0)
    lines_done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    started_by = models.ForeignKey(
        "core.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("address import")
        verbose_name_plural = _("address imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename or self.pk} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.lines_done / self.lines_total)) if self.lines_total else 0
