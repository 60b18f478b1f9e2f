"""Every write council business allows: status reports on points, confirming suggested papers, reminders."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, clock, mail, reminders
from quartierwerk.core.errors import InvalidTransition, NotAllowed

from . import rules
from .models import Body, PaperQuarter, ResolutionPoint, StatusReport

# The responsible office hears of a deadline this many days ahead.
REMIND_DAYS = 14


def body_for(city) -> Body:
    """The city's body, created on first use."""
    body, _created = Body.objects.get_or_create(
        city=city, defaults={"name": city.name, "short_name": city.name}
    )
    return body


def record_status_report(
    *, by, point: ResolutionPoint, status: str, text: str, date: datetime.date | None = None
) -> StatusReport:
    """Record the state of a point's implementation; the point takes the reported status."""
    with transaction.atomic():
        point = ResolutionPoint.objects.select_for_update().select_related("paper__body").get(pk=point.pk)
        if not rules.can_record_status_report(by, point):
            raise NotAllowed(_("You may not report on this resolution point."))
        if point.deleted or point.paper.deleted:
            raise InvalidTransition(_("This resolution point has been deleted."))
        if status not in ResolutionPoint.Status.values:
            raise InvalidTransition(_("Unknown status."))
        report = StatusReport.objects.create(
            point=point, date=date or clock.today(), status=status, text=text, reported_by=by
        )
        before = point.status
        point.status = status
        point.save(update_fields=["status"])
        point.paper.save(update_fields=[])  # the paper's OParl `modified` moves with its points
        audit.record(by, "council.status_reported", point, status=[before, status])
    return report


def set_suggestion(*, by, link: PaperQuarter, confirm: bool) -> None:
    """Confirm a paper the import suggested to a quarter, or drop the suggestion."""
    with transaction.atomic():
        link = PaperQuarter.objects.select_for_update().select_related("quarter", "paper").get(pk=link.pk)
        if not rules.can_confirm_suggestion(by, link.quarter):
            raise NotAllowed(_("You may not decide on papers for this quarter."))
        if confirm:
            link.confirmed = True
            link.save(update_fields=["confirmed"])
        else:
            link.delete()
        link.paper.save(update_fields=[])
        kind = "council.suggestion_confirmed" if confirm else "council.suggestion_dropped"
        audit.record(by, kind, link.paper, quarter=link.quarter)


def due_reminders(today: datetime.date | None = None):
    today = today or clock.today()
    return ResolutionPoint.objects.filter(
        deleted=False,
        paper__deleted=False,
        reminded_at__isnull=True,
        deadline__gte=today,
        deadline__lte=today + datetime.timedelta(days=REMIND_DAYS),
        responsible_office__email__gt="",
    ).exclude(status__in=ResolutionPoint.CLOSED)


def send_deadline_reminders(now=None) -> int:
    """Mail each responsible office once before a point's deadline (outbox, safe to run twice)."""
    due = due_reminders()

    def send(point: ResolutionPoint) -> int:
        point = ResolutionPoint.objects.select_related("paper", "responsible_office").get(pk=point.pk)
        mail.queue_templated_mail(
            point.responsible_office.email,
            "council/mail/deadline",
            {"point": point, "paper": point.paper},
            purpose="council.deadline",
        )
        return 1

    return reminders.send_once(due.order_by("pk"), mark="reminded_at", send=send, now=now or timezone.now())
