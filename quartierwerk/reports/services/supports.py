"""Supports ("me too"): given by residents with an account or confirmed through an e-mail link."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import generations, onetime
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.text import clean_email

from ..models import Report, Support
from .common import _root, _user


def support(*, report: Report, user=None, email: str = "", session_key: str = "") -> tuple[Report, bool]:
    """Add one person's support; a second support by the same person is ignored, never an error.

    A logged-in resident's support counts at once. One given with an e-mail address is stored
    unconfirmed and a confirmation link goes to that address: it counts, and the address hears about
    status changes, only once the link was followed (`confirm_support`). A browser session alone no
    longer counts: anyone could count again with a fresh one. Answers (report, stored now).
    """
    report = _root(report)
    if not report.is_open:
        raise InvalidTransition(_("This report is closed; it cannot be supported any more."))
    user = _user(user)
    if user and report.reporter_id == user.pk:
        raise Conflict(_("You filed this report yourself."))
    if not user and not email:
        raise DomainError(_("Log in or give your e-mail address to support this report."), field="email")
    token = ""
    if user:
        kwargs = {"report": report, "user": user, "confirmed_at": timezone.now()}
    else:
        token, token_hash = onetime.issue()
        kwargs = {"report": report, "email": clean_email(email), "confirm_token_hash": token_hash}
    try:
        with transaction.atomic():
            Support.objects.create(**kwargs)
            if user:
                Report.objects.filter(pk=report.pk).update(support_count=F("support_count") + 1)
                generations.bump("reports", report.quarter_id)
            else:
                queue_templated_mail(
                    kwargs["email"],
                    "reports/mail/support_confirm",
                    {
                        "report": report,
                        "quarter": report.quarter,
                        "link": settings.SITE_URL + reverse("reports:support_confirm", args=[token]),
                    },
                    purpose="reports.support_confirm",
                )
    except IntegrityError:
        return report, False
    report.refresh_from_db(fields=["support_count"])
    return report, True


def confirm_support(token: str) -> Report | None:
    """Count a support given with an e-mail address, once, when its link is followed; None for a bad link."""
    if onetime.digest(token) is None:
        return None
    with transaction.atomic():
        supp = onetime.find(
            Support.objects.select_for_update().select_related("report"),
            token,
            fields=("confirm_token_hash",),
        )
        if supp is None:
            return None
        if supp.confirmed_at is None:
            supp.confirmed_at = timezone.now()
            supp.save(update_fields=["confirmed_at"])
            target = _root(supp.report)
            Report.objects.filter(pk=target.pk).update(support_count=F("support_count") + 1)
            generations.bump("reports", target.quarter_id)
    return _root(supp.report)


def supported_by(report: Report, *, user=None, session_key: str = "") -> bool:
    qs = Support.objects.filter(report=report)
    if getattr(user, "is_authenticated", False):
        return qs.filter(user=user).exists() or (report.reporter_id == user.pk)
    return bool(session_key) and qs.filter(session_key=session_key).exists()
