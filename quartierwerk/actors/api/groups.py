"""Staff endpoints for groups and their seats, and for volunteer engagement."""

from django.shortcuts import get_object_or_404
from ninja import Query, Status

from quartierwerk.core.api_auth import AUTH_REQUIRED, api_user
from quartierwerk.core.errors import require

from .. import rules, services
from ..models import Group, GroupMembership, Organisation, Person, VolunteerEngagement
from .common import _engagement, _group, _member, _paged, _quarter, router
from .schemas import EndIn, EngagementIn, EngagementOut, GroupIn, GroupOut, MemberIn, MemberOut, Paged, PageIn


@router.post("/groups", response={201: GroupOut}, auth=AUTH_REQUIRED)
def create_group(request, payload: GroupIn):
    user = api_user(request)
    quarter = _quarter(payload.quarter)
    require(rules.can_manage_groups(user, quarter))
    data = payload.dict()
    data.pop("quarter")
    return Status(201, _group(services.create_group(by=user, quarter=quarter, **data)))


@router.post("/groups/{group_id}/members", response={201: MemberOut}, auth=AUTH_REQUIRED)
def add_member(request, group_id: int, payload: MemberIn):
    user = api_user(request)
    group = get_object_or_404(Group, pk=group_id)
    require(rules.can_manage_groups(user, group))
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
    require(rules.can_manage_groups(user, m.group))
    return _member(services.end_membership(by=user, membership=m, end=payload.end_date))


class EngagementQuery(PageIn):
    quarter: str


@router.get("/engagements", response=Paged, auth=AUTH_REQUIRED, summary="Volunteer engagement (staff)")
def list_engagements(request, params: Query[EngagementQuery]):
    quarter = _quarter(params.quarter)
    require(rules.can_read_actors(api_user(request), quarter))
    qs = VolunteerEngagement.objects.filter(quarter=quarter).select_related("person", "organisation")
    return _paged(request, qs, params, _engagement, key="start_date", descending=True)


@router.post("/engagements", response={201: EngagementOut}, auth=AUTH_REQUIRED)
def record_engagement(request, payload: EngagementIn):
    user = api_user(request)
    quarter = _quarter(payload.quarter)
    require(rules.can_record_engagement(user, quarter))
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
    require(rules.can_sign_certificate(user, e))
    return _engagement(services.sign_engagement(by=user, engagement=e))
