"""Volunteer engagement and its certificate (Ehrenamtsnachweis)."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import DomainError, InvalidTransition, require
from quartierwerk.core.models import Quarter

from .. import rules
from ..models import (
    Organisation,
    Person,
    VolunteerEngagement,
)
from ..workflows import ENGAGEMENT
from .cleaning import plain


def _belongs_here(entry, quarter: Quarter) -> bool:
    """An entry of this quarter, or a city-wide entry of this quarter's city."""
    if entry.quarter_id is not None:
        return entry.quarter_id == quarter.pk
    return entry.city_id == quarter.city_id


def record_engagement(
    *,
    by,
    quarter: Quarter,
    person: Person,
    activity: str,
    hours,
    start: date,
    end: date,
    organisation: Organisation | None = None,
) -> VolunteerEngagement:
    require(rules.can_record_engagement(by, quarter))
    if person.quarter_id and person.quarter_id != quarter.pk:
        require(rules.can_record_engagement(by, person))
    if person.anonymised_at:
        raise InvalidTransition(_("This person has been anonymised."))
    if organisation is not None and not _belongs_here(organisation, quarter):
        raise DomainError(_("The organisation is active in another quarter."), field="organisation")
    activity = plain(activity)
    if not activity:
        raise DomainError(_("Describe the volunteer work."), field="activity")
    try:
        hours = Decimal(str(hours))
    except Exception:
        raise DomainError(_("Give the hours as a number."), field="hours")
    if hours <= 0 or hours > 10000:
        raise DomainError(_("The hours must be more than 0 and at most 10,000."), field="hours")
    if end < start:
        raise DomainError(_("The end cannot lie before the start."), field="end_date")
    with transaction.atomic():
        engagement = VolunteerEngagement.objects.create(
            quarter=quarter,
            person=person,
            organisation=organisation,
            activity=activity[:2000],
            hours=hours.quantize(Decimal("0.1")),
            start_date=start,
            end_date=end,
            recorded_by=by,
        )
        audit.record(by, "actors.engagement_recorded", engagement, hours=hours)
    return engagement


def sign_engagement(*, by, engagement: VolunteerEngagement) -> VolunteerEngagement:
    """Staff sign off the certificate (Ehrenamtsnachweis); only signed certificates can be downloaded."""
    require(rules.can_sign_certificate(by, engagement))
    with transaction.atomic():
        e = VolunteerEngagement.objects.select_for_update().get(pk=engagement.pk)
        ENGAGEMENT.check(by, e, "sign", message=_("This certificate has already been signed."))
        e.status = ENGAGEMENT.target(e, "sign")
        e.signed_by = by
        e.signed_name = str(by)[:200]
        e.signed_at = timezone.now()
        e.save(update_fields=["status", "signed_by", "signed_name", "signed_at"])
        audit.record(by, "actors.certificate_signed", e)
    return e


def certificate_pdf(engagement: VolunteerEngagement) -> bytes:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    if engagement.status != VolunteerEngagement.Status.CERTIFIED:
        raise InvalidTransition(_("The certificate has not been signed yet."))
    html_text = render_to_string(
        "actors/pdf/certificate.html", {"e": engagement, "quarter": engagement.quarter}
    )
    return HTML(string=html_text, base_url=settings.SITE_URL).write_pdf()
