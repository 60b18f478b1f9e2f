"""Merging duplicate organisations and persons: every row in any module that points at the duplicate moves."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import DomainError, InvalidTransition, require

from .. import rules
from ..models import (
    ContactActivity,
    Organisation,
    Person,
    Representation,
)
from ..workflows import ORGANISATION
from .cleaning import ORGANISATION_FIELDS, _clean_tags


def merge_organisations(*, by, keep: Organisation, duplicate: Organisation) -> Organisation:
    """Merge a duplicate into `keep`: every row pointing at the duplicate (in any module) moves over, empty
    fields are filled from it, the duplicate stays as a 'merged' record pointing at the one kept."""
    require(rules.can_merge(by, keep))
    require(rules.can_merge(by, duplicate))
    if keep.pk == duplicate.pk:
        raise DomainError(_("Choose two different entries."))
    with transaction.atomic():
        keep, duplicate = (
            Organisation.objects.select_for_update().get(pk=keep.pk),
            Organisation.objects.select_for_update().get(pk=duplicate.pk),
        )
        for entry in (keep, duplicate):
            ORGANISATION.check(by, entry, "merge", message=_("One of the entries was already merged."))
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
        duplicate.status = ORGANISATION.target(duplicate, "merge")
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
    require(rules.can_merge(by, keep))
    require(rules.can_merge(by, duplicate))
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
