"""Reads of the participation module, each at a fixed number of queries whatever the number of rows."""

from django.db.models import Count, Prefetch, Q

from quartierwerk.core import geo, mapgrid
from quartierwerk.core.choices import field_label
from quartierwerk.core.links import row_url

from .models import Ballot, Comment, Dot, Idea, Phase, Process, Question, SurveyAnswer, SurveyResponse

MAP_LIMIT = 500
SORTS = {
    "new": ("-created_at", "-id"),
    "support": ("-support_count", "-created_at", "-id"),
    "dots": ("-dot_count", "-support_count", "-id"),
}


def processes_for(quarter=None, *, city=None, include_drafts: bool = False):
    """The processes of a quarter and the city-wide ones of its city, with their phases (two queries)."""
    qs = Process.objects.select_related("quarter", "city").prefetch_related("phases")
    if quarter is not None:
        qs = qs.filter(Q(quarter=quarter) | Q(quarter__isnull=True, city_id=quarter.city_id))
    elif city is not None:
        qs = qs.filter(city=city)
    if not include_drafts:
        qs = qs.filter(status=Process.Status.PUBLISHED)
    return qs


def process(pk) -> Process | None:
    return (
        Process.objects.select_related("quarter", "city")
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "id")))
        .filter(pk=pk)
        .first()
    )


def filter_ideas(qs, params: dict):
    """The filters of the list and of the map: category, answer status, and the order of the list."""
    if params.get("category"):
        qs = qs.filter(category=params["category"])
    if params.get("status"):
        qs = qs.filter(status=params["status"])
    return qs.order_by(*SORTS.get(params.get("sort") or "new", SORTS["new"]))


def public_ideas(process: Process, params: dict | None = None):
    qs = Idea.objects.filter(process=process, is_hidden=False).select_related("process")
    return filter_ideas(qs, params or {})


def facets(process: Process, params: dict) -> dict[str, dict[str, int]]:
    """How many visible ideas each category has under the chosen status, and each status under the chosen
    category: the filters follow each other (two queries)."""
    base = Idea.objects.filter(process=process, is_hidden=False).order_by()
    by_category = base.filter(status=params["status"]) if params.get("status") else base
    by_status = base.filter(category=params["category"]) if params.get("category") else base
    return {
        "category": dict(by_category.values_list("category").annotate(n=Count("pk"))),
        "status": dict(by_status.values_list("status").annotate(n=Count("pk"))),
    }


def visible_comments(*, include_hidden: bool = False):
    """Top-level comments with their replies, for an idea page (two queries)."""
    replies = Comment.objects.select_related("author").order_by("created_at", "id")
    return Prefetch(
        "comments",
        queryset=Comment.objects.filter(parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies)),
        to_attr="threads",
    )


def idea(process_pk, pk) -> Idea | None:
    return (
        Idea.objects.select_related("process__quarter", "process__city", "author")
        .prefetch_related(visible_comments(), "process__phases")
        .filter(process_id=process_pk, pk=pk)
        .first()
    )


def ranked(process: Process):
    """The ideas of the results page: most dots first, then most support, with their answers."""
    return Idea.objects.filter(process=process, is_hidden=False).order_by(
        "-dot_count", "-support_count", "created_at", "id"
    )


def flagged_comments(process: Process):
    """Comments of a process residents flagged, most flags first (the office's moderation list)."""
    return (
        Comment.objects.filter(idea__process=process, flag_count__gt=0)
        .select_related("idea", "author")
        .order_by("is_hidden", "-flag_count", "-created_at")
    )


def my_dots(phase, user=None, code=None) -> dict:
    """The person's ballot in a prioritising phase: {idea id: points}, used and budget (two queries)."""
    budget = phase.process.dots_per_person if phase else 0
    if phase is None or (not getattr(user, "is_authenticated", False) and code is None):
        return {"points": {}, "used": 0, "budget": budget}
    who = {"user": user} if getattr(user, "is_authenticated", False) else {"code": code}
    ballot = Ballot.objects.filter(phase=phase, **who).first()
    if ballot is None:
        return {"points": {}, "used": 0, "budget": budget}
    points = dict(Dot.objects.filter(ballot=ballot).values_list("idea_id", "points"))
    return {"points": points, "used": ballot.used, "budget": ballot.budget}


