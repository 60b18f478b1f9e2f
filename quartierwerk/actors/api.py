"""JSON API of the actors module, mounted under /api/v1/actors/.

Public endpoints return only what an organisation made public; the staff endpoints ask the same rules as
the staff pages. Lists are paginated (`page`, `page_size` ≤ 100) and cost a fixed number of queries.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from quartierwerk.core.api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user
from quartierwerk.core.limits import TEXT_MAX, Code, Codes, Email, Id, Latitude, Longitude, Tags, Token
from quartierwerk.core.models import Quarter
from quartierwerk.core.params import page_of

from . import rules, selectors, services
from .models import Consent, Group, GroupMembership, Organisation, Person, VolunteerEngagement

router = Router(tags=["actors"])
MAX_PAGE_SIZE = 100


class PageIn(Schema):
    page: int = 1
    page_size: int = 25


class DirectoryQuery(PageIn):
    quarter: str | None = None
    q: str = ""
    kind: str = ""
    topic: str = ""
    language: str = ""
    offer: str = ""


class OrganisationOut(Schema):
    """The public view of an organisation: optional details only when the organisation published them."""

    id: int
    name: str
    slug: str
    quarter: str | None
    kind: str
    kind_label: str
    description: str
    topics: list[str]
    languages: list[str]
    offers: list[str]
    address: str | None = None
    lat: float | None = None
    lon: float | None = None
    opening_hours: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    accessibility: str | None = None
    wheelchair_accessible: bool | None = None
    url: str


class StaffOrganisationOut(Schema):
    id: int
    name: str
    slug: str
    quarter: str | None
    kind: str
    status: str
    is_public: bool
    description: str
    topics: list[str]
    languages: list[str]
    offers: list[str]
    street: str
    postcode: str
    town: str
    lat: float | None
    lon: float | None
    opening_hours: str
    email: str
    phone: str
    website: str
    accessibility: str
    wheelchair_accessible: bool
    public_fields: list[str]
    # The office's own fields: present only in answers to staff (see `_org_for`).
    internal_note: str | None = None
    tags: list[str] | None = None


class Paged(Schema):
    count: int
    page: int
    page_size: int
    results: list


class OrganisationIn(Schema):
    name: str | None = Field(None, max_length=200)
    kind: Code | None = None
    description: str | None = Field(None, max_length=TEXT_MAX)
    topics: Codes | None = None
    languages: Codes | None = None
    offers: Codes | None = None
    street: str | None = Field(None, max_length=200)
    postcode: str | None = Field(None, max_length=10)
    town: str | None = Field(None, max_length=120)
    lat: Latitude | None = None
    lon: Longitude | None = None
    opening_hours: str | None = Field(None, max_length=2000)
    email: Email | None = None
    phone: str | None = Field(None, max_length=60)
    website: str | None = Field(None, max_length=200)
    accessibility: str | None = Field(None, max_length=2000)
    wheelchair_accessible: bool | None = None
    public_fields: Codes | None = None
    is_public: bool | None = None
    internal_note: str | None = Field(None, max_length=TEXT_MAX)
    tags: Tags | None = None


class OrganisationRegistrationIn(OrganisationIn):
    quarter: Code
    name: str = Field(..., max_length=200)
    message: str = Field("", max_length=2000)


class CreateOrganisationIn(OrganisationIn):
    quarter: Code
    name: str = Field(..., max_length=200)


class MessageIn(Schema):
    message: str = Field("", max_length=2000)


class GroupOut(Schema):
    id: int
    name: str
    slug: str
    quarter: str | None
    kind: str
    purpose: str
    meeting_rhythm: str


class MemberOut(Schema):
    id: int
    role: str
    start_date: date
    end_date: date | None
    organisation: str | None
    organisation_id: int | None
    person: str | None


class GroupDetailOut(GroupOut):
    members: list[MemberOut]


class GroupIn(Schema):
    quarter: Code
    name: str = Field(..., max_length=200)
    kind: Code = Group.Kind.WORKING_GROUP
    purpose: str = Field("", max_length=TEXT_MAX)
    is_public: bool = True
    meeting_rhythm: str = Field("", max_length=200)
    contact_email: Email = ""


class MemberIn(Schema):
    role: Code = GroupMembership.Role.MEMBER
    person_id: Id | None = None
    organisation_id: Id | None = None
    start_date: date | None = None


class EndIn(Schema):
    end_date: date | None = None


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    role_title: str
    quarter: str | None
    withdrawn: bool
    anonymised: bool


class PersonIn(Schema):
    quarter: Code
    first_name: str = Field("", max_length=120)
    last_name: str = Field("", max_length=120)
    email: Email = ""
    phone: str = Field("", max_length=60)
    role_title: str = Field("", max_length=160)
    languages: Codes = []
    tags: Tags = []
    public_fields: Codes = []


class ConsentIn(Schema):
    basis: Code
    purposes: Codes
    text: str = Field("", max_length=TEXT_MAX)
    source: Code
    valid_until: date | None = None


class ConsentOut(Schema):
    id: int
    basis: str
    purposes: list[str]
    source: str
    given_at: str
    valid_until: date | None
    withdrawn_at: str | None


class TokenIn(Schema):
    token: Token


class EngagementIn(Schema):
    quarter: Code
    person_id: Id
    organisation_id: Id | None = None
    activity: str = Field(..., max_length=2000)
    hours: float = Field(..., gt=0, le=10000)
    start_date: date
    end_date: date


class EngagementOut(Schema):
    id: int
    person_id: int
    person: str
    organisation: str | None
    activity: str
    hours: Decimal
    start_date: date
    end_date: date
    status: str
    signed_name: str


def _paged(request, qs, params: PageIn, serialise) -> dict:
    return page_of(
        qs, page=params.page, page_size=params.page_size, max_size=MAX_PAGE_SIZE, serialise=serialise
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
        "description": o.description,
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


def _require(rule, user, target):
    if not rule(user, target):
        raise PermissionDenied


# --- Public directory ----------------------------------------------------------------------------------


@router.get("/organisations", response=Paged, auth=AUTH_OPTIONAL, summary="Public directory (paginated)")
def list_organisations(request, params: Query[DirectoryQuery]):
    flt = selectors.DirectoryFilter.from_params(params.dict())
    qs = selectors.public_organisations(_quarter(params.quarter), flt)
    return _paged(request, qs, params, _public_org)


@router.get("/organisations.geojson", auth=AUTH_OPTIONAL, summary="Directory map (GeoJSON)")
def organisations_geojson(request, params: Query[DirectoryQuery]):
    import json

    flt = selectors.DirectoryFilter.from_params(params.dict())
    data = selectors.directory_geojson(_quarter(params.quarter), flt)
    return HttpResponse(json.dumps(data), content_type="application/geo+json")


# Declared before "/organisations/{org_id}": the first route whose path matches answers (else 405).
@router.post(
    "/organisations/register", response={201: StaffOrganisationOut}, auth=AUTH_REQUIRED, exclude_unset=True
)
def register_organisation(request, payload: OrganisationRegistrationIn):
    data = _org_data(payload)
    data.pop("internal_note", None)
    data.pop("tags", None)
    user = api_user(request)
    org = services.register_organisation(
        by=user, quarter=_quarter(payload.quarter), data=data, message=payload.message
    )
    return Status(201, _org_for(user, org))


@router.get(
    "/organisations/{org_id}", response=OrganisationOut, auth=AUTH_OPTIONAL, summary="One public entry"
)
def get_organisation(request, org_id: int):
    return _public_org(get_object_or_404(selectors.public_organisations(), pk=org_id))


@router.get("/groups", response=Paged, auth=AUTH_OPTIONAL, summary="Public groups (paginated)")
def list_groups(request, params: Query[DirectoryQuery]):
    qs = selectors.public_groups(_quarter(params.quarter)).order_by("name", "pk")
    return _paged(request, qs, params, _group)


@router.get(
    "/groups/{group_id}", response=GroupDetailOut, auth=AUTH_OPTIONAL, summary="A group and its members"
)
def get_group(request, group_id: int):
    user = api_user(request)
    group = get_object_or_404(Group.objects.select_related("quarter"), pk=group_id)
    staff = rules.can_read_actors(user, group)
    if not group.is_public and not staff:
        raise HttpError(404, "Not found.")
    data = _group(group)
    data["members"] = [
        _member(m) for m in selectors.group_members(group, public=not staff, include_ended=staff)
    ]
    return data


@router.post("/withdraw", auth=AUTH_OPTIONAL, summary="Withdraw every consent with the token from an e-mail")
def withdraw(request, payload: TokenIn):
    person = services.person_for_withdraw_token(payload.token)
    if person is None:
        raise HttpError(400, "The link is not valid.")
    services.withdraw_consent(person=person, via="api")
    return {"withdrawn": True}


# --- Self-service --------------------------------------------------------------------------------------


def _org_data(payload: OrganisationIn) -> dict:
    return {k: v for k, v in payload.dict(exclude_unset=True).items() if k in OrganisationIn.model_fields}


@router.post("/organisations/{org_id}/claim", response={201: dict}, auth=AUTH_REQUIRED)
def claim_organisation(request, org_id: int, payload: MessageIn):
    org = get_object_or_404(selectors.public_organisations(), pk=org_id)
    rep = services.claim_organisation(by=api_user(request), organisation=org, message=payload.message)
    return Status(201, {"id": rep.pk, "status": rep.status})


@router.patch(
    "/organisations/{org_id}", response=StaffOrganisationOut, auth=AUTH_REQUIRED, exclude_unset=True
)
def update_organisation(request, org_id: int, payload: OrganisationIn):
    user = api_user(request)
    org = get_object_or_404(Organisation.objects.select_related("quarter"), pk=org_id)
    _require(rules.can_edit_organisation, user, org)
    org = services.update_organisation(by=user, organisation=org, data=_org_data(payload))
    return _org_for(user, org)


# --- Staff ---------------------------------------------------------------------------------------------


@router.post("/organisations", response={201: StaffOrganisationOut}, auth=AUTH_REQUIRED)
def create_organisation(request, payload: CreateOrganisationIn):
    user = api_user(request)
    quarter = _quarter(payload.quarter)
    _require(rules.can_manage_actors, user, quarter)
    org = services.create_organisation(by=user, quarter=quarter, data=_org_data(payload))
    return Status(201, _staff_org(org))


@router.post("/organisations/{org_id}/verify", response=StaffOrganisationOut, auth=AUTH_REQUIRED)
def verify_organisation(request, org_id: int):
    user = api_user(request)
    org = get_object_or_404(Organisation.objects.select_related("quarter"), pk=org_id)
    _require(rules.can_verify_organisation, user, org)
    return _staff_org(services.verify_organisation(by=user, organisation=org))


class StaffQuery(PageIn):
    quarter: str
    q: str = ""
    kind: str = ""
    topic: str = ""
    language: str = ""
    offer: str = ""
    tag: str = ""
    status: str = ""


@router.get("/staff/organisations", response=Paged, auth=AUTH_REQUIRED, summary="All entries of a quarter")
def staff_organisations(request, params: Query[StaffQuery]):
    quarter = _quarter(params.quarter)
    _require(rules.can_read_actors, api_user(request), quarter)
    flt = selectors.DirectoryFilter.from_params(params.dict(), staff=True)
    qs = selectors.staff_organisations(quarter, flt).select_related("quarter")
    return _paged(request, qs, params, _staff_org)


@router.get("/staff/search", auth=AUTH_REQUIRED, summary="Search organisations, persons and groups")
def staff_search(request, quarter: str, q: str):
    qtr = _quarter(quarter)
    _require(rules.can_read_actors, api_user(request), qtr)
    found = selectors.staff_search(qtr, q)
    return {
        "organisations": [{"id": o.pk, "name": o.name, "status": o.status} for o in found["organisations"]],
        "persons": [
            {"id": p.pk, "name": str(p), "withdrawn": p.withdrawn_at is not None} for p in found["persons"]
        ],
        "groups": [{"id": g.pk, "name": g.name, "kind": g.kind} for g in found["groups"]],
    }


class PersonQuery(PageIn):
    quarter: str
    q: str = ""


@router.get("/persons", response=Paged, auth=AUTH_REQUIRED, summary="Persons of a quarter (staff)")
def list_persons(request, params: Query[PersonQuery]):
    from . import search

    quarter = _quarter(params.quarter)
    _require(rules.can_read_actors, api_user(request), quarter)
    qs = Person.objects.filter(quarter=quarter, merged_into__isnull=True).select_related("quarter")
    qs = search.matching(qs, params.q).order_by("last_name", "first_name", "pk")
    return _paged(request, qs, params, _person)


@router.post("/persons", response={201: PersonOut}, auth=AUTH_REQUIRED)
def create_person(request, payload: PersonIn):
    user = api_user(request)
    quarter = _quarter(payload.quarter)
    _require(rules.can_manage_actors, user, quarter)
    data = payload.dict()
    data.pop("quarter")
    return Status(201, _person(services.create_person(by=user, quarter=quarter, data=data)))


def _staff_person(request, person_id, rule=rules.can_read_actors) -> Person:
    person = get_object_or_404(Person.objects.select_related("quarter"), pk=person_id)
    _require(rule, api_user(request), person)
    return person


@router.get("/persons/{person_id}", response=PersonOut, auth=AUTH_REQUIRED)
def get_person(request, person_id: int):
    return _person(_staff_person(request, person_id))


class PersonPatch(Schema):
    first_name: str | None = Field(None, max_length=120)
    last_name: str | None = Field(None, max_length=120)
    email: Email | None = None
    phone: str | None = Field(None, max_length=60)
    role_title: str | None = Field(None, max_length=160)
    languages: Codes | None = None
    tags: Tags | None = None
    internal_note: str | None = Field(None, max_length=TEXT_MAX)
    public_fields: Codes | None = None


@router.patch("/persons/{person_id}", response=PersonOut, auth=AUTH_REQUIRED)
def update_person(request, person_id: int, payload: PersonPatch):
    person = _staff_person(request, person_id, rules.can_manage_actors)
    data = payload.dict(exclude_unset=True)
    return _person(services.update_person(by=api_user(request), person=person, data=data))


class RelationshipIn(Schema):
    organisation_id: Id
    kind: Code
    start_date: date | None = None
    is_public: bool = False


class RelationshipOut(Schema):
    id: int
    person_id: int
    organisation_id: int
    kind: str
    start_date: date
    end_date: date | None
    is_public: bool


def _relationship(r) -> dict:
    return {f: getattr(r, f) for f in RelationshipOut.model_fields}


@router.get("/persons/{person_id}/relationships", response=list[RelationshipOut], auth=AUTH_REQUIRED)
def list_relationships(request, person_id: int):
    person = _staff_person(request, person_id)
    return [_relationship(r) for r in person.relationships.all()]


@router.post("/persons/{person_id}/relationships", response={201: RelationshipOut}, auth=AUTH_REQUIRED)
def add_relationship(request, person_id: int, payload: RelationshipIn):
    person = _staff_person(request, person_id, rules.can_manage_actors)
    org = get_object_or_404(Organisation, pk=payload.organisation_id)
    rel = services.add_relationship(
        by=api_user(request),
        person=person,
        organisation=org,
        kind=payload.kind,
        start=payload.start_date,
        is_public=payload.is_public,
    )
    return Status(201, _relationship(rel))


@router.post("/relationships/{relationship_id}/end", response=RelationshipOut, auth=AUTH_REQUIRED)
def end_relationship(request, relationship_id: int, payload: EndIn):
    from .models import Relationship

    rel = get_object_or_404(Relationship.objects.select_related("organisation"), pk=relationship_id)
    _require(rules.can_manage_actors, api_user(request), rel.organisation)
    return _relationship(
        services.end_relationship(by=api_user(request), relationship=rel, end=payload.end_date)
    )


class ActivityIn(Schema):
    kind: Code = "note"
    text: str = Field(..., max_length=5000)
    on_date: date | None = None
    organisation_id: Id | None = None
    person_id: Id | None = None


@router.post("/activities", response={201: dict}, auth=AUTH_REQUIRED)
def add_activity(request, payload: ActivityIn):
    org = get_object_or_404(Organisation, pk=payload.organisation_id) if payload.organisation_id else None
    person = get_object_or_404(Person, pk=payload.person_id) if payload.person_id else None
    activity = services.add_activity(
        by=api_user(request),
        kind=payload.kind,
        text=payload.text,
        on_date=payload.on_date,
        organisation=org,
        person=person,
    )
    return Status(201, {"id": activity.pk, "kind": activity.kind, "date": activity.date.isoformat()})


@router.get("/persons/{person_id}/consents", response=list[ConsentOut], auth=AUTH_REQUIRED)
def list_consents(request, person_id: int):
    person = _staff_person(request, person_id)
    return [
        {
            "id": c.pk,
            "basis": c.basis,
            "purposes": c.purposes,
            "source": c.source,
            "given_at": c.given_at.isoformat(),
            "valid_until": c.valid_until,
            "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
        }
        for c in Consent.objects.filter(person=person)
    ]


@router.post("/persons/{person_id}/consents", response={201: dict}, auth=AUTH_REQUIRED)
def record_consent(request, person_id: int, payload: ConsentIn):
    person = _staff_person(request, person_id, rules.can_record_consent)
    consent = services.record_consent(by=api_user(request), person=person, **payload.dict())
    return Status(201, {"id": consent.pk})


@router.get("/persons/{person_id}/export", auth=AUTH_REQUIRED, summary="Everything stored about a person")
def export_person(request, person_id: int):
    person = get_object_or_404(Person, pk=person_id)
    _require(rules.can_export_person, api_user(request), person)
    return services.export_person_data(by=api_user(request), person=person)


@router.post("/persons/{person_id}/erase", response=PersonOut, auth=AUTH_REQUIRED)
def erase_person(request, person_id: int):
    person = _staff_person(request, person_id, rules.can_erase_person)
    return _person(services.erase_person(by=api_user(request), person=person))


@router.post("/groups", response={201: GroupOut}, auth=AUTH_REQUIRED)
def create_group(request, payload: GroupIn):
    user = api_user(request)
    quarter = _quarter(payload.quarter)
    _require(rules.can_manage_groups, user, quarter)
    data = payload.dict()
    data.pop("quarter")
    return Status(201, _group(services.create_group(by=user, quarter=quarter, **data)))


@router.post("/groups/{group_id}/members", response={201: MemberOut}, auth=AUTH_REQUIRED)
def add_member(request, group_id: int, payload: MemberIn):
    user = api_user(request)
    group = get_object_or_404(Group, pk=group_id)
    _require(rules.can_manage_groups, user, group)
    person = get_object_or_404(Person, pk=payload.person_id) if payload.person_id else None
    org = get_object_or_404(Organisation, pk=payload.organisation_id) if payload.organisation_id else None
    m = services.add_member(
        by=user, group=group, role=payload.role, person=person, organisation=org, start=payload.start_date
    )
    return Status(201, _member(m))


@router.post("/memberships/{membership_id}/end", response=MemberOut, auth=AUTH_REQUIRED)
def end_membership(request, membership_id: int, payload: EndIn):
    user = api_user(request)
    m = get_object_or_404(GroupMembership.objects.select_related("group"), pk=membership_id)
    _require(rules.can_manage_groups, user, m.group)
    return _member(services.end_membership(by=user, membership=m, end=payload.end_date))


class EngagementQuery(PageIn):
    quarter: str


@router.get("/engagements", response=Paged, auth=AUTH_REQUIRED, summary="Volunteer engagement (staff)")
def list_engagements(request, params: Query[EngagementQuery]):
    quarter = _quarter(params.quarter)
    _require(rules.can_read_actors, api_user(request), quarter)
    qs = VolunteerEngagement.objects.filter(quarter=quarter).select_related("person", "organisation")
    return _paged(request, qs, params, _engagement)


@router.post("/engagements", response={201: EngagementOut}, auth=AUTH_REQUIRED)
def record_engagement(request, payload: EngagementIn):
    user = api_user(request)
    quarter = _quarter(payload.quarter)
    _require(rules.can_record_engagement, user, quarter)
    person = get_object_or_404(Person, pk=payload.person_id, quarter=quarter)
    org = get_object_or_404(Organisation, pk=payload.organisation_id) if payload.organisation_id else None
    e = services.record_engagement(
        by=user,
        quarter=quarter,
        person=person,
        organisation=org,
        activity=payload.activity,
        hours=payload.hours,
        start=payload.start_date,
        end=payload.end_date,
    )
    return Status(201, _engagement(e))


@router.post("/engagements/{engagement_id}/sign", response=EngagementOut, auth=AUTH_REQUIRED)
def sign_engagement(request, engagement_id: int):
    user = api_user(request)
    e = get_object_or_404(
        VolunteerEngagement.objects.select_related("person", "organisation"), pk=engagement_id
    )
    _require(rules.can_sign_certificate, user, e)
    return _engagement(services.sign_engagement(by=user, engagement=e))
