"""JSON API of the participation module, mounted under /api/v1/participation/.

The same rules and services as the pages: what a person may do is what the running phase allows them
(`rules.may`); the answer of each process says it in `can`. Taking part with a printed code is a page
of its own (the code binds a browser); the API is for people with an account or a token.
"""

from django.http import Http404, JsonResponse
from ninja import Field, Query, Router, Schema, Status

from quartierwerk.core import multilingual
from quartierwerk.core.api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user
from quartierwerk.core.errors import DomainError
from quartierwerk.core.limits import Id, Latitude, Longitude
from quartierwerk.core.mapgrid import MapView
from quartierwerk.core.params import page_of
from quartierwerk.core.schemas import MapViewQuery
from quartierwerk.core.views import quarter_or_404

from . import rules, selectors, services
from .models import MAX_DOTS, Comment, Idea
from .phases import FLAGS

router = Router(tags=["participation"])
MAX_PAGE_SIZE = 100
# Slugs and choice codes are plain words: anything else (a NUL byte, say) is a 422, never a query.
SLUG = r"^[-a-zA-Z0-9_]+$"
CHOICE = r"^[a-z_]*$"


class PhaseOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    starts_on: str
    ends_on: str
    running: bool
    allows: dict[str, bool]


class ProcessOut(Schema):
    id: int
    title: str
    goal: str
    quarter: str | None
    status: str
    dots_per_person: int
    concept: dict[str, str]
    # The language each text is in: the caller's where the office entered it, German otherwise.
    text_languages: dict[str, str]
    phases: list[PhaseOut]
    current_phase: int | None
    can: dict[str, bool]
    url: str


class ProcessPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ProcessOut]


class IdeaOut(Schema):
    id: int
    process: int
    title: str
    text: str
    category: str
    category_label: str
    status: str
    status_label: str
    answer: str
    lat: float | None
    lon: float | None
    address: str
    language: str
    channel: str  # online, or where the office collected it offline (workshop, door, paper, walk)
    support_count: int
    dot_count: int
    comment_count: int
    created_at: str
    url: str


class IdeaPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[IdeaOut]


class CommentOut(Schema):
    id: int
    parent: int | None
    text: str
    hidden: bool
    by_office: bool
    created_at: str
    edited: bool


class IdeaDetailOut(IdeaOut):
    comments: list[CommentOut]


class IdeaIn(Schema):
    title: str = Field(..., max_length=160)
    text: str = Field(..., max_length=4000)
    category: str = Field(..., max_length=50, pattern=CHOICE)
    lat: Latitude | None = None
    lon: Longitude | None = None
    address: str = Field("", max_length=250)


class CommentIn(Schema):
    text: str = Field(..., max_length=2000)
    parent: Id | None = None


class DotsIn(Schema):
    points: int = Field(..., ge=0, le=MAX_DOTS)


class DotsOut(Schema):
    idea: int
    points: int
    used: int
    budget: int


class SupportOut(Schema):
    idea: int
    counted: bool
    support_count: int


class AnswerIn(Schema):
    action: str = Field(
        ..., max_length=50, pattern=CHOICE, description="consider, take_up, decline or reword"
    )
    answer: str = Field(..., max_length=4000)


class ProcessFilters(Schema):
    quarter: str = Field(..., max_length=100, pattern=SLUG)
    page: int = 1
    page_size: int = 20


class IdeaFilters(Schema):
    category: str = Field("", max_length=50, pattern=CHOICE)
    status: str = Field("", max_length=50, pattern=CHOICE)
    sort: str = Field("", max_length=50, pattern=CHOICE)
    page: int = 1
    page_size: int = 20


def _phase(phase) -> dict:
    return {
        "id": phase.pk,
        "kind": phase.kind,
        "kind_label": str(phase.get_kind_display()),
        "title": phase.title,
        "starts_on": phase.starts_on.isoformat(),
        "ends_on": phase.ends_on.isoformat(),
        "running": phase.is_running(),
        "allows": {flag: getattr(phase.allows, flag) for flag in (*FLAGS, "with_code")},
    }


def _process(process, user) -> dict:
    current = process.current_phase()
    texts, text_languages = multilingual.api_texts(process)
    return {
        "id": process.pk,
        "title": texts["title"],
        "goal": texts["goal"],
        "quarter": process.quarter.slug if process.quarter_id else None,
        "status": process.status,
        "dots_per_person": process.dots_per_person,
        "concept": {
            "who": texts["concept_who"],
            "how": texts["concept_how"],
            "scope": texts["concept_scope"],
            "limits": texts["concept_limits"],
            "results": texts["concept_results"],
        },
        "text_languages": text_languages,
        "phases": [_phase(p) for p in process.phases.all()],
        "current_phase": current.pk if current else None,
        "can": rules.actions(user, current),
        "url": process.get_absolute_url(),
    }


def _idea(idea) -> dict:
    return {
        "id": idea.pk,
        "process": idea.process_id,
        "title": idea.title,
        "text": idea.text,
        "category": idea.category,
        "category_label": str(idea.get_category_display()),
        "status": idea.status,
        "status_label": str(idea.get_status_display()),
        "answer": idea.answer,
        "lat": idea.lat,
        "lon": idea.lon,
        "address": idea.address,
        "language": idea.language,
        "channel": idea.channel,
        "support_count": idea.support_count,
        "dot_count": idea.dot_count,
        "comment_count": idea.comment_count,
        "created_at": idea.created_at.isoformat(),
        "url": idea.get_absolute_url(),
    }


