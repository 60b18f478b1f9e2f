"""The actors API router and what its endpoints share: paging, the quarter from a slug, serialisers."""

from django.core.exceptions import FieldDoesNotExist
from django.shortcuts import get_object_or_404
from ninja import Router

from quartierwerk.core import api_pages, multilingual
from quartierwerk.core.models import Quarter

from .. import rules, selectors
from ..models import Group, GroupMembership, Organisation, Person, VolunteerEngagement
from .schemas import MAX_PAGE_SIZE, OrganisationIn, PageIn, StaffOrganisationOut

router = Router(tags=["actors"])


def _paged(request, qs, params: PageIn, serialise, *, key: str = "name", descending: bool = False) -> dict:
    """One page by cursor, ordered by (`key`, id); the deprecated `page` still answered (core/api_pages.py)."""
    return api_pages.cursor_page(
        qs, request=request, key=key, serialise=serialise, descending=descending, max_size=MAX_PAGE_SIZE
    )


def _quarter(slug: str | None) -> Quarter | None:
    if not slug:
        return None
    return get_object_or_404(Quarter, slug=slug, is_active=True)


def _public_org(o: Organisation) -> dict:
    data = {
        "id": o.pk,
        "name": o.name,
        "slug": o.slug,
        "quarter": o.quarter.slug if o.quarter_id else None,
        "kind": o.kind,
        "kind_label": str(o.get_kind_display()),
        # In the caller's language where it was entered, else as written; and which language that is.
        "description": str(description := multilingual.pick(o, "description")),
        "description_language": description.lang,
        "topics": o.topics,
        "languages": o.languages,
        "offers": o.offers,
        "url": selectors.public_url(o),
    }
    if o.shows("address"):
        data["address"] = o.address
    if o.shows("location"):
        data["lat"], data["lon"] = o.lat, o.lon
    for name in ("opening_hours", "email", "phone", "website"):
        if o.shows(name):
            data[name] = getattr(o, name)
    if o.shows("accessibility"):
        data["accessibility"] = o.accessibility
        data["wheelchair_accessible"] = o.wheelchair_accessible
    return data


STAFF_ONLY_ORGANISATION_FIELDS = ("internal_note", "tags")


def _staff_org(o: Organisation) -> dict:
    data = {f: getattr(o, f) for f in StaffOrganisationOut.model_fields if f != "quarter"}
    data["quarter"] = o.quarter.slug if o.quarter_id else None
    return data


def _org_for(user, o: Organisation) -> dict:
    """The entry as the caller may see it: the office's internal fields only for the office."""
    data = _staff_org(o)
    if not rules.can_see_notes(user, o):
        for name in STAFF_ONLY_ORGANISATION_FIELDS:
            data.pop(name)
    return data


def _person(p: Person) -> dict:
    return {
        "id": p.pk,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "email": p.email,
        "phone": p.phone,
        "role_title": p.role_title,
        "quarter": p.quarter.slug if p.quarter_id else None,
        "withdrawn": p.withdrawn_at is not None,
        "anonymised": p.anonymised_at is not None,
    }


def _member(m: GroupMembership) -> dict:
    return {
        "id": m.pk,
        "role": m.role,
        "start_date": m.start_date,
        "end_date": m.end_date,
        "organisation": m.organisation.name if m.organisation_id else None,
        "organisation_id": m.organisation_id,
        "person": str(m.person) if m.person_id else None,
    }


def _group(g: Group) -> dict:
    return {
        "id": g.pk,
        "name": g.name,
        "slug": g.slug,
        "quarter": g.quarter.slug if g.quarter_id else None,
        "kind": g.kind,
        "purpose": g.purpose,
        "meeting_rhythm": g.meeting_rhythm,
    }


def _engagement(e: VolunteerEngagement) -> dict:
    return {
        "id": e.pk,
        "person_id": e.person_id,
        "person": str(e.person),
        "organisation": e.organisation.name if e.organisation_id else None,
        "activity": e.activity,
        "hours": e.hours,
        "start_date": e.start_date,
        "end_date": e.end_date,
        "status": e.status,
        "signed_name": e.signed_name,
    }


def _nullable(name: str) -> bool:
    try:
        return Organisation._meta.get_field(name).null
    except FieldDoesNotExist:  # a field of the request only, not a column
        return True


def _org_data(payload: OrganisationIn) -> dict:
    """The fields the client sent; an explicit null for a column that cannot be empty counts as not sent."""
    data = payload.dict(exclude_unset=True)
    return {
        k: v for k, v in data.items() if k in OrganisationIn.model_fields and (v is not None or _nullable(k))
    }
