"""Scheduled work of the reports module."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from quartierwerk.core.mail import queue_templated_mail

from .models import Forwarding, Report, Support


def remind_overdue(now=None) -> str:
    """Send one reminder per overdue, unanswered forwarding of a report that is still forwarded."""
    now = now or timezone.now()
    due = (
        Forwarding.objects.filter(
            answered_at__isnull=True,
            due_at__lt=now,
            reminded_at__isnull=True,
            report__status=Report.Status.FORWARDED,
        )
        .select_related("report__quarter", "report__category", "body")
        .order_by("due_at")[:500]
    )
    sent = 0
    for forwarding in due:
        with transaction.atomic():
            if not Forwarding.objects.filter(pk=forwarding.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            queue_templated_mail(
                forwarding.email,
                "reports/mail/reminder",
                {
                    "report": forwarding.report,
                    "forwarding": forwarding,
                    "answer_link": settings.SITE_URL
                    + reverse("reports:body_answer", args=[forwarding.token]),
                },
                purpose="reports.reminder",
            )
            sent += 1
    return f"reports: {sent} reminder(s) for overdue forwarded reports"


def anonymise_old_contacts(now=None) -> int:
    """Retention: remove the reporter's contact data from reports closed longer than the retention period.

    The report, its photos and its public history stay; name, e-mail and phone go. The period is
    `REPORTS_CONTACT_RETENTION_DAYS` (default 365 days after the last change of a closed report).
    """
    now = now or timezone.now()
    days = getattr(settings, "REPORTS_CONTACT_RETENTION_DAYS", 365)
    cutoff = now - timedelta(days=days)
    old = Report.objects.filter(status__in=Report.CLOSED_STATUSES, updated_at__lt=cutoff)
    # Who supported is personal data too; the count on the report stays.
    Support.objects.filter(report__in=old).delete()
    return old.exclude(reporter_name="", reporter_email="", reporter_phone="", reporter__isnull=True).update(
        reporter_name="", reporter_email="", reporter_phone="", show_name=False, reporter=None
    )


FIXED_QUESTION_AFTER_DAYS = 28


def ask_whether_fixed(now=None) -> int:
    """Ask reporters once, some weeks after their report, whether the problem has been fixed (FixMyStreet)."""
    now = now or timezone.now()
    days = getattr(settings, "REPORTS_FIXED_QUESTION_DAYS", FIXED_QUESTION_AFTER_DAYS)
    due = (
        Report.objects.filter(
            status__in=Report.OPEN_STATUSES,
            kind=Report.Kind.PROBLEM,
            duplicate_of__isnull=True,
            fixed_question_at__isnull=True,
            created_at__lt=now - timedelta(days=days),
        )
        .exclude(reporter_email="")
        .select_related("quarter")
        .order_by("created_at")[:500]
    )
    asked = 0
    for report in due:
        with transaction.atomic():
            if not Report.objects.filter(pk=report.pk, fixed_question_at__isnull=True).update(
                fixed_question_at=now
            ):
                continue
            queue_templated_mail(
                report.reporter_email,
                "reports/mail/fixed_question",
                {
                    "report": report,
                    "link": settings.SITE_URL + reverse("reports:follow", args=[report.follow_token]),
                },
                language=report.language or None,
                purpose="reports.fixed_question",
            )
            asked += 1
    return asked
