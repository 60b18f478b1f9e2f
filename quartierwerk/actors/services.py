"""Every write the actor directory allows: entries, self-service, groups, consent, privacy, merge, volunteering.

Views, API, commands and demo data call these functions; none of them saves a domain object directly.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core import services as core_services
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, NotAllowed
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.models import Membership, Quarter, User
from quartierwerk.core.text import clean_text

from . import rules
from .models import (
    Consent,
    ContactActivity,
    Group,
    GroupMembership,
    Language,
    Offer,
    Organisation,
    Person,
    Relationship,
    Representation,
    SavedFilter,
    Topic,
    VolunteerEngagement,
)

WITHDRAW_SALT = "quartierwerk.actors.withdraw"
# After a consent's period ended, the record is flagged; this long after, it is anonymised.
RETENTION_GRACE_DAYS = 30

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


def plain(text) -> str:
    """Text stored as plain text: HTML tags (and script/style content) removed, entities decoded."""
    return clean_text(text)


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
        v = plain(v).strip().lower()[:60]
        if v and v not in out:
            out.append(v)
    return out[:30]


def _clean(data: dict, allowed_fields) -> dict:
    """Normalise writable fields: plain text, allow-listed choices, coordinates in range."""
    out = {}
    for key in allowed_fields:
        if key not in data:
            continue
        value = data[key]
        if key in TEXT_FIELDS:
            value = plain(value)
        elif key == "topics":
            value = _clean_list(value, Topic.values)
        elif key == "languages":
            value = _clean_list(value, Language.values)
        elif key == "offers":
            value = _clean_list(value, Offer.values)
        elif key == "public_fields":
            value = _clean_list(value, PUBLIC_FIELD_NAMES | PERSON_PUBLIC_FIELD_NAMES)
        elif key == "tags":
            value = _clean_tags(value)
        elif key == "kind":
            if value not in Organisation.Kind.values:
                raise DomainError(_("Choose a valid kind."), field="kind")
        elif key == "email":
            value = (value or "").strip()
            if value:
                try:
                    validate_email(value)
                except ValidationError:
                    raise DomainError(_("Enter a valid e-mail address."), field="email")
        elif key == "website":
            value = (value or "").strip()
            if value:
                try:
                    URLValidator(schemes=["http", "https"])(value)
                except ValidationError:
                    raise DomainError(
                        _("Enter a web address starting with https:// or http://."), field="website"
                    )
        elif key in ("lat", "lon"):
            value = None if value in ("", None) else float(value)
        out[key] = value
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


def _require(rule, user, target, message=None):
    if not rule(user, target):
        raise NotAllowed(message or _("You may not do this."))


# --- Organisations -------------------------------------------------------------------------------------


def create_organisation(*, by, quarter: Quarter | None, data: dict) -> Organisation:
    """Staff add an entry to the directory (verified at once)."""
    _require(rules.can_manage_actors, by, quarter)
    values = _clean(data, STAFF_ORGANISATION_FIELDS)
    with transaction.atomic():
        org = Organisation(
            quarter=quarter, status=Organisation.Status.VERIFIED, verified_at=timezone.now(), **values
        )
        org.slug = unique_slug(Organisation, quarter, org.name)
        org.refresh_derived()
        org.save()
        audit.record(by, "actors.organisation_created", org, name=org.name)
    return org


def update_organisation(*, by, organisation: Organisation, data: dict) -> Organisation:
    """Staff or an approved representative change an entry; representatives cannot touch internal fields."""
    _require(rules.can_edit_organisation, by, organisation)
    fields = STAFF_ORGANISATION_FIELDS if rules.can_manage_actors(by, organisation) else ORGANISATION_FIELDS
    values = _clean(data, fields)
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if org.status == Organisation.Status.MERGED:
            raise InvalidTransition(_("This entry was merged into another one."))
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
    _require(rules.can_register_organisation, by, quarter, _("Log in to register an organisation."))
    values = _clean(data, ORGANISATION_FIELDS)
    with transaction.atomic():
        org = Organisation(quarter=quarter, status=Organisation.Status.PENDING, submitted_by=by, **values)
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
    _require(rules.can_claim_organisation, by, organisation, _("Log in to claim this entry."))
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
    _require(rules.can_verify_organisation, by, organisation)
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if org.status != Organisation.Status.PENDING:
            raise InvalidTransition(_("Only entries waiting for verification can be verified."))
        org.status = Organisation.Status.VERIFIED
        org.verified_at = timezone.now()
        org.save(update_fields=["status", "verified_at"])
        audit.record(by, "actors.organisation_verified", org)
        for rep in Representation.objects.filter(organisation=org, status=Representation.Status.PENDING):
            _approve(by, rep)
    return org


def reject_organisation(*, by, organisation: Organisation, reason: str = "") -> Organisation:
    _require(rules.can_verify_organisation, by, organisation)
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if org.status != Organisation.Status.PENDING:
            raise InvalidTransition(_("Only entries waiting for verification can be rejected."))
        org.status = Organisation.Status.REJECTED
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
    _require(rules.can_verify_organisation, by, representation.organisation)
    with transaction.atomic():
        rep = (
            Representation.objects.select_for_update()
            .select_related("organisation", "user")
            .get(pk=representation.pk)
        )
        if rep.status != Representation.Status.PENDING:
            raise InvalidTransition(_("This request has already been decided."))
        if approve:
            _approve(by, rep)
        else:
            rep.status = Representation.Status.REJECTED
            rep.decided_at = timezone.now()
            rep.decided_by = by
            rep.save(update_fields=["status", "decided_at", "decided_by"])
            audit.record(by, "actors.representation_rejected", rep.organisation, user=rep.user_id)
    return rep


def merge_organisations(*, by, keep: Organisation, duplicate: Organisation) -> Organisation:
    """Merge a duplicate into `keep`: every row pointing at the duplicate (in any module) moves over, empty
    fields are filled from it, the duplicate stays as a 'merged' record pointing at the one kept."""
    _require(rules.can_merge, by, keep)
    _require(rules.can_merge, by, duplicate)
    if keep.pk == duplicate.pk:
        raise DomainError(_("Choose two different entries."))
    with transaction.atomic():
        keep, duplicate = (
            Organisation.objects.select_for_update().get(pk=keep.pk),
            Organisation.objects.select_for_update().get(pk=duplicate.pk),
        )
        if Organisation.Status.MERGED in (keep.status, duplicate.status):
            raise InvalidTransition(_("One of the entries was already merged."))
        for field in ORGANISATION_FIELDS + ("internal_note",):
            if field in ("topics", "languages", "offers", "public_fields"):
                setattr(
                    keep,
                    field,
                    list(dict.fromkeys((getattr(keep, field) or []) + (getattr(duplicate, field) or []))),
                )
            elif getattr(keep, field) in ("", None) and getattr(duplicate, field) not in ("", None):
                setattr(keep, field, getattr(duplicate, field))
        keep.tags = _clean_tags((keep.tags or []) + (duplicate.tags or []))
        moved = _repoint(duplicate, keep)
        # A user who represented both keeps one approved representation.
        keep.updated_at = timezone.now()
        keep.refresh_derived()
        keep.save()
        duplicate.status = Organisation.Status.MERGED
        duplicate.merged_into = keep
        duplicate.is_public = False
        duplicate.save(update_fields=["status", "merged_into", "is_public"])
        ContactActivity.objects.create(
            quarter_id=keep.quarter_id,
            organisation=keep,
            kind=ContactActivity.Kind.MERGED,
            text=_("Merged with “%(name)s” (#%(id)s).") % {"name": duplicate.name, "id": duplicate.pk},
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit.record(by, "actors.organisation_merged", keep, duplicate=duplicate.pk, moved=moved)
    return keep


def _repoint(old, new) -> dict:
    """Move every foreign key (of any installed model) from `old` to `new`; returns counts per model."""
    moved = {}
    for rel in old._meta.related_objects:
        if rel.many_to_many or not rel.field.concrete or rel.related_model is type(old):
            continue
        model, name = rel.related_model, rel.field.name
        rows = model._default_manager.filter(**{name: old})
        if model is Representation:
            existing = set(
                Representation.objects.filter(
                    organisation=new, status__in=["pending", "approved"]
                ).values_list("user_id", flat=True)
            )
            rows.filter(user_id__in=existing, status__in=["pending", "approved"]).update(
                status=Representation.Status.ENDED
            )
        count = rows.update(**{name: new})
        if count:
            moved[model._meta.label_lower + "." + name] = count
    for rel in old._meta.related_objects:
        if rel.many_to_many and rel.related_model is not type(old):
            for obj in rel.related_model._default_manager.filter(**{rel.field.name: old}):
                getattr(obj, rel.field.name).remove(old)
                getattr(obj, rel.field.name).add(new)
    return moved


def merge_persons(*, by, keep: Person, duplicate: Person) -> Person:
    """Merge two records of the same person; consents, relationships, seats and activity move over."""
    _require(rules.can_merge, by, keep)
    _require(rules.can_merge, by, duplicate)
    if keep.pk == duplicate.pk:
        raise DomainError(_("Choose two different entries."))
    with transaction.atomic():
        keep = Person.objects.select_for_update().get(pk=keep.pk)
        duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
        if duplicate.merged_into_id or keep.merged_into_id:
            raise InvalidTransition(_("One of the entries was already merged."))
        for field in ("first_name", "last_name", "email", "phone", "role_title", "internal_note"):
            if not getattr(keep, field) and getattr(duplicate, field):
                setattr(keep, field, getattr(duplicate, field))
        if keep.user_id is None and duplicate.user_id:
            keep.user_id = duplicate.user_id
        keep.tags = _clean_tags((keep.tags or []) + (duplicate.tags or []))
        keep.languages = list(dict.fromkeys((keep.languages or []) + (duplicate.languages or [])))
        if duplicate.withdrawn_at and not keep.withdrawn_at:
            keep.withdrawn_at = duplicate.withdrawn_at  # a withdrawal is never lost by merging
        moved = _repoint(duplicate, keep)
        keep.refresh_derived()
        keep.save()
        duplicate.merged_into = keep
        duplicate.search_document = ""
        duplicate.save(update_fields=["merged_into", "search_document"])
        audit.record(by, "actors.person_merged", keep, duplicate=duplicate.pk, moved=moved)
    return keep


# --- Notes, activity, saved filters ---------------------------------------------------------------------


def add_activity(*, by, kind: str, text: str, on_date: date | None = None, organisation=None, person=None):
    """A note or a contact (met, called, e-mailed) in the log of an organisation or person."""
    subject = organisation or person
    if subject is None:
        raise DomainError(_("Say whom the note is about."))
    _require(rules.can_add_note, by, subject)
    if kind not in ContactActivity.Kind.values or kind == ContactActivity.Kind.MERGED:
        raise DomainError(_("Choose a valid kind."), field="kind")
    text = plain(text)
    if not text:
        raise DomainError(_("Write what happened."), field="text")
    activity = ContactActivity.objects.create(
        quarter_id=subject.quarter_id,
        organisation=organisation,
        person=person,
        kind=kind,
        text=text[:5000],
        date=on_date or timezone.localdate(),
        created_by=by,
    )
    audit.record(by, "actors.activity_added", subject, kind=kind)
    return activity


def save_filter(*, by, quarter: Quarter, name: str, params: dict) -> SavedFilter:
    _require(rules.can_manage_actors, by, quarter)
    from .selectors import DirectoryFilter

    name = plain(name)[:160]
    if not name:
        raise DomainError(_("Give the filter a name."), field="name")
    clean = DirectoryFilter.from_params(params, staff=True).as_params()
    try:
        with transaction.atomic():
            saved = SavedFilter.objects.create(quarter=quarter, name=name, params=clean, created_by=by)
    except IntegrityError:
        raise Conflict(_("A saved filter with this name exists already."), field="name")
    audit.record(by, "actors.filter_saved", saved, name=name)
    return saved


def delete_filter(*, by, saved: SavedFilter) -> None:
    _require(rules.can_manage_actors, by, saved)
    audit.record(by, "actors.filter_deleted", saved, name=saved.name)
    saved.delete()


def send_invitation(*, by, quarter: Quarter, contacts, subject: str, message: str, about: str = "") -> int:
    """Send one e-mail per address of a contact list (a group's or a saved filter's) through the outbox.

    Mails to persons carry their one-click withdrawal link; each address gets the mail once.
    """
    _require(rules.can_export_contacts, by, quarter)
    subject = plain(subject)[:200]
    message = plain(message)
    if not subject or not message:
        raise DomainError(_("Write a subject and a message."), field="subject")
    persons = {p.pk: p for p in Person.objects.filter(pk__in=[c.person_id for c in contacts if c.person_id])}
    sent, seen = 0, set()
    with transaction.atomic():
        for contact in contacts:
            email = (contact.email or "").strip().lower()
            if not email or email in seen:
                continue
            seen.add(email)
            person = persons.get(contact.person_id)
            queue_templated_mail(
                email,
                "actors/mail/invitation",
                {
                    "subject": subject,
                    "message": message,
                    "contact": contact,
                    "quarter": quarter,
                    "sender": str(by),
                    "withdraw_link": withdraw_url(person) if person else "",
                },
                purpose="actors.invitation",
            )
            sent += 1
        audit.record(by, "actors.invitation_sent", quarter, quarter=quarter, about=about, recipients=sent)
    return sent


# --- Persons, relationships ----------------------------------------------------------------------------


def create_person(*, by, quarter: Quarter, data: dict) -> Person:
    _require(rules.can_manage_actors, by, quarter)
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
        person = Person(quarter=quarter, **values)
        person.refresh_derived()
        person.save()
        audit.record(by, "actors.person_created", person)
    return person


def update_person(*, by, person: Person, data: dict) -> Person:
    _require(rules.can_manage_actors, by, person)
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
    _require(rules.can_manage_actors, by, organisation)
    if kind not in Relationship.Kind.values:
        raise DomainError(_("Choose a valid relationship."), field="kind")
    if person.quarter_id != organisation.quarter_id and organisation.quarter_id:
        _require(rules.can_manage_actors, by, person)
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
    _require(rules.can_manage_actors, by, relationship.organisation)
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


# --- Groups --------------------------------------------------------------------------------------------


def create_group(
    *, by, quarter: Quarter, name: str, kind: str, purpose: str = "", is_public=True, **extra
) -> Group:
    _require(rules.can_manage_groups, by, quarter)
    name = plain(name)
    if not name:
        raise DomainError(_("A name is required."), field="name")
    if kind not in Group.Kind.values:
        raise DomainError(_("Choose a valid kind."), field="kind")
    with transaction.atomic():
        group = Group.objects.create(
            quarter=quarter,
            name=name,
            slug=unique_slug(Group, quarter, name),
            kind=kind,
            purpose=plain(purpose),
            is_public=bool(is_public),
            meeting_rhythm=plain(extra.get("meeting_rhythm", "")),
            contact_email=_valid_email(extra.get("contact_email")),
        )
        audit.record(by, "actors.group_created", group, name=name, kind=kind)
    return group


def update_group(*, by, group: Group, data: dict) -> Group:
    _require(rules.can_manage_groups, by, group)
    with transaction.atomic():
        group = Group.objects.select_for_update().get(pk=group.pk)
        for key in ("name", "purpose", "meeting_rhythm"):
            if key in data:
                setattr(group, key, plain(data[key]))
        if not group.name:
            raise DomainError(_("A name is required."), field="name")
        if "kind" in data:
            if data["kind"] not in Group.Kind.values:
                raise DomainError(_("Choose a valid kind."), field="kind")
            group.kind = data["kind"]
        if "is_public" in data:
            group.is_public = bool(data["is_public"])
        if "contact_email" in data:
            group.contact_email = _valid_email(data["contact_email"])
        group.save()
        audit.record(by, "actors.group_updated", group)
    return group


def add_member(
    *,
    by,
    group: Group,
    role: str = GroupMembership.Role.MEMBER,
    person: Person | None = None,
    organisation: Organisation | None = None,
    delegate: Person | None = None,
    start: date | None = None,
) -> GroupMembership:
    """Give a person or an organisation a seat in a group; a current seat cannot be given twice."""
    _require(rules.can_manage_groups, by, group)
    if (person is None) == (organisation is None):
        raise DomainError(_("Choose either a person or an organisation."), field="person")
    if role not in GroupMembership.Role.values:
        raise DomainError(_("Choose a valid role."), field="role")
    member = person or organisation
    if member.quarter_id and group.quarter_id and member.quarter_id != group.quarter_id:
        _require(rules.can_manage_actors, by, member)
    with transaction.atomic():
        Group.objects.select_for_update().get(pk=group.pk)  # serialise seat changes of one group
        start = start or timezone.localdate()
        overlapping = GroupMembership.objects.filter(group=group).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=start)
        )
        if overlapping.filter(person=person, organisation=organisation).exists():
            raise Conflict(_("%(name)s already has a seat in this group.") % {"name": member})
        membership = GroupMembership.objects.create(
            group=group,
            person=person,
            organisation=organisation,
            delegate=delegate if organisation else None,
            role=role,
            start_date=start,
        )
        audit.record(by, "actors.member_added", group, membership=membership.pk, role=role)
    return membership


def end_membership(*, by, membership: GroupMembership, end: date | None = None) -> GroupMembership:
    """End a seat; the seat stays in the group's history."""
    _require(rules.can_manage_groups, by, membership.group)
    end = end or timezone.localdate()
    with transaction.atomic():
        m = GroupMembership.objects.select_for_update().get(pk=membership.pk)
        if m.end_date is not None and m.end_date <= timezone.localdate():
            raise InvalidTransition(_("This seat has already ended."))
        if end < m.start_date:
            raise DomainError(_("The end cannot lie before the start."), field="end_date")
        m.end_date = end
        m.save(update_fields=["end_date"])
        audit.record(by, "actors.member_ended", m.group, membership=m.pk)
    return m