def counts(process: Process) -> dict:
    """Figures for the staff page: ideas, unanswered, flagged comments, codes printed and used."""
    ideas = Idea.objects.filter(process=process).aggregate(
        ideas=Count("pk"), unanswered=Count("pk", filter=Q(status=Idea.Status.NEW))
    )
    codes = process.codes.aggregate(
        printed=Count("pk"), used=Count("pk", filter=Q(redeemed_at__isnull=False))
    )
    flagged = Comment.objects.filter(idea__process=process, flag_count__gt=0, is_hidden=False).count()
    return {**ideas, **codes, "flagged": flagged}


# The columns a map point needs, read as plain values.
MAP_COLUMNS = ("id", "title", "status", "category", "lat", "lon", "support_count")


def _feature(process_pk, pk, title, status, category, lat, lon, support_count) -> dict:
    return geo.feature(
        geo.point(lat, lon),
        {
            "title": title,
            "subtitle": f"{field_label(Idea._meta.get_field('category'), category)} · "
            f"{field_label(Idea._meta.get_field('status'), status)}",
            "status": status,
            "category": category,
            "support": support_count,
            "url": row_url("participation:idea", process_pk, pk),
        },
        feature_id=pk,
    )


def map_feed(process: Process, qs, view: mapgrid.MapView) -> dict:
    """The ideas of `qs` for one view of the map: clusters when zoomed out, else up to MAP_LIMIT points."""
    return mapgrid.bounded_feed(
        qs,
        view,
        columns=MAP_COLUMNS,
        feature=lambda *row: _feature(process.pk, *row),
        point_limit=MAP_LIMIT,
    )


def idea_feature(idea: Idea) -> dict:
    return _feature(
        idea.process_id,
        idea.pk,
        idea.title,
        idea.status,
        idea.category,
        idea.lat,
        idea.lon,
        idea.support_count,
    )


def survey_results(process: Process, *, include_pending: bool = False) -> list[dict]:
    """Every survey phase of a process with its questions and their counts (five queries in all).

    Choice and scale questions count answers per option; free texts are listed when the office let them
    through (`include_pending`: the office's view, which lists the waiting ones too).
    """
    phases = [p for p in process.phases.all() if p.kind == "survey"]
    if not phases:
        return []
    ids = [p.pk for p in phases]
    questions = list(Question.objects.filter(phase_id__in=ids).order_by("position", "id"))
    answers = SurveyAnswer.objects.filter(question__phase_id__in=ids).order_by()
    by_choice = dict(
        ((q, c), n)
        for q, c, n in answers.filter(choice__isnull=False)
        .values_list("question_id", "choice")
        .annotate(n=Count("pk"))
    )
    by_value = dict(
        ((q, v), n)
        for q, v, n in answers.filter(value__isnull=False)
        .values_list("question_id", "value")
        .annotate(n=Count("pk"))
    )
    shown = [SurveyAnswer.Moderation.SHOWN] + ([SurveyAnswer.Moderation.PENDING] if include_pending else [])
    texts: dict[int, list] = {}
    for answer in answers.filter(question__kind="text", moderation__in=shown).order_by("pk"):
        texts.setdefault(answer.question_id, []).append(answer)
    respondents = dict(
        SurveyResponse.objects.filter(phase_id__in=ids)
        .order_by()
        .values_list("phase_id")
        .annotate(n=Count("pk"))
    )
    out = []
    for phase in phases:
        rows = []
        for q in (q for q in questions if q.phase_id == phase.pk):
            if q.kind == Question.Kind.SCALE:
                options = [
                    (str(v), by_choice.get((q.pk, v), 0) or by_value.get((q.pk, v), 0))
                    for v in range(1, q.scale_max + 1)
                ]
            elif q.kind == Question.Kind.TEXT:
                options = []
            else:
                options = [(label, by_choice.get((q.pk, i), 0)) for i, label in enumerate(q.choices)]
            total = sum(n for _label, n in options)
            rows.append(
                {
                    "question": q,
                    "options": [
                        {"label": label, "count": n, "percent": round(100 * n / total) if total else 0}
                        for label, n in options
                    ],
                    "texts": texts.get(q.pk, []),
                }
            )
        out.append({"phase": phase, "questions": rows, "respondents": respondents.get(phase.pk, 0)})
    return out


def channels(process: Process) -> list[dict]:
    """How many visible ideas came from each channel (online, workshop, door to door, ...), one query."""
    counts = dict(
        Idea.objects.filter(process=process, is_hidden=False)
        .order_by()
        .values_list("channel")
        .annotate(n=Count("pk"))
    )
    return [
        {"channel": value, "label": label, "count": counts[value]}
        for value, label in Idea.Channel.choices
        if counts.get(value)
    ]
