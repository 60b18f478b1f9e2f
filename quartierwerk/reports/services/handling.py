"""The office's handling of a report: status, answers, triage, duplicates, moderation, forwarding, ideas."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import DomainError, InvalidTransition, require
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.rules import is_staff_of_quarter
from quartierwerk.core.text import clean_text

from .. import rules, workflows
from ..models import Category, Forwarding, PhotoSettings, Report, ReportPhoto, ReportUpdate, ResponsibleBody
from .common import (
    MAX_DESCRIPTION,
    MAX_PHOTOS,
    S,
    _add_update,
    _lock,
    _move,
    _notify,
    _root,
    _touch,
    _user,
    refused,
)


def change_status(*, report: Report, by, status: str, note: str = "") -> Report:
    """Move a report to another status with a public note; the reporter hears of it."""
    note = clean_text(note, max_length=MAX_DESCRIPTION, field="note")
    with transaction.atomic():
        report = _lock(report)
        require(rules.can_answer(by, report), refused())  # who may use the status form at all
        action = workflows.STATUS_ACTIONS.get(status)
        if action is None:
            raise InvalidTransition(workflows.cannot_become(report, status))
        old = report.status
        fields = _move(report, by, action, message=workflows.cannot_become(report, status))
        _touch(report, answered=True, fields=fields)
        update = _add_update(report, ReportUpdate.Kind.STATUS, by=by, text=note, old=old, new=status)
        audit.record(by, "reports.status_changed", report, status=[old, status])
        _notify(report, update)
    return report


def answer(*, report: Report, by, text: str, public: bool = True) -> ReportUpdate:
    """A public answer (the reporter is told) or an internal note for colleagues."""
    text = clean_text(text, max_length=MAX_DESCRIPTION, field="text")
    if not text:
        raise DomainError(_("Write an answer first."), field="text")
    with transaction.atomic():
        report = _lock(report)
        require(rules.can_answer(by, report), refused())
        kind = ReportUpdate.Kind.ANSWER if public else ReportUpdate.Kind.NOTE
        update = _add_update(report, kind, by=by, text=text, public=public)
        _touch(report, answered=public)
        audit.record(by, "reports.answered", report, public=public)
        if public:
            _notify(report, update)
    return update


def set_category(*, report: Report, by, category: Category) -> Report:
    with transaction.atomic():
        report = _lock(report)
        require(rules.can_triage(by, report), refused())
        if category.city_id and category.city_id != report.quarter.city_id:
            raise DomainError(_("This category is not offered here."), field="category")
        if category.pk == report.category_id:
            return report
        old = report.category
        report.category = category
        _touch(report, fields=["category"])
        _add_update(
            report,
            ReportUpdate.Kind.CATEGORY,
            by=by,
            text=f"{old.name} → {category.name}",
            old_category=old.code,
        )
        audit.record(by, "reports.category_changed", report, category=[old.code, category.code])
    return report


def set_kind(*, report: Report, by, kind: str) -> Report:
    """Mark a report as problem, question or idea."""
    if kind not in Category.Kind.values:
        raise DomainError(_("Unknown kind."), field="kind")
    with transaction.atomic():
        report = _lock(report)
        require(rules.can_triage(by, report), refused())
        old = report.kind
        if old == kind:
            return report
        report.kind = kind
        _touch(report, fields=["kind"])
        _add_update(report, ReportUpdate.Kind.KIND, by=by, text=Category.Kind(kind).label, old_kind=old)
        audit.record(by, "reports.kind_changed", report, kind=[old, kind])
    return report


def assign(*, report: Report, by, assignee=None) -> Report:
    """Give a report to a colleague of the office (or to nobody)."""
    with transaction.atomic():
        report = _lock(report)
        require(rules.can_triage(by, report), refused())
        if assignee is not None and not (is_staff_of_quarter(assignee, report) or assignee.is_superuser):
            raise DomainError(_("Only staff of this quarter can be assigned."), field="assignee")
        report.assigned_to = assignee
        _touch(report, fields=["assigned_to"])
        _add_update(report, ReportUpdate.Kind.ASSIGNED, by=by, text=str(assignee or "—"), public=False)
        audit.record(by, "reports.assigned", report, assignee=assignee.pk if assignee else None)
    return report


def merge(*, report: Report, into: Report, by) -> Report:
    """Mark `report` as a duplicate of `into`: it closes, its supporters and later updates go to the original."""
    into = _root(into)
    if into.pk == report.pk:
        raise DomainError(_("A report cannot be a duplicate of itself."), field="into")
    if into.quarter_id != report.quarter_id:
        raise DomainError(_("Only reports of the same quarter can be merged."), field="into")
    with transaction.atomic():
        # Lock both rows in a fixed order so two merges cannot deadlock.
        locked = {
            r.pk: r
            for r in Report.objects.select_for_update().filter(pk__in=[report.pk, into.pk]).order_by("pk")
        }
        report, into = locked[report.pk], locked[into.pk]
        require(workflows.may(by, report, "merge"), refused())
        if report.duplicate_of_id:
            raise InvalidTransition(_("This report is already merged."))
        if into.duplicate_of_id:  # merged elsewhere meanwhile: never build a cycle
            raise InvalidTransition(_("The original has itself been merged meanwhile; try again."))
        old = report.status
        report.duplicate_of = into
        fields = _move(report, by, "merge")
        _touch(report, fields=["duplicate_of", *fields])
        Report.objects.filter(pk=into.pk).update(
            support_count=F("support_count") + report.support_count + 1, updated_at=timezone.now()
        )
        text = _("Merged: this is the same as %(ref)s.") % {"ref": into.reference}
        update = _add_update(
            report, ReportUpdate.Kind.MERGED, by=by, text=text, old=old, new=S.CLOSED, into=into.pk
        )
        _add_update(
            into,
            ReportUpdate.Kind.MERGED,
            by=by,
            text=_("%(ref)s was merged into this report.") % {"ref": report.reference},
            public=False,
            merged=report.pk,
        )
        audit.record(by, "reports.merged", report, into=into.pk)
        _notify(report, update)
    return report


def moderate(
    *, report: Report, by, description: str | None = None, hidden: bool | None = None, reason: str = ""
) -> Report:
    """Edit inappropriate text or hide a report; the original text stays in the (internal) history."""
    reason = clean_text(reason, max_length=500, field="reason")
    with transaction.atomic():
        report = _lock(report)
        changes = {}
        fields = []
        if description is not None:
            require(rules.can_edit(by, report), refused())
            description = clean_text(description, max_length=MAX_DESCRIPTION, field="description")
            if not description:
                raise DomainError(_("The text cannot be empty."), field="description")
            if description != report.description:
                changes["original_description"] = report.description
                report.description = description
                fields.append("description")
        if hidden is not None and hidden != report.is_hidden:
            require(rules.can_hide(by, report), refused())
            changes["hidden"] = [report.is_hidden, hidden]
            report.is_hidden = hidden
            fields.append("is_hidden")
        if not fields:
            return report
        _touch(report, fields=fields)
        _add_update(report, ReportUpdate.Kind.MODERATED, by=by, text=reason, public=False, **changes)
        audit.record(by, "reports.moderated", report, reason=reason, **changes)
    return report


def set_update_public(*, update: ReportUpdate, by, public: bool, reason: str = "") -> ReportUpdate:
    """Hide (or show again) an entry of the public history, e.g. inappropriate information added later."""
    with transaction.atomic():
        report = _lock(update.report)
        require(rules.can_hide(by, report), refused())
        if update.kind not in HIDEABLE_UPDATES:
            raise DomainError(_("Only answers and added information can be hidden."))
        if update.is_public != public:
            update.is_public = public
            update.save(update_fields=["is_public"])
            _add_update(
                report,
                ReportUpdate.Kind.MODERATED,
                by=by,
                text=reason,
                public=False,
                update=update.pk,
                update_public=public,
            )
            audit.record(by, "reports.update_visibility", report, update=update.pk, public=public)
    return update


HIDEABLE_UPDATES = (ReportUpdate.Kind.REPORTER_INFO, ReportUpdate.Kind.ANSWER, ReportUpdate.Kind.BODY_ANSWER)


def set_photo_public(*, photo: ReportPhoto, by, public: bool) -> ReportPhoto:
    """A staff member of the report's quarter checks a photo: approved, the original is public; rejected (or
    hidden later), the public sees nothing of it. Either way the blurred copy is no longer shown."""
    with transaction.atomic():
        report = _lock(photo.report)
        require(rules.can_check_photos(by, report), refused())
        photo = ReportPhoto.objects.select_for_update().get(pk=photo.pk, report=report)
        photo.is_public = public
        photo.review = ReportPhoto.Review.APPROVED if public else ReportPhoto.Review.REJECTED
        photo.reviewed_at = timezone.now()
        photo.reviewed_by = by if getattr(by, "is_authenticated", False) else None
        photo.save(update_fields=["is_public", "review", "reviewed_at", "reviewed_by"])
        _add_update(
            report, ReportUpdate.Kind.MODERATED, by=by, public=False, photo=photo.pk, photo_public=public
        )
        audit.record(by, "reports.photo_visibility", report, photo=photo.pk, public=public)
    return photo


def set_photo_mode(*, quarter, by, mode: str) -> PhotoSettings:
    """The office chooses how residents' photos appear before they are checked: held back or blurred."""
    if mode not in PhotoSettings.Mode.values:
        raise DomainError(_("Choose how unchecked photos are shown."), field="mode")
    require(rules.can_check_photos(by, quarter), refused())
    with transaction.atomic():
        settings_row, _created = PhotoSettings.objects.select_for_update().get_or_create(quarter=quarter)
        settings_row.mode = mode
        settings_row.changed_at = timezone.now()
        settings_row.save(update_fields=["mode", "changed_at"])
        audit.record(by, "reports.photo_mode", settings_row, quarter=quarter, mode=mode)
    return settings_row