# --- Consent and privacy -------------------------------------------------------------------------------


def withdraw_token(person: Person) -> str:
    return signing.dumps({"p": person.pk}, salt=WITHDRAW_SALT)


def withdraw_url(person: Person) -> str:
    """The one-click withdrawal link that goes into every e-mail sent to a person."""
    return settings.SITE_URL + reverse("actors:withdraw", args=[withdraw_token(person)])


def person_for_withdraw_token(token: str) -> Person | None:
    try:
        data = signing.loads(token, salt=WITHDRAW_SALT)
    except signing.BadSignature:
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
    _require(rules.can_record_consent, by, person)
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
    _require(rules.can_export_person, by, person)
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

    _require(rules.can_erase_person, by, person)
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
    sent = 0
    for org in orgs[:500]:
        with transaction.atomic():
            reps = Representation.objects.filter(
                organisation=org, status=Representation.Status.APPROVED, user__is_active=True
            ).select_related("user")
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
            Organisation.objects.filter(pk=org.pk).update(review_reminded_at=now)
    return sent


# --- Volunteering --------------------------------------------------------------------------------------


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
    _require(rules.can_record_engagement, by, quarter)
    if person.quarter_id and person.quarter_id != quarter.pk:
        _require(rules.can_record_engagement, by, person)
    if person.anonymised_at:
        raise InvalidTransition(_("This person has been anonymised."))
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
    _require(rules.can_sign_certificate, by, engagement)
    with transaction.atomic():
        e = VolunteerEngagement.objects.select_for_update().get(pk=engagement.pk)
        if e.status != VolunteerEngagement.Status.RECORDED:
            raise InvalidTransition(_("This certificate has already been signed."))
        e.status = VolunteerEngagement.Status.CERTIFIED
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
