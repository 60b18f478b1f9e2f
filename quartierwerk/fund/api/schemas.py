"""What the fund's API accepts: the request bodies and query parameters, each field bounded."""

import datetime
from typing import Annotated

from ninja import Field, Schema

from quartierwerk.core.api_pages import CursorQuery
from quartierwerk.core.limits import TEXT_MAX, Code, Email, Id

from .. import limits


class PageQuery(CursorQuery):
    """Paging by `cursor` (and, deprecated, `page`), see core/api_pages.py."""


class InboxQuery(PageQuery):
    status: str = ""
    round: int | None = None


Amount = Annotated[str, Field(max_length=limits.AMOUNT_TEXT_MAX, description="Euro, e.g. 1234.50")]


class CostItemIn(Schema):
    description: str = Field(..., max_length=limits.COST_LINE_DESCRIPTION_MAX)
    amount: Amount


class DraftIn(Schema):
    applicant_kind: Code = "private"
    applicant_name: str = Field(..., max_length=160)
    organisation_name: str = Field("", max_length=200)
    email: Email


class DraftUpdate(Schema):
    applicant_kind: Code | None = None
    applicant_name: str | None = Field(None, max_length=160)
    organisation_name: str | None = Field(None, max_length=200)
    email: Email | None = None
    phone: str | None = Field(None, max_length=60)
    is_of_age: bool | None = None
    title: str | None = Field(None, max_length=200)
    summary: str | None = Field(None, max_length=600)
    description: str | None = Field(None, max_length=8000)
    benefit: str | None = Field(None, max_length=4000)
    # The language the texts are written in; the language of the page at submission when left out.
    written_in: str | None = Field(None, max_length=12)
    location: str | None = Field(None, max_length=200)
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    no_other_funding: bool | None = None
    own_contribution: Amount | None = None
    other_funding: Amount | None = None
    category: Id | None = None
    cost_items: list[CostItemIn] | None = Field(None, max_length=limits.COST_LINES_MAX)
    # Optional: when given, it must equal what the cost plan computes.
    requested_amount: Amount | None = None


class SubmitIn(Schema):
    consent: bool


class MessageIn(Schema):
    message: str = Field(..., max_length=3000)


class NoteIn(Schema):
    text: str = Field(..., max_length=5000)
    kind: Code = "advice"


class ScheduleIn(Schema):
    session: Id


class DecideIn(Schema):
    outcome: Code
    amount: Amount | None = None
    conditions: str = Field("", max_length=TEXT_MAX)
    reasons: str = Field("", max_length=TEXT_MAX)


class CorrectIn(Schema):
    amount: Amount
    reason: str = Field(..., max_length=2000)


class PayoutIn(Schema):
    amount: Amount
    paid_on: datetime.date
    reference: str = Field("", max_length=120)
    reason: str = Field("", max_length=2000)


class ProofIn(Schema):
    report: str = Field(..., max_length=8000)
    public_summary: str = Field(..., max_length=1200)
    spent_amount: Amount


class CheckProofIn(Schema):
    outcome: Code
    note: str = Field("", max_length=TEXT_MAX)
    repayment_amount: Amount | None = None


class SessionIn(Schema):
    date: datetime.date
    location: str = Field("", max_length=200)
    on_paper: bool = False


class VoteIn(Schema):
    choice: Code
    amount: Amount | None = None
    conditions: str = Field("", max_length=2000)
    voter: Id | None = None  # for a paper session: the member the office enters the vote for


class RecusalIn(Schema):
    reason: str = Field("", max_length=300)
    member: Id | None = None
