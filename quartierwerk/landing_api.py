""" "My work" as JSON: `/api/v1/me/work`, the same sections and office figures as the page, for the caller."""

import datetime

from ninja import Router, Schema

from quartierwerk import landing
from quartierwerk.core.api_auth import AUTH_REQUIRED, api_user

router = Router(tags=["me"])


class WorkItemOut(Schema):
    label: str
    url: str
    detail: str
    when: datetime.date | datetime.datetime | None
    needs_you: bool


class WorkSectionOut(Schema):
    key: str
    title: str
    needs_you: int
    items: list[WorkItemOut]
    empty_text: str
    more_label: str
    more_url: str


class OfficeRowOut(Schema):
    label: str
    count: int
    url: str


class OfficeQuarterOut(Schema):
    quarter: str
    name: str
    url: str
    rows: list[OfficeRowOut]


class MyWorkOut(Schema):
    summary: str
    sections: list[WorkSectionOut]
    office: list[OfficeQuarterOut]


@router.get(
    "/me/work",
    response=MyWorkOut,
    auth=AUTH_REQUIRED,
    summary="What needs the caller first: reports, applications, registrations, sessions, tasks",
)
def my_work(request):
    sections, office = landing.my_work(api_user(request))
    return {
        "summary": landing.summary(sections, office),
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "needs_you": s.needs_you,
                "items": [vars(item) for item in s.items],
                "empty_text": s.empty_text,
                "more_label": s.more_label,
                "more_url": s.more_url,
            }
            for s in sections
        ],
        "office": [
            {
                "quarter": entry.quarter.slug,
                "name": entry.quarter.name,
                "url": entry.url,
                "rows": [vars(row) for row in entry.rows],
            }
            for entry in office
        ],
    }
