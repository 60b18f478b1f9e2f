"""Public directory endpoints and self-service (register, claim, edit one's own entry)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Status
from ninja.errors import HttpError

from quartierwerk.core.api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user
from quartierwerk.core.errors import require
from quartierwerk.core.mapgrid import MapView
from quartierwerk.core.schemas import MapViewQuery

from .. import rules, selectors, services
from ..models import Group, Organisation
from .common import _group, _member, _org_data, _org_for, _paged, _public_org, _quarter, router
from .schemas import (
    DirectoryQuery,
    GroupDetailOut,
    MessageIn,
    OrganisationIn,
    OrganisationOut,
    OrganisationRegistrationIn,
    Paged,
    StaffOrganisationOut,
    TokenIn,
)


@router.get("/organisations", response=Paged, auth=AUTH_OPTIONAL, summary="Public directory (paginated)")
def list_organisations(request, params: Query[DirectoryQuery]):
    flt = selectors.DirectoryFilter.from_params(params.dict())
    qs = selectors.public_organisations(_quarter(params.quarter), flt)
    return _paged(request, qs, params, _public_org)


@router.get(
    "/organisations.geojson",
    auth=AUTH_OPTIONAL,
    summary="Directory map (GeoJSON) of one view: bbox=west,south,east,north and zoom; clusters below "
    "zoom 15, else at most 500 points",
)
def organisations_geojson(request, params: Query[DirectoryQuery], view: Query[MapViewQuery]):
    import json

    flt = selectors.DirectoryFilter.from_params(params.dict())
    data = selectors.directory_geojson(
        _quarter(params.quarter), flt, MapView.from_params(view.dict(exclude_none=True))
    )
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
    require(rules.can_edit_organisation(user, org))
    org = services.update_organisation(by=user, organisation=org, data=_org_data(payload))
    return _org_for(user, org)