def forward(*, report: Report, by, body: ResponsibleBody, note: str = "") -> Forwarding:
    """Send the report (text, place, photos, answer link) to a responsible body and record when and to whom."""
    note = clean_text(note, max_length=2000, field="note")
    if not body.email:
        raise DomainError(_("%(body)s has no e-mail address.") % {"body": body.name}, field="body")
    with transaction.atomic():
        report = _lock(report)
        require(workflows.may(by, report, "forward"), refused())
        if body.city_id != report.quarter.city_id:
            raise DomainError(_("This body is not responsible for this city."), field="body")
        old = report.status
        fields = _move(report, by, "forward", message=workflows.cannot_become(report, S.FORWARDED))
        now = timezone.now()
        forwarding = Forwarding.objects.create(
            report=report,
            body=body,
            email=body.email,
            sent_by=_user(by),
            sent_at=now,
            due_at=now + timedelta(days=body.response_days),
        )
        report.body = body
        report.due_at = forwarding.due_at
        _touch(report, answered=True, fields=[*fields, "body", "due_at"])
        update = _add_update(
            report,
            ReportUpdate.Kind.FORWARDED,
            by=by,
            text=_("Forwarded to %(body)s.") % {"body": body.name},
            old=old,
            new=S.FORWARDED,
            body=body.pk,
        )
        if note:
            _add_update(report, ReportUpdate.Kind.NOTE, by=by, text=note, public=False)
        attachments = []
        # The office sends the body every photo it has not rejected: the body is not the public.
        for photo in report.photos.exclude(review=ReportPhoto.Review.REJECTED)[:MAX_PHOTOS]:
            with photo.image.open("rb") as fh:
                attachments.append((f"{report.reference}-{photo.pk}.jpg", fh.read(), photo.content_type))
        queue_templated_mail(
            body.email,
            "reports/mail/forwarded",
            {
                "report": report,
                "body": body,
                "note": note,
                "answer_link": settings.SITE_URL + reverse("reports:body_answer", args=[forwarding.token]),
                "public_link": settings.SITE_URL + report.get_absolute_url(),
                "forwarding": forwarding,
            },
            attachments=attachments,
            # The responsible body works in German, whatever the language of the office's screen.
            language=settings.LANGUAGE_CODE,
            purpose="reports.forwarded",
        )
        audit.record(by, "reports.forwarded", report, body=body.pk, email=body.email)
        if old != S.FORWARDED:
            _notify(report, update)
    return forwarding


