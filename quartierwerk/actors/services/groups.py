"""Groups (networks, committees, award teams) and their seats."""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, require
from quartierwerk.core.models import Quarter

from .. import rules
from ..models import (
    Group,
    GroupMembership,
    Organisation,
    Person,
)
from .cleaning import _valid_email, plain, plain_field, unique_slug


def create_group(
    *, by, quarter: Quarter, name: str, kind: str, purpose: str = "", is_public=True, **extra
) -> Group:
    require(rules.can_manage_groups(by, quarter))
    name = plain_field("name", name)
    if not name:
        raise DomainError(_("A name is required."), field="name")
    if kind not in Group.Kind.values:
        raise DomainError(_("Choose a valid kind."), field="kind")
    with transaction.atomic():
        group = Group.objects.create(
            quarter=quarter,
            city_id=quarter.city_id,
            name=name,
            slug=unique_slug(Group, quarter, name),
            kind=kind,
            purpose=plain(purpose),
            is_public=bool(is_public),
            meeting_rhythm=plain_field("meeting_rhythm", extra.get("meeting_rhythm", "")),
            contact_email=_valid_email(extra.get("contact_email")),
        )
        audit.record(by, "actors.group_created", group, name=name, kind=kind)
    return group


def update_group(*, by, group: Group, data: dict) -> Group:
    require(rules.can_manage_groups(by, group))
    with transaction.atomic():
        group = Group.objects.select_for_update().get(pk=group.pk)
        for key in ("name", "purpose", "meeting_rhythm"):
            if key in data:
                setattr(group, key, plain_field(key, data[key]))
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
    require(rules.can_manage_groups(by, group))
    if (person is None) == (organisation is None):
        raise DomainError(_("Choose either a person or an organisation."), field="person")
    if role not in GroupMembership.Role.values:
        raise DomainError(_("Choose a valid role."), field="role")
    member = person or organisation
    if member.quarter_id and group.quarter_id and member.quarter_id != group.quarter_id:
        require(rules.can_manage_actors(by, member))
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
    require(rules.can_manage_groups(by, membership.group))
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
