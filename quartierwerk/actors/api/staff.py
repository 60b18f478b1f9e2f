"""Staff endpoints for organisations: create, verify, list and search a quarter's directory."""

from django.shortcuts import get_object_or_404
from ninja import Query, Status

from quartierwerk.core.api_auth import AUTH_REQUIRED, api_user
from quartierwerk.core.errors import require

from .. import rules, selectors, services
from ..models import Organisation
from .common import _org_data, _paged, _quarter, _staff_org, router
from .schemas import CreateOrganisationIn, Paged, PageIn, StaffOrganisationOut


@router.post("/organisations", response={201: StaffOrganisationOut}, auth=AUTH_REQUIRED)
def create_organisation(request, payload: CreateOrganisationIn):
    user = api_user(request)
    quarter = _quarter(payload.quarter)
    require(rules.can_manage_actors(user, quarter))
    org = services.create_organisation(by=user, quarter=quarter, data=_org_data(payload))
    return Status(201, _staff_org(org))


@router.post("/organisations/{org_id}/verify", response=StaffOrganisationOut, auth=AUTH_REQUIRED)
def verify_organisation(request, org_id: int):
    user = api_user(request)
    org = get_object_or_404(Organisation.objects.select_related("quarter"), pk=org_id)
    require(rules.can_verify_organisation(user, org))
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
    require(rules.can_read_actors(api_user(request), quarter))
    flt = selectors.DirectoryFilter.from_params(params.dict(), staff=True)
    qs = selectors.staff_organisations(quarter, flt).select_related("quarter")
    return _paged(request, qs, params, _staff_org)


@router.get("/staff/search", auth=AUTH_REQUIRED, summary="Search organisations, persons and groups")
def staff_search(request, quarter: str, q: str):
    qtr = _quarter(quarter)
    require(rules.can_read_actors(api_user(request), qtr))
    found = selectors.staff_search(qtr, q)
    return {
        "organisations": [{"id": o.pk, "name": o.name, "status": o.status} for o in found["organisations"]],
        "persons": [
            {"id": p.pk, "name": str(p), "withdrawn": p.withdrawn_at is not None} for p in found["persons"]
        ],
        "groups": [{"id": g.pk, "name": g.name, "kind": g.kind} for g in found["groups"]],
    }
