"""Steps taken through private links: the body's answer, the reporter's additions, "is this solved?"."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import DomainError, InvalidTransition
from quartierwerk.core.files import atomic_with_files
from quartierwerk.core.text import clean_text

from .. import workflows
from ..models import Forwarding, Report, ReportUpdate
from .common import (
    MAX_DESCRIPTION,
    S,
    _add_update,
    _lock,
    _move,
    _notify,
    _root,
    _store_photos,
    _touch,
    _user,
    clean_photos,
)

BODY_STATUSES = tuple(workflows.BODY_ACTIONS)  # the statuses a responsible body may set with its answer


def body_answer(*, forwarding: Forwarding, text: str, status: str = "") -> ReportUpdate:
    """The responsible body answers through its private link; the answer appears on the report."""
    text = clean_text(text, max_length=MAX_DESCRIPTION, field="text")
    if not text:
        raise DomainError(_("Write an answer first."), field="text")
    if status and status not in BODY_STATUSES:
        raise DomainError(_("This status cannot be set here."), field="status")
    with transaction.atomic():
        report = _lock(forwarding.report)
        if report.duplicate_of_id or not workflows.REPORT_WORKFLOW.can(forwarding, report, "body_answer"):
            raise InvalidTransition(
                _("This report is closed; answers are no longer taken through this link.")
            )
        old = report.status
        fields = ["due_at"]
        if status and status != old:
            action = workflows.BODY_ACTIONS[status]
            fields += _move(report, forwarding, action, message=workflows.cannot_become(report, status))
        report.due_at = None
        _touch(report, answered=True, fields=fields)
        Forwarding.objects.filter(pk=forwarding.pk, answered_at__isnull=True).update(
            answered_at=timezone.now()
        )
        update = _add_update(
            report,
            ReportUpdate.Kind.BODY_ANSWER,
            by=forwarding.body.name,
            text=text,
            old=old if status else "",
            new=status or "",
            body=forwarding.body_id,
        )
        audit.record(
            forwarding.body.name, "reports.body_answered", report, body=forwarding.body_id, status=status
        )
        _notify(report, update)
    return update


def add_reporter_info(*, report: Report, text: str, photos=()) -> ReportUpdate:
    """The reporter adds information or a photo through the private link (goes to the original if merged)."""
    text = clean_text(text, max_length=MAX_DESCRIPTION, field="text")
    cleaned = clean_photos(photos)
    if not text and not cleaned:
        raise DomainError(_("Write something or add a photo."), field="text")
    target = _root(report)
    with atomic_with_files():
        target = _lock(target)
        _store_photos(target, cleaned)
        update = _add_update(
            target,
            ReportUpdate.Kind.REPORTER_INFO,
            by=report.reporter_name if report.show_name else "",
            text=text,
            photos=len(cleaned),
            from_report=report.pk,
        )
        _touch(target)
    return update


def respond_to_solution(*, report: Report, confirmed: bool, by=None, note: str = "") -> Report:
    """ "Is this solved?" – the reporter or a supporter confirms (closes) or reopens a solved report."""
    note = clean_text(note, max_length=1000, field="note")
    with transaction.atomic():
        report = _lock(report)
        old = report.status
        action = "confirm_solution" if confirmed else "reject_solution"
        fields = _move(
            report, by, action, message=_("Only a report marked as solved can be confirmed or reopened.")
        )
        new = report.status
        _touch(report, fields=fields)
        kind = ReportUpdate.Kind.CONFIRMED if confirmed else ReportUpdate.Kind.REOPENED
        update = _add_update(report, kind, by=by if _user(by) else "", text=note, old=old, new=new)
        audit.record(by, f"reports.{kind}", report)
        if not confirmed:
            _notify(report, update)
    return report


def reporter_says_fixed(*, report: Report, note: str = "") -> Report:
    """The reporter tells through the follow link that an open report has been fixed meanwhile (FixMyStreet)."""
    note = clean_text(note, max_length=1000, field="note")
    with transaction.atomic():
        report = _lock(report)
        refusal = _("Only an open report can be marked as fixed.")
        if report.duplicate_of_id:
            raise InvalidTransition(refusal)
        old = report.status
        fields = _move(report, None, "reporter_says_fixed", message=refusal)
        _touch(report, fields=fields)
        _add_update(report, ReportUpdate.Kind.FIXED, text=note, old=old, new=S.SOLVED)
        audit.record("reporter", "reports.reporter_says_fixed", report)
    return report
