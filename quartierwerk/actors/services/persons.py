"""Persons of the directory and their relationships to organisations."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, require
from quartierwerk.core.models import Quarter

from .. import rules
from ..models import (
    Language,
    Organisation,
    Person,
    Relationship,
)
from .cleaning import PERSON_FIELDS, PERSON_PUBLIC_FIELD_NAMES, _clean, _clean_list


def create_person(*, by, quarter: Quarter, data: dict) -> Person:
    require(rules.can_manage_actors(by, quarter))
    values = _clean(data, PERSON_FIELDS)
    values["languages"] = _clean_list(data.get("languages"), Language.values)
    values["public_fields"] = _clean_list(data.get("public_fields"), PERSON_PUBLIC_FIELD_NAMES)
    if not (values.get("first_name") or values.get("last_name") or values.get("email")):
        raise DomainError(_("Give at least a name or an e-mail address."), field="last_name")
    email = (values.get("email") or "").lower()
    values["email"] = email
    with transaction.atomic():
        if (
            email
            and Person.objects.filter(quarter=quarter, email__iexact=email, merged_into__isnull=True).exists()
        ):
            raise Conflict(_("A person with this e-mail address is already in the directory."), field="email")
        person = Person(quarter=quarter, city_id=quarter.city_id, **values)
        person.refresh_derived()
        person.save()
        audit.record(by, "actors.person_created", person)
    return person


def update_person(*, by, person: Person, data: dict) -> Person:
    require(rules.can_manage_actors(by, person))
    values = _clean(data, PERSON_FIELDS)
    if "languages" in data:
        values["languages"] = _clean_list(data.get("languages"), Language.values)
    if "public_fields" in data:
        values["public_fields"] = _clean_list(data.get("public_fields"), PERSON_PUBLIC_FIELD_NAMES)
    if "email" in values:
        values["email"] = (values["email"] or "").lower()
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.anonymised_at:
            raise InvalidTransition(_("This person has been anonymised."))
        before = {k: getattr(person, k) for k in values}
        for key, value in values.items():
            setattr(person, key, value)
        person.updated_at = timezone.now()
        person.refresh_derived()
        person.save()
        # Field names only: the audit log must not keep personal data that erasure would have to chase.
        audit.record(by, "actors.person_updated", person, fields=sorted(audit.diff(before, values)))
    return person


def add_relationship(
    *, by, person: Person, organisation: Organisation, kind: str, start: date | None = None, is_public=False
) -> Relationship:
    require(rules.can_manage_actors(by, organisation))
    if kind not in Relationship.Kind.values:
        raise DomainError(_("Choose a valid relationship."), field="kind")
    if person.quarter_id != organisation.quarter_id and organisation.quarter_id:
        require(rules.can_manage_actors(by, person))
    with transaction.atomic():
        rel = Relationship.objects.create(
            person=person,
            organisation=organisation,
            kind=kind,
            start_date=start or timezone.localdate(),
            is_public=bool(is_public),
        )
        audit.record(by, "actors.relationship_added", organisation, person=person.pk, kind=kind)
    return rel


def end_relationship(*, by, relationship: Relationship, end: date | None = None) -> Relationship:
    """End a relationship; it stays in the history."""
    require(rules.can_manage_actors(by, relationship.organisation))
    end = end or timezone.localdate()
    with transaction.atomic():
        rel = Relationship.objects.select_for_update().get(pk=relationship.pk)
        if rel.end_date is not None:
            raise InvalidTransition(_("This relationship has already ended."))
        if end < rel.start_date:
            raise DomainError(_("The end cannot lie before the start."), field="end_date")
        rel.end_date = end
        rel.save(update_fields=["end_date"])
        audit.record(by, "actors.relationship_ended", rel.organisation, person=rel.person_id, kind=rel.kind)
    return rel
