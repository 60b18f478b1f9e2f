"""Staff endpoints for persons: records, relationships, notes, consent, export and erasure."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema, Status

from quartierwerk.core.api_auth import AUTH_REQUIRED, api_user
from quartierwerk.core.errors import require
from quartierwerk.core.limits import TEXT_MAX, Code, Codes, Email, Id, Tags

from .. import rules, services
from ..models import Consent, Organisation, Person
from .common import _paged, _person, _quarter, router
from .schemas import ConsentIn, ConsentOut, EndIn, Paged, PageIn, PersonIn, PersonOut


class PersonQuery(PageIn):
    quarter: str
    q: str = ""


@router.get("/persons", response=Paged, auth=AUTH_REQUIRED, summary="Persons of a quarter (staff)")
def list_persons(request, params: Query[PersonQuery]):
    from .. import search

    quarter = _quarter(params.quarter)
    require(rules.can_read_actors(api_user(request), quarter))
    qs = Person.objects.filter(quarter=quarter, merged_into__isnull=True).select_related("quarter")
    qs = search.matching(qs, params.q).order_by("last_name", "first_name", "pk")
    return _paged(request, qs, params, _person, key="last_name")


@router.post("/persons", response={201: PersonOut}, auth=AUTH_REQUIRED)
def create_person(request, payload: PersonIn):
    user = api_user(request)
    quarter = _quarter(payload.quarter)
    require(rules.can_manage_actors(user, quarter))
    data = payload.dict()
    data.pop("quarter")
    return Status(201, _person(services.create_person(by=user, quarter=quarter, data=data)))


def _staff_person(request, person_id, rule=rules.can_read_actors) -> Person:
    person = get_object_or_404(Person.objects.select_related("quarter"), pk=person_id)
    require(rule(api_user(request), person))
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
    from ..models import Relationship

    rel = get_object_or_404(Relationship.objects.select_related("organisation"), pk=relationship_id)
    require(rules.can_manage_actors(api_user(request), rel.organisation))
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
    require(rules.can_export_person(api_user(request), person))
    return services.export_person_data(by=api_user(request), person=person)


@router.post("/persons/{person_id}/erase", response=PersonOut, auth=AUTH_REQUIRED)
def erase_person(request, person_id: int):
    person = _staff_person(request, person_id, rules.can_erase_person)
    return _person(services.erase_person(by=api_user(request), person=person))
