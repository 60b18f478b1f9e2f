"""Organisations: staff entries, self-registration, claims, verification, representatives, review reminders."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, multilingual, reminders
from quartierwerk.core import services as core_services
from quartierwerk.core.errors import Conflict, DomainError, require
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.models import Membership, Quarter

from .. import rules
from ..models import (
    Organisation,
    Representation,
)
from ..workflows import ORGANISATION, REPRESENTATION
from .cleaning import (
    ORGANISATION_FIELDS,
    STAFF_ORGANISATION_FIELDS,
    _clean,
    _staff_emails,
    plain,
    unique_slug,
)


def create_organisation(*, by, quarter: Quarter | None, data: dict, city=None) -> Organisation:
    """Staff add an entry to the directory (verified at once); a city-wide entry names its city."""
    require(rules.can_manage_actors(by, quarter))
    values = _clean(data, STAFF_ORGANISATION_FIELDS)
    city_id = quarter.city_id if quarter is not None else getattr(city, "pk", None)
    if city_id is None:
        raise DomainError(_("An entry belongs to a quarter or a city."), field="quarter")
    with transaction.atomic():
        org = Organisation(
            quarter=quarter,
            city_id=city_id,
            status=Organisation.Status.VERIFIED,
            verified_at=timezone.now(),
            **values,
        )
        org.slug = unique_slug(Organisation, quarter, org.name)
        org.refresh_derived()
        org.save()
        audit.record(by, "actors.organisation_created", org, name=org.name)
    return org


def update_organisation(*, by, organisation: Organisation, data: dict) -> Organisation:
    """Staff or an approved representative change an entry; representatives cannot touch internal fields."""
    require(rules.can_edit_organisation(by, organisation))
    fields = STAFF_ORGANISATION_FIELDS if rules.can_manage_actors(by, organisation) else ORGANISATION_FIELDS
    values = _clean(data, fields)
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=organisation.pk)
        ORGANISATION.check(by, org, "edit", message=_("This entry was merged into another one."))
        before = {k: getattr(org, k) for k in values}
        if data.get("written_in"):
            values["written_in"] = multilingual.clean_written_in(data["written_in"])
        before = {k: getattr(org, k) for k in values}
        for key, value in values.items():
            setattr(org, key, value)
        if "name" in values and values["name"] != before.get("name"):
            org.slug = unique_slug(Organisation, org.quarter, org.name, exclude_pk=org.pk)
        org.updated_at = timezone.now()
        org.refresh_derived()
        org.save()
        changed = sorted(audit.diff(before, values))
        audit.record(by, "actors.organisation_updated", org, fields=changed)
    return org


def register_organisation(*, by, quarter: Quarter, data: dict, message: str = "") -> Organisation:
    """An association registers itself: a pending entry and a pending representation; staff are told."""
    require(rules.can_register_organisation(by, quarter), _("Log in to register an organisation."))
    if quarter is None:
        raise DomainError(_("Choose the quarter the organisation is active in."), field="quarter")
    values = _clean(data, ORGANISATION_FIELDS)
    with transaction.atomic():
        org = Organisation(
            quarter=quarter,
            city_id=quarter.city_id,
            status=Organisation.Status.PENDING,
            submitted_by=by,
            # The entry's texts are in the language of the page it was sent from (or the one a client names).
            written_in=multilingual.clean_written_in(data.get("written_in")),
            **values,
        )
        org.slug = unique_slug(Organisation, quarter, org.name)
        org.refresh_derived()
        org.save()
        Representation.objects.create(organisation=org, user=by, message=plain(message))
        audit.record(by, "actors.organisation_registered", org, name=org.name)
        staff = _staff_emails(quarter)
        if staff:
            queue_templated_mail(
                staff,
                "actors/mail/registration_received",
                {
                    "organisation": org,
                    "quarter": quarter,
                    "link": settings.SITE_URL
                    + reverse("actors:staff_organisation", args=[quarter.slug, org.pk]),
                },
            )
    return org


def claim_organisation(*, by, organisation: Organisation, message: str = "") -> Representation:
    """A user asks to speak for an existing entry; staff decide."""
    require(rules.can_claim_organisation(by, organisation), _("Log in to claim this entry."))
    try:
        with transaction.atomic():
            rep = Representation.objects.create(
                organisation=organisation, user=by, is_claim=True, message=plain(message)
            )
            audit.record(by, "actors.organisation_claimed", organisation)
    except IntegrityError:
        raise Conflict(_("You have already asked to represent this organisation."))
    return rep


def verify_organisation(*, by, organisation: Organisation) -> Organisation:
    """Staff verify a registered entry: it appears in the directory, its registrant becomes representative."""
    require(rules.can_verify_organisation(by, organisation))
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=organisation.pk)
        ORGANISATION.check(
            by, org, "verify", message=_("Only entries waiting for verification can be verified.")
        )
        org.status = ORGANISATION.target(org, "verify")
        org.verified_at = timezone.now()
        org.save(update_fields=["status", "verified_at"])
        audit.record(by, "actors.organisation_verified", org)
        for rep in Representation.objects.filter(organisation=org, status=Representation.Status.PENDING):
            _approve(by, rep)
    return org


def reject_organisation(*, by, organisation: Organisation, reason: str = "") -> Organisation:
    require(rules.can_verify_organisation(by, organisation))
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=organisation.pk)
        ORGANISATION.check(
            by, org, "reject", message=_("Only entries waiting for verification can be rejected.")
        )
        org.status = ORGANISATION.target(org, "reject")
        org.save(update_fields=["status"])
        Representation.objects.filter(organisation=org, status=Representation.Status.PENDING).update(
            status=Representation.Status.REJECTED, decided_at=timezone.now(), decided_by=by
        )
        audit.record(by, "actors.organisation_rejected", org, reason=plain(reason))
        if org.submitted_by_id:
            queue_templated_mail(
                org.submitted_by.email,
                "actors/mail/registration_rejected",
                {"organisation": org, "reason": plain(reason)},
                language=org.submitted_by.preferred_language or None,
            )
    return org


def _approve(by, rep: Representation) -> None:
    rep.status = Representation.Status.APPROVED
    rep.decided_at = timezone.now()
    rep.decided_by = by
    rep.save(update_fields=["status", "decided_at", "decided_by"])
    org = rep.organisation
    if org.quarter_id:
        core_services.grant_role(
            user=rep.user, role=Membership.Role.ACTOR_REPRESENTATIVE, quarter=org.quarter, by=by
        )
    if hasattr(rep.user, "_qw_represented"):
        del rep.user._qw_represented
    audit.record(by, "actors.representation_approved", org, user=rep.user_id)
    queue_templated_mail(
        rep.user.email,
        "actors/mail/representation_approved",
        {
            "organisation": org,
            "link": settings.SITE_URL + reverse("actors:my_organisations"),
        },
        language=rep.user.preferred_language or None,
    )


def decide_representation(*, by, representation: Representation, approve: bool) -> Representation:
    """Staff approve or reject a claim (or a registrant) to represent an organisation."""
    require(rules.can_verify_organisation(by, representation.organisation))
    with transaction.atomic():
        rep = (
            Representation.objects.select_for_update()
            .select_related("organisation", "user")
            .get(pk=representation.pk)
        )
        action = "approve" if approve else "reject"
        REPRESENTATION.check(by, rep, action, message=_("This request has already been decided."))
        if approve:
            _approve(by, rep)
        else:
            rep.status = REPRESENTATION.target(rep, action)
            rep.decided_at = timezone.now()
            rep.decided_by = by
            rep.save(update_fields=["status", "decided_at", "decided_by"])
            audit.record(by, "actors.representation_rejected", rep.organisation, user=rep.user_id)
    return rep


REVIEW_AFTER_DAYS = 365


def remind_representatives(now=None) -> int:
    """The scheduled job: ask the representatives of entries not updated for a year to check them."""
    now = now or timezone.now()
    due = now - timedelta(days=REVIEW_AFTER_DAYS)
    orgs = (
        Organisation.objects.filter(status=Organisation.Status.VERIFIED, updated_at__lt=due)
        .filter(Q(review_reminded_at__isnull=True) | Q(review_reminded_at__lt=due))
        .filter(representations__status=Representation.Status.APPROVED)
        .distinct()
        .select_related("quarter")
    )

    def send(org) -> int:
        reps = Representation.objects.filter(
            organisation=org, status=Representation.Status.APPROVED, user__is_active=True
        ).select_related("user")
        sent = 0
        for rep in reps:
            queue_templated_mail(
                rep.user.email,
                "actors/mail/review_reminder",
                {
                    "organisation": org,
                    "link": settings.SITE_URL + reverse("actors:edit_own", args=[org.pk]),
                },
                language=rep.user.preferred_language or None,
            )
            sent += 1
        return sent

    return reminders.send_once(orgs, mark="review_reminded_at", send=send, now=now, limit=500)