def convert_to_idea(*, report: Report, by, note: str = "") -> Report:
    """Hand a report that is really an idea on to project planning.

    The stable hook for the planning module: the report becomes kind "idea", closes with a public note, and
    waits for `link_project` to record which project took it up (`project_reference`).
    """
    note = clean_text(note, max_length=2000, field="note")
    with transaction.atomic():
        report = _lock(report)
        require(workflows.may(by, report, "pass_on_as_idea"), refused())
        if report.kind == Category.Kind.IDEA and report.status == S.CLOSED:
            raise InvalidTransition(_("This report has already been passed on as an idea."))
        old = report.status
        fields = [
            "kind",
            *_move(report, by, "pass_on_as_idea", message=workflows.cannot_become(report, S.CLOSED)),
        ]
        report.kind = Category.Kind.IDEA
        _touch(report, answered=True, fields=fields)
        update = _add_update(
            report,
            ReportUpdate.Kind.IDEA,
            by=by,
            text=note or _("Passed on as a project idea."),
            old=old,
            new=report.status,
        )
        audit.record(by, "reports.converted_to_idea", report)
        _notify(report, update)
    return report


def ideas_awaiting_project(quarter=None):
    """Reports passed on as ideas that no project has taken up yet (for the planning module)."""
    qs = Report.objects.filter(
        kind=Category.Kind.IDEA, project_reference__isnull=True, updates__kind=ReportUpdate.Kind.IDEA
    ).distinct()
    return qs.filter(quarter=quarter) if quarter is not None else qs


def link_project(*, report: Report, reference: str, by=None) -> Report:
    """Record which project took up a report's idea (called by the planning module)."""
    with transaction.atomic():
        report = _lock(report)
        report.project_reference = reference[:120]
        _touch(report, fields=["project_reference"])
        audit.record(by, "reports.project_linked", report, project=reference)
    return report
