"""JSON API of the data-protection request log: the same rules as the staff pages."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from . import rules, selectors, services
from .api_auth import AUTH_REQUIRED, api_user
from .limits import Email, Line, Text
from .models import Quarter, SubjectRequest

router = Router(tags=["data protection"])


class SubjectRequestIn(Schema):
    kind: SubjectRequest.Kind
    channel: SubjectRequest.Channel
    subject_name: Line
    subject_email: Email = ""
    subject_address: Line = ""
    received_on: datetime.date
    identity_check: SubjectRequest.IdentityCheck
    identity_note: Text = ""
    details: Text = ""


class AnswerIn(Schema):
    status: SubjectRequest.Status
    answered_on: datetime.date
    answer_note: Text = ""


class SubjectRequestOut(Schema):
    id: int
    quarter: str
    kind: str
    channel: str
    subject_name: str
    subject_email: str
    received_on: datetime.date
    due_on: datetime.date
    overdue: bool
    identity_check: str
    status: str
    answered_on: datetime.date | None
    restricted: bool


def _quarter(request, slug: str) -> Quarter:
    quarter = get_object_or_404(Quarter, slug=slug, is_active=True)
    if not rules.can_handle_subject_requests(api_user(request), quarter):
        raise PermissionDenied
    return quarter


def _out(item: SubjectRequest, quarter: Quarter, restricted: bool) -> dict:
    return {
        "id": item.pk,
        "quarter": quarter.slug,
        "kind": item.kind,
        "channel": item.channel,
        "subject_name": item.subject_name,
        "subject_email": item.subject_email,
        "received_on": item.received_on,
        "due_on": item.due_on,
        "overdue": item.is_overdue(),
        "identity_check": item.identity_check,
        "status": item.status,
        "answered_on": item.answered_on,
        "restricted": restricted,
    }


@router.get(
    "/{slug}/requests",
    response=list[SubjectRequestOut],
    auth=AUTH_REQUIRED,
    summary="The request log of a quarter",
)
def list_requests(request, slug: str):
    quarter = _quarter(request, slug)
    items = selectors.subject_requests(quarter).annotate(restricted=selectors.is_restricted("subject_email"))
    return [_out(item, quarter, item.restricted) for item in items]


@router.post(
    "/{slug}/requests", response={201: SubjectRequestOut}, auth=AUTH_REQUIRED, summary="Log a request"
)
def log_request(request, slug: str, payload: SubjectRequestIn):
    quarter = _quarter(request, slug)
    item = services.log_subject_request(by=api_user(request), quarter=quarter, **payload.dict())
    return Status(201, _out(item, quarter, item.kind in services.RESTRICTING_KINDS))


@router.get(
    "/{slug}/requests/{request_id}",
    response=SubjectRequestOut,
    auth=AUTH_REQUIRED,
    summary="One logged request",
)
def get_request(request, slug: str, request_id: int):
    quarter = _quarter(request, slug)
    item = get_object_or_404(
        selectors.subject_requests(quarter).annotate(restricted=selectors.is_restricted("subject_email")),
        pk=request_id,
    )
    return _out(item, quarter, item.restricted)


@router.post(
    "/{slug}/requests/{request_id}/answer",
    response=SubjectRequestOut,
    auth=AUTH_REQUIRED,
    summary="Close a request as answered or refused",
)
def answer_request(request, slug: str, request_id: int, payload: AnswerIn):
    quarter = _quarter(request, slug)
    item = get_object_or_404(SubjectRequest.objects.filter(quarter=quarter), pk=request_id)
    item = services.answer_subject_request(by=api_user(request), request=item, **payload.dict())
    return _out(item, quarter, selectors.restriction_for(item.subject_email) is not None)
