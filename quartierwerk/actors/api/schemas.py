"""The request and response schemas of the actors API."""

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from quartierwerk.core.api_pages import CursorPageOut, CursorQuery
from quartierwerk.core.limits import TEXT_MAX, Code, Codes, Email, Id, Latitude, Longitude, Tags, Token

from ..models import Group, GroupMembership

MAX_PAGE_SIZE = 100


class PageIn(CursorQuery):
    """Paging by `cursor` (and, deprecated, `page`), see core/api_pages.py."""


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
    description_language: str = "de"
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


class Paged(CursorPageOut):
    """One page: `results` and the `next` link (core/api_pages.py)."""


class OrganisationIn(Schema):
    name: str | None = Field(None, max_length=200)
    kind: Code | None = None
    description: str | None = Field(None, max_length=TEXT_MAX)
    # The language name and description are written in; the language of the request when left out.
    written_in: str | None = Field(None, max_length=12)
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
