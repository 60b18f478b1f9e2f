"""The request and response schemas of the events API."""

import datetime
from typing import Annotated

from ninja import Field, Schema

from quartierwerk.core.limits import CODE_MAX, Code, Codes, Email, Id
from quartierwerk.core.schemas import Translations

from .. import services
from ..models import ActionItem, Attendance, Event
from .common import AGENDA_MAX, ATTENDANCE_MAX, CAPACITY_MAX, EXCEPTION_DATES_MAX, QUESTIONS_MAX


class VenueOut(Schema):
    name: str
    address: str
    lat: float | None
    lon: float | None
    step_free: bool
    accessible_toilet: bool


class OccurrenceOut(Schema):
    id: int
    title: str
    # The language the title is in: the caller's where the office entered it, German otherwise.
    title_language: str
    kind: str
    topic: str
    quarter: str | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    all_day: bool
    status: str
    is_public: bool
    url: str


class OccurrencePageOut(Schema):
    """One page of dates and the link to the next (null on the last); `count` only with the deprecated `page`."""

    items: list[OccurrenceOut]
    next: str | None = None
    count: int | None = None


class EventOut(Schema):
    id: int
    title: str
    kind: str
    topic: str
    description: str
    quarter: str | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    all_day: bool
    recurrence: str
    recurrence_until: datetime.date | None
    exception_dates: list[str]
    venue: VenueOut | None
    online_url: str
    organiser: str
    group: str | None
    languages: list[str]
    childcare: bool
    is_public: bool
    status: str
    status_reason: str
    sequence: int
    registration_required: bool
    capacity: int | None
    places_left: int | None
    uid: str
    url: str
    ics_url: str
    # The language each of title and description is in (the caller's where it exists, German otherwise).
    text_languages: dict[str, str]
    # Every language of title and description ({lang: {field: text}}), for those who manage the event.
    translations: dict[str, dict[str, str]] | None = None


class AgendaItemOut(Schema):
    position: int
    title: str
    description: str
    documents: list[dict]


class MinutesItemOut(Schema):
    position: int
    title: str
    discussion: str
    decision: str
    votes_yes: int | None
    votes_no: int | None
    votes_abstain: int | None


class MinutesOut(Schema):
    status: str
    released_at: datetime.datetime | None
    notes: str
    present: int
    members: int
    quorum_reached: bool
    items: list[MinutesItemOut]
    action_items: list[dict]


class RegistrationIn(Schema):
    name: str = Field(..., max_length=160)
    email: Email
    answers: dict[Code, Annotated[str, Field(max_length=services.ANSWER_MAX)]] = Field(
        default_factory=dict, max_length=QUESTIONS_MAX
    )


class RegistrationOut(Schema):
    status: str
    waiting_position: int | None


class RegistrationAdminOut(Schema):
    id: int
    name: str
    email: str
    status: str
    waiting_position: int | None
    answers: dict
    created_at: datetime.datetime


class CancelIn(Schema):
    token: str = Field(..., max_length=500)


class ReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500)


class EventIn(Schema):
    quarter: str | None = Field(
        None, max_length=CODE_MAX, description="Quarter slug; leave out for a city-wide event"
    )
    city: str | None = Field(None, max_length=CODE_MAX, description="City slug, for a city-wide event")
    title: str = Field(..., min_length=1, max_length=200)
    kind: Event.Kind = Event.Kind.OTHER
    topic: Event.Topic = Event.Topic.NEIGHBOURHOOD
    description: str = Field("", max_length=10000)
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    all_day: bool = False
    recurrence: Event.Recurrence = Event.Recurrence.NONE
    recurrence_until: datetime.date | None = None
    exception_dates: list[datetime.date] = Field([], max_length=EXCEPTION_DATES_MAX)
    online_url: str = Field("", max_length=200)
    languages: Codes = ["de"]
    childcare: bool = False
    is_public: bool = True
    registration_required: bool = False
    capacity: int | None = Field(None, ge=1, le=CAPACITY_MAX)
    questions: list[Annotated[str, Field(max_length=300)]] = Field([], max_length=QUESTIONS_MAX)
    translations: Translations | None = None


class ActionItemOut(Schema):
    id: int
    title: str
    status: str
    due_date: datetime.date | None
    group: str | None
    event_id: int | None

    @staticmethod
    def resolve_group(obj) -> str | None:
        return obj.group.name if obj.group_id else None


class StatusIn(Schema):
    status: ActionItem.Status


class AgendaItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=5000)
    is_public: bool = True


class AttendanceIn(Schema):
    statuses: dict[int, Attendance.Status] = Field(..., max_length=ATTENDANCE_MAX)


class MinutesItemIn(Schema):
    discussion: str = Field("", max_length=20000)
    decision: str = Field("", max_length=5000)
    votes_yes: int | None = Field(None, ge=0, le=10000)
    votes_no: int | None = Field(None, ge=0, le=10000)
    votes_abstain: int | None = Field(None, ge=0, le=10000)


class MinutesIn(Schema):
    notes: str = Field("", max_length=20000)
    items: dict[int, MinutesItemIn] = Field(default_factory=dict, max_length=AGENDA_MAX)


class ActionItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    person_id: Id | None = None
    organisation_id: Id | None = None
    due_date: datetime.date | None = None
    agenda_item_id: Id | None = None


class EventPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    kind: Event.Kind | None = None
    topic: Event.Topic | None = None
    description: str | None = Field(None, max_length=10000)
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    recurrence_until: datetime.date | None = None
    exception_dates: list[datetime.date] | None = Field(None, max_length=EXCEPTION_DATES_MAX)
    online_url: str | None = Field(None, max_length=200)
    languages: Codes | None = None
    childcare: bool | None = None
    is_public: bool | None = None
    registration_required: bool | None = None
    capacity: int | None = Field(None, ge=1, le=CAPACITY_MAX)
    translations: Translations | None = None


class PostponeIn(ReasonIn):
    starts_at: datetime.datetime | None = None
