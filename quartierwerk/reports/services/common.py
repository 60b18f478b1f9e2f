"""What the report services share: locking, the history, notifications, photos and the status step."""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import blurred_copy, clean_upload, store
from quartierwerk.core.mail import queue_templated_mail

from .. import workflows
from ..models import PhotoSettings, Report, ReportPhoto, ReportUpdate, Support

MAX_PHOTOS = 5
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_DESCRIPTION = 4000

S = Report.Status


def _label(by) -> str:
    return str(by) if getattr(by, "is_authenticated", False) else (by if isinstance(by, str) else "")


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def follow_url(report: Report) -> str:
    return settings.SITE_URL + reverse("reports:follow", args=[report.follow_token])


def _lock(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("quarter", "category").get(pk=report.pk)


def _root(report: Report) -> Report:
    """The original of a merged duplicate (updates on a duplicate go there)."""
    seen = set()
    while report.duplicate_of_id and report.pk not in seen:
        seen.add(report.pk)
        report = Report.objects.select_related("quarter", "category").get(pk=report.duplicate_of_id)
    return report


def clean_photos(files) -> list:
    """Check every photo before anything is stored, so a refused file loses nothing else."""
    files = [f for f in (files or []) if f]
    if len(files) > MAX_PHOTOS:
        raise DomainError(_("At most %(n)d photos per report.") % {"n": MAX_PHOTOS}, field="photos")
    return [clean_upload(f, kinds=("image",), max_bytes=MAX_PHOTO_BYTES) for f in files]


def _store_photos(report: Report, cleaned) -> None:
    """Store new photos unchecked; where the quarter shows unchecked photos blurred, store a blurred copy."""
    if not cleaned:
        return
    blur = PhotoSettings.mode_of(report.quarter_id) == PhotoSettings.Mode.BLUR
    for item in cleaned:
        photo = ReportPhoto(report=report, content_type=item.content_type, original_name=item.original_name)
        store(photo.image, item.content)
        if blur:
            store(photo.blurred, blurred_copy(item.content))
        photo.save()


def _add_update(report, kind, *, by=None, text="", public=True, old="", new="", **data) -> ReportUpdate:
    return ReportUpdate.objects.create(
        report=report,
        kind=kind,
        author=_user(by),
        author_label=_label(by)[:200],
        old_status=old,
        new_status=new,
        text=text,
        is_public=public,
        data=data,
    )


def _notify(report: Report, update: ReportUpdate) -> None:
    """Tell the reporter, reporters of merged duplicates and supporters about a public change.

    Each reporter gets their own private follow link; supporters get the public page.
    """
    public_link = settings.SITE_URL + report.get_absolute_url()
    recipients: dict[str, tuple[str, str | None]] = {}
    # Supporters who gave an e-mail address (or have an account) hear about it too.
    supports = (
        Support.objects.filter(Q(report=report) | Q(report__duplicate_of=report))
        .filter(confirmed_at__isnull=False)
        .values_list("email", "user__email")
    )
    for email, user_email in supports[:1000]:
        if email or user_email:
            recipients[email or user_email] = (public_link, None)
    for twin in (
        Report.objects.filter(duplicate_of=report)
        .exclude(reporter_email="")
        .only("follow_key", "follow_hash", "reporter_email", "language")
    ):
        recipients[twin.reporter_email] = (follow_url(twin), twin.language or None)
    if report.reporter_email:
        lang = report.language or (
            report.reporter.preferred_language if report.reporter_id and report.reporter else None
        )
        recipients[report.reporter_email] = (follow_url(report), lang or None)
    for email, (link, lang) in sorted(recipients.items()):
        queue_templated_mail(
            email,
            "reports/mail/updated",
            {"report": report, "update": update, "link": link},
            language=lang,
            purpose="reports.updated",
        )


def _touch(report: Report, *, answered: bool = False, fields=()) -> None:
    now = timezone.now()
    report.updated_at = now
    fields = {"updated_at", *fields}
    if answered and report.first_answer_at is None:
        report.first_answer_at = now
        fields.add("first_answer_at")
    report.save(update_fields=sorted(fields))


def refused() -> str:
    """The refusal when someone may not do this with a report."""
    return _("You may not do this with this report.")


def _apply_status(report: Report, status: str) -> list[str]:
    """Set a status the workflow allowed, with the dates that go with it; the changed fields."""
    report.status = status
    fields = ["status"]
    if status == S.SOLVED:
        report.solved_at = timezone.now()
        fields.append("solved_at")
    if status in Report.CLOSED_STATUSES or status == S.OPEN:
        report.due_at = None
        fields.append("due_at")
    return fields


def _move(report: Report, by, action: str, *, message: str | None = None) -> list[str]:
    """Take a step of the report workflow (checked: who, then the status); the changed fields."""
    return _apply_status(report, workflows.check(by, report, action, message=message))
