"""Private links of reports: revoking a reporter's follow link or a responsible body's answer link.

The links are stored as hashes (core.tokens); a revoked link answers 404. Writes, like those in services/.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import require
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.tokens import link_secret, new_link_key, secret_hash

from . import rules
from .models import Forwarding, Report, ReportUpdate
from .services.common import _add_update, _lock, follow_url, refused


def revoke_follow_link(*, report: Report, by) -> Report:
    """Revoke the reporter's private link (every earlier one stops working); a new one is mailed to the reporter."""
    with transaction.atomic():
        report = _lock(report)
        require(rules.can_revoke_links(by, report), refused())
        report.follow_key = new_link_key()
        report.follow_hash = secret_hash(link_secret(Report.FOLLOW_LINK, report.follow_key))
        report.follow_legacy_hash = None
        report.save(update_fields=["follow_key", "follow_hash", "follow_legacy_hash"])
        _add_update(
            report, ReportUpdate.Kind.NOTE, by=by, text=_("Private follow link revoked."), public=False
        )
        audit.record(by, "reports.follow_link_revoked", report)
        if report.reporter_email:
            queue_templated_mail(
                report.reporter_email,
                "reports/mail/new_link",
                {"report": report, "link": follow_url(report)},
                language=report.language or None,
                purpose="reports.new_link",
            )
    return report


def revoke_answer_link(*, forwarding: Forwarding, by) -> Forwarding:
    """Revoke a responsible body's answer link; forward the report again to send the body a new one."""
    with transaction.atomic():
        forwarding = (
            Forwarding.objects.select_for_update().select_related("report__quarter").get(pk=forwarding.pk)
        )
        require(rules.can_revoke_links(by, forwarding.report), refused())
        if forwarding.link_revoked_at is None:
            forwarding.link_revoked_at = timezone.now()
            forwarding.save(update_fields=["link_revoked_at"])
            _add_update(
                forwarding.report,
                ReportUpdate.Kind.NOTE,
                by=by,
                text=_("Answer link of %(body)s revoked.") % {"body": forwarding.body.name},
                public=False,
            )
            audit.record(by, "reports.answer_link_revoked", forwarding.report, body=forwarding.body_id)
    return forwarding
