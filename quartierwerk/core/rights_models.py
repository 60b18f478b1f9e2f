"""The data-subject rights the office handles (GDPR Art. 15-21): a person's request and a restriction of
processing. Part of `core.models`, kept apart to keep that module readable."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubjectRequest(models.Model):
    """A data subject's request that reached an office by letter, at the counter or by phone (Art. 15-21).

    Art. 12 (3) GDPR: answered within one month of receipt; the deadline is stored so lists sort and
    filter by it in the database.
    """

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access (Art. 15)")
        RECTIFICATION = "rectification", _("Rectification (Art. 16)")
        ERASURE = "erasure", _("Erasure (Art. 17)")
        RESTRICTION = "restriction", _("Restriction of processing (Art. 18)")
        PORTABILITY = "portability", _("Data portability (Art. 20)")
        OBJECTION = "objection", _("Objection (Art. 21)")

    class Channel(models.TextChoices):
        LETTER = "letter", _("Letter")
        COUNTER = "counter", _("At the counter")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")

    class IdentityCheck(models.TextChoices):
        ID_DOCUMENT = "id_document", _("Identity card or passport seen")
        ACCOUNT_MAIL = "account_mail", _("Confirmed from the e-mail address on record")
        KNOWN_PERSON = "known_person", _("Known to the office in person")
        SIGNATURE = "signature", _("Signature compared with earlier letters")
        PENDING = "pending", _("Not yet checked")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        REFUSED = "refused", _("Refused with reasons")

    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.PROTECT, related_name="subject_requests", verbose_name=_("quarter")
    )
    kind = models.CharField(_("kind of request"), max_length=16, choices=Kind.choices)
    channel = models.CharField(_("received by"), max_length=16, choices=Channel.choices)
    subject_name = models.CharField(_("name of the person"), max_length=200)
    subject_email = models.EmailField(_("e-mail of the person"), blank=True)
    subject_address = models.TextField(_("postal address of the person"), blank=True)
    user = models.ForeignKey(
        "core.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account of the person"),
    )
    details = models.TextField(_("what the person asks"), blank=True)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due by"))
    identity_check = models.CharField(_("identity checked by"), max_length=16, choices=IdentityCheck.choices)
    identity_note = models.CharField(_("note on the identity check"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_note = models.TextField(_("how it was answered"), blank=True)
    logged_by = models.ForeignKey(
        "core.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("logged by")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")
        ordering = ["status", "due_on", "pk"]
        indexes = [models.Index(fields=["quarter", "status", "due_on"], name="subject_request_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("received_on")), name="subject_request_due_after_receipt"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.subject_name} ({self.received_on:%d.%m.%Y})"

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.due_on < today


class ProcessingRestriction(models.Model):
    """A restriction (Art. 18) or objection (Art. 21) in force for one person, named by e-mail address.

    While it is in force the person is left out of contact lists, invitations, directory listings and
    contact exports, and staff views flag the person. Lifting keeps the row for the record.
    """

    class Kind(models.TextChoices):
        RESTRICTION = "restriction", _("Restriction of processing (Art. 18)")
        OBJECTION = "objection", _("Objection (Art. 21)")

    email = models.EmailField(_("e-mail of the person"), db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.CASCADE,
        related_name="restrictions",
        verbose_name=_("request"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    since = models.DateField(_("in force since"))
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("processing restriction")
        verbose_name_plural = _("processing restrictions")
        ordering = ["-since", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.email}"
