"""Consent and privacy: consent records, one-click withdrawal, export and erasure of a person, retention."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, onetime
from quartierwerk.core.errors import DomainError, InvalidTransition, require
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.models import User

from .. import rules
from ..models import (
    Consent,
    ContactActivity,
    Person,
    Relationship,
)
from .cleaning import (
    _clean_list,
    plain,
)

WITHDRAW_SALT = "quartierwerk.actors.withdraw"
# After a consent's period ended, the record is flagged; this long after, it is anonymised.
RETENTION_GRACE_DAYS = 30


def withdraw_token(person: Person) -> str:
    """The signed token of a person's one-click withdrawal link (no row stores it)."""
    return onetime.sign({"p": person.pk}, salt=WITHDRAW_SALT)


def withdraw_url(person: Person) -> str:
    """The one-click withdrawal link that goes into every e-mail sent to a person."""
    return settings.SITE_URL + reverse("actors:withdraw", args=[withdraw_token(person)])


def person_for_withdraw_token(token: str) -> Person | None:
    """The person a withdrawal link names; None when the link is not valid."""
    data = onetime.unsign(token, salt=WITHDRAW_SALT)
    if not isinstance(data, dict):
        return None
    return Person.objects.filter(pk=data.get("p")).first()


def record_consent(
    *,
    by,
    person: Person,
    basis: str,
    purposes: list[str],
    text: str,
    source: str,
    valid_until: date | None = None,
    given_at=None,
    notify: bool = True,
) -> Consent:
    """Record on what basis and for which purposes a person's data is kept; with consent, the person is
    sent a confirmation that carries the withdrawal link."""
    require(rules.can_record_consent(by, person))
    if basis not in Consent.Basis.values:
        raise DomainError(_("Choose a valid legal basis."), field="basis")
    if source not in Consent.Source.values:
        raise DomainError(_("Choose a valid source."), field="source")
    purposes = _clean_list(purposes, Consent.Purpose.values)
    if not purposes:
        raise DomainError(_("Choose at least one purpose."), field="purposes")
    text = plain(text)
    if basis == Consent.Basis.CONSENT and not text:
        raise DomainError(_("Record the text the person agreed to."), field="text")
    if valid_until and valid_until < timezone.localdate():
        raise DomainError(_("The period must not lie in the past."), field="valid_until")
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.anonymised_at:
            raise InvalidTransition(_("This person has been anonymised."))
        consent = Consent.objects.create(
            person=person,
            basis=basis,
            text=text,
            source=source,
            valid_until=valid_until,
            given_at=given_at or timezone.now(),
            recorded_by=by if getattr(by, "is_authenticated", False) else None,
            **{f"for_{p}": True for p in purposes},
        )
        if person.withdrawn_at is not None:
            person.withdrawn_at = None  # a new consent after a withdrawal starts afresh
            person.save(update_fields=["withdrawn_at"])
        person.retention_flagged_at = None
        person.save(update_fields=["retention_flagged_at"])
        audit.record(by, "actors.consent_recorded", person, basis=basis, purposes=purposes, source=source)
        if notify and person.email:
            queue_templated_mail(
                person.email,
                "actors/mail/consent_recorded",
                {"person": person, "consent": consent, "withdraw_link": withdraw_url(person)},
            )
    return consent


