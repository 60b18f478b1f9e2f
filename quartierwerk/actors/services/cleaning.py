"""Cleaning what views, API and imports hand to the services: plain text, allow-listed choices, slugs."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.text import slugify
from django.utils.translation import gettext as _

from quartierwerk.core.errors import DomainError
from quartierwerk.core.models import Membership, User
from quartierwerk.core.text import clean_line, clean_text

from ..models import (
    Language,
    Offer,
    Organisation,
    Person,
    Topic,
)

ORGANISATION_FIELDS = (
    "name",
    "kind",
    "description",
    "topics",
    "languages",
    "offers",
    "street",
    "postcode",
    "town",
    "lat",
    "lon",
    "opening_hours",
    "email",
    "phone",
    "website",
    "accessibility",
    "wheelchair_accessible",
    "public_fields",
    "is_public",
)
STAFF_ORGANISATION_FIELDS = ORGANISATION_FIELDS + ("internal_note", "tags")
PERSON_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "role_title",
    "languages",
    "internal_note",
    "tags",
    "public_fields",
)
TEXT_FIELDS = {
    "name",
    "description",
    "street",
    "postcode",
    "town",
    "opening_hours",
    "phone",
    "accessibility",
    "internal_note",
    "first_name",
    "last_name",
    "role_title",
    "purpose",
    "meeting_rhythm",
}
PUBLIC_FIELD_NAMES = {name for name, _label in Organisation.OPTIONAL_PUBLIC_FIELDS}
PERSON_PUBLIC_FIELD_NAMES = {name for name, _label in Person.OPTIONAL_PUBLIC_FIELDS}


# Single-line text fields and their columns' lengths (Organisation, Person, Group): stored as one line.
LINE_FIELDS = {
    "name": 200,
    "street": 200,
    "postcode": 10,
    "town": 120,
    "phone": 60,
    "first_name": 120,
    "last_name": 120,
    "role_title": 160,
    "meeting_rhythm": 200,
}


def plain(text) -> str:
    """Text stored as plain text: HTML tags (and script/style content) removed, entities decoded."""
    return clean_text(text)


def plain_field(key: str, value) -> str:
    """A text field as stored: one line where the column holds one line, too long refused with the field."""
    if key in LINE_FIELDS:
        return clean_line(value, max_length=LINE_FIELDS[key], field=key)
    return clean_text(value, field=key)


def _clean_list(values, allowed) -> list[str]:
    out = []
    for v in values or []:
        v = str(v).strip()
        if v in allowed and v not in out:
            out.append(v)
    return out


def _clean_tags(values) -> list[str]:
    out = []
    for v in values or []:
        v = clean_line(v, max_length=60, truncate=True).lower()
        if v and v not in out:
            out.append(v)
    return out[:30]


def _as_given(key: str, value):
    return value


def _choice_of(allowed):
    return lambda key, value: _clean_list(value, allowed)


def _kind(key: str, value):
    if value not in Organisation.Kind.values:
        raise DomainError(_("Choose a valid kind."), field="kind")
    return value


def _email(key: str, value) -> str:
    value = (value or "").strip()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise DomainError(_("Enter a valid e-mail address."), field="email")
    return value


def _website(key: str, value) -> str:
    value = (value or "").strip()
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise DomainError(_("Enter a web address starting with https:// or http://."), field="website")
    return value


def _coordinate(key: str, value) -> float | None:
    return None if value in ("", None) else float(value)


# How each writable field is cleaned: (key, value) -> the value stored.
FIELD_CLEANERS = {
    **{key: plain_field for key in TEXT_FIELDS},
    "topics": _choice_of(Topic.values),
    "languages": _choice_of(Language.values),
    "offers": _choice_of(Offer.values),
    "public_fields": _choice_of(PUBLIC_FIELD_NAMES | PERSON_PUBLIC_FIELD_NAMES),
    "tags": lambda key, value: _clean_tags(value),
    "kind": _kind,
    "email": _email,
    "website": _website,
    "lat": _coordinate,
    "lon": _coordinate,
}


def _clean(data: dict, allowed_fields) -> dict:
    """Normalise writable fields: plain text, allow-listed choices, coordinates in range."""
    out = {}
    for key in allowed_fields:
        if key in data:
            clean = FIELD_CLEANERS.get(key, _as_given)
            out[key] = clean(key, data[key])
    if "name" in out and not out["name"]:
        raise DomainError(_("A name is required."), field="name")
    if out.get("lat") is not None and not -90 <= out["lat"] <= 90:
        raise DomainError(_("The latitude must lie between -90 and 90."), field="lat")
    if out.get("lon") is not None and not -180 <= out["lon"] <= 180:
        raise DomainError(_("The longitude must lie between -180 and 180."), field="lon")
    if ("lat" in out) != ("lon" in out) or (out.get("lat") is None) != (out.get("lon") is None):
        if "lat" in out or "lon" in out:
            raise DomainError(_("Give both latitude and longitude, or neither."), field="lat")
    return out


def _valid_email(value) -> str:
    value = (value or "").strip()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise DomainError(_("Enter a valid e-mail address."), field="contact_email")
    return value


def unique_slug(model, quarter, name: str, *, exclude_pk=None) -> str:
    base = slugify(name)[:200] or "eintrag"
    taken = set(
        model.objects.filter(quarter=quarter, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def _staff_emails(quarter) -> list[str]:
    return list(
        User.objects.filter(
            memberships__quarter=quarter, memberships__role=Membership.Role.STAFF, is_active=True
        ).values_list("email", flat=True)
    )