def _comment(c: Comment) -> dict:
    return {
        "id": c.pk,
        "parent": c.parent_id,
        "text": "" if c.is_hidden else c.text,
        "hidden": c.is_hidden,
        "by_office": c.by_office,
        "created_at": c.created_at.isoformat(),
        "edited": c.edited_at is not None,
    }


def _visible_process(request, pk):
    process = selectors.process(pk)
    if process is None or not rules.can_view_process(api_user(request), process):
        raise Http404
    return process


def _visible_idea(request, idea_id) -> Idea:
    idea = Idea.objects.select_related("process__quarter", "process__city").filter(pk=idea_id).first()
    if idea is None or not rules.can_view_idea(api_user(request), idea):
        raise Http404
    return idea


@router.get(
    "/processes", response=ProcessPage, auth=AUTH_OPTIONAL, summary="Published processes of a quarter"
)
def list_processes(request, filters: Query[ProcessFilters]):
    quarter = quarter_or_404(filters.quarter)
    user = api_user(request)
    return page_of(
        selectors.processes_for(quarter),
        page=filters.page,
        page_size=filters.page_size,
        default_size=20,
        max_size=MAX_PAGE_SIZE,
        serialise=lambda p: _process(p, user),
    )


@router.get("/processes/{process_id}", response=ProcessOut, auth=AUTH_OPTIONAL, summary="One process")
def get_process(request, process_id: int):
    return _process(_visible_process(request, process_id), api_user(request))


@router.get(
    "/processes/{process_id}/ideas",
    response=IdeaPage,
    auth=AUTH_OPTIONAL,
    summary="Ideas of a process, paginated",
)
def list_ideas(request, process_id: int, filters: Query[IdeaFilters]):
    process = _visible_process(request, process_id)
    params = {k: v for k, v in filters.dict().items() if k in ("category", "status", "sort") and v}
    return page_of(
        selectors.public_ideas(process, params),
        page=filters.page,
        page_size=filters.page_size,
        default_size=20,
        max_size=MAX_PAGE_SIZE,
        serialise=_idea,
    )


@router.get(
    "/processes/{process_id}/geojson",
    auth=AUTH_OPTIONAL,
    summary="Ideas of a process as GeoJSON for one map view (bbox, zoom): clusters below zoom 15",
)
def ideas_geojson(request, process_id: int, filters: Query[IdeaFilters], view: Query[MapViewQuery]):
    process = _visible_process(request, process_id)
    params = {k: v for k, v in filters.dict().items() if k in ("category", "status") and v}
    feed = selectors.map_feed(
        process, selectors.public_ideas(process, params), MapView.from_params(view.dict(exclude_none=True))
    )
    response = JsonResponse(feed)
    response["Content-Type"] = "application/geo+json"
    return response


@router.post(
    "/processes/{process_id}/ideas", response={201: IdeaOut}, auth=AUTH_REQUIRED, summary="Bring in an idea"
)
def create_idea(request, process_id: int, payload: IdeaIn):
    process = _visible_process(request, process_id)
    idea = services.submit_idea(
        process=process,
        user=api_user(request),
        language=getattr(request, "LANGUAGE_CODE", ""),
        **payload.dict(),
    )
    return Status(201, _idea(idea))


@router.get(
    "/ideas/{idea_id}", response=IdeaDetailOut, auth=AUTH_OPTIONAL, summary="One idea with its comments"
)
def get_idea(request, idea_id: int):
    idea = _visible_idea(request, idea_id)
    comments = Comment.objects.filter(idea=idea).order_by("created_at", "id")
    return {**_idea(idea), "comments": [_comment(c) for c in comments]}


@router.post(
    "/ideas/{idea_id}/comments", response={201: CommentOut}, auth=AUTH_REQUIRED, summary="Comment on an idea"
)
def create_comment(request, idea_id: int, payload: CommentIn):
    idea = _visible_idea(request, idea_id)
    parent = None
    if payload.parent:
        parent = Comment.objects.filter(pk=payload.parent, idea=idea).first()
        if parent is None:
            raise DomainError("Unknown comment.", field="parent", status=404)
    made = services.comment(
        idea=idea,
        user=api_user(request),
        text=payload.text,
        parent=parent,
        language=getattr(request, "LANGUAGE_CODE", ""),
    )
    return Status(201, _comment(made))


@router.post(
    "/ideas/{idea_id}/support", response=SupportOut, auth=AUTH_REQUIRED, summary="Support an idea once"
)
def support_idea(request, idea_id: int):
    idea = _visible_idea(request, idea_id)
    counted = services.support(idea=idea, user=api_user(request))
    idea.refresh_from_db(fields=["support_count"])
    return {"idea": idea.pk, "counted": counted, "support_count": idea.support_count}


@router.put(
    "/ideas/{idea_id}/dots",
    response=DotsOut,
    auth=AUTH_REQUIRED,
    summary="Put a number of one's dots on an idea",
)
def put_dots(request, idea_id: int, payload: DotsIn):
    idea = _visible_idea(request, idea_id)
    ballot = services.set_dots(idea=idea, points=payload.points, user=api_user(request))
    return {"idea": idea.pk, "points": payload.points, "used": ballot.used, "budget": ballot.budget}


@router.post(
    "/ideas/{idea_id}/answer", response=IdeaOut, auth=AUTH_REQUIRED, summary="Answer an idea (office)"
)
def answer_idea(request, idea_id: int, payload: AnswerIn):
    idea = _visible_idea(request, idea_id)
    idea = services.answer_idea(idea=idea, by=api_user(request), action=payload.action, answer=payload.answer)
    return _idea(idea)