def withdraw_consent(*, person: Person, via: str = "link") -> Person:
    """Withdraw every consent of a person at once: from that moment the person is in no directory and on
    no invitation or newsletter list."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        now = timezone.now()
        Consent.objects.filter(person=person, withdrawn_at__isnull=True).update(withdrawn_at=now)
        Relationship.objects.filter(person=person, is_public=True).update(is_public=False)
        if person.withdrawn_at is None:
            person.withdrawn_at = now
            person.save(update_fields=["withdrawn_at"])
        audit.record(f"withdrawal ({via})", "actors.consent_withdrawn", person, via=via)
    return person


def _serialisable(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_serialisable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _serialisable(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "storage"):  # a stored file
        return value.name or None
    return str(value)


SECRET_FIELD_PARTS = ("password", "secret", "key", "token", "hash")


def _row(obj) -> dict:
    data = {}
    for field in obj._meta.concrete_fields:
        if any(part in field.name.lower() for part in SECRET_FIELD_PARTS):
            continue
        if field.name in ("search_document", "facets"):
            continue
        data[field.attname] = _serialisable(getattr(obj, field.attname))
    return data


def person_references() -> list[tuple]:
    """Every (model, field, target) in the project whose rows point at a Person or a User account."""
    from django.apps import apps

    refs = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if not getattr(field, "is_relation", False) or not getattr(field, "concrete", False):
                continue
            target = field.related_model
            if target is Person:
                refs.append((model, field, "person"))
            elif target is User:
                refs.append((model, field, "user"))
    return refs


def export_person_data(*, by, person: Person) -> dict:
    """Everything stored about a person (DSGVO Art. 15/20): the record itself and every row of every table
    that references the person or their account, found by walking the models."""
    require(rules.can_export_person(by, person))
    sections: dict[str, list] = {}
    user = person.user
    for model, field, target in person_references():
        if target == "user" and user is None:
            key = f"{model._meta.label_lower}.{field.name}"
            sections[key] = []
            continue
        value = person if target == "person" else user
        key = f"{model._meta.label_lower}.{field.name}"
        if field.many_to_many:
            rows = model._default_manager.filter(**{field.name: value})
        else:
            rows = model._default_manager.filter(**{field.attname: value.pk})
        sections[key] = [_row(r) for r in rows[:10000]]
    audit.record(by, "actors.person_exported", person)
    return {
        "generated_at": timezone.now().isoformat(),
        "person": _row(person),
        "account": _row(user) if user else None,
        "references": sections,
    }


def export_person_pdf(*, by, person: Person) -> bytes:
    """The same export as a readable PDF."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    data = export_person_data(by=by, person=person)
    sections = [(key, rows) for key, rows in data["references"].items() if rows]
    html_text = render_to_string(
        "actors/pdf/person_export.html", {"person": person, "data": data, "sections": sections}
    )
    return HTML(string=html_text, base_url=settings.SITE_URL).write_pdf()


def erase_person(*, by, person: Person) -> Person:
    """Anonymise a person (DSGVO Art. 17): personal fields blanked, notes and contact log deleted, consents
    withdrawn; group seats, relationships, volunteer hours and decisions stay, pointing at an anonymous record."""
    from quartierwerk.core.privacy_services import erase, for_person

    require(rules.can_erase_person(by, person))
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.anonymised_at:
            raise InvalidTransition(_("This person has already been anonymised."))
        ref = for_person(person)  # before anonymising: the name and address are what erasure looks for
        _anonymise(person)
        erase(ref, by=by, reason="directory person erased")  # the person's rows in every other module
        audit.record(by, "actors.person_erased", person)
    return person


def _anonymise(person: Person) -> None:
    now = timezone.now()
    person.first_name = ""
    person.last_name = ""
    person.email = ""
    person.phone = ""
    person.role_title = ""
    person.internal_note = ""
    person.tags = []
    person.languages = []
    person.public_fields = []
    person.user = None
    person.anonymised_at = now
    person.withdrawn_at = person.withdrawn_at or now
    person.refresh_derived()
    person.save()
    ContactActivity.objects.filter(person=person).delete()
    Consent.objects.filter(person=person).update(text="", withdrawn_at=now)
    Relationship.objects.filter(person=person).update(is_public=False)


def enforce_retention(today: date | None = None) -> dict:
    """The scheduled job: flag persons whose every basis has run out; anonymise them after a grace period."""
    today = today or timezone.localdate()
    from django.db.models import Exists, OuterRef

    valid = Consent.objects.filter(person=OuterRef("pk"), withdrawn_at__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    had_consent = Consent.objects.filter(person=OuterRef("pk"))
    expired = Person.objects.filter(anonymised_at__isnull=True, merged_into__isnull=True).filter(
        Exists(had_consent), ~Exists(valid)
    )
    flagged = expired.filter(retention_flagged_at__isnull=True).update(retention_flagged_at=timezone.now())
    limit = timezone.now() - timedelta(days=RETENTION_GRACE_DAYS)
    anonymised = 0
    for pk in list(expired.filter(retention_flagged_at__lte=limit).values_list("pk", flat=True)):
        with transaction.atomic():
            person = Person.objects.select_for_update().get(pk=pk)
            if person.anonymised_at is None:
                _anonymise(person)
                audit.record("retention job", "actors.person_anonymised_retention", person)
                anonymised += 1
    return {"flagged": flagged, "anonymised": anonymised}
