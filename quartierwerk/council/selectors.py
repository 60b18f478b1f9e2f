"""Reads of council business shaped so a page costs a fixed number of queries."""

import datetime

from django.db.models import Prefetch, Q, QuerySet

from quartierwerk.core import clock

from .models import NEAR_DAYS, Paper, PaperQuarter, ResolutionPoint, StatusReport, TrafficLight


def live_papers() -> QuerySet:
    return Paper.objects.filter(deleted=False)


def paper_with_history(pk: int) -> Paper:
    """One paper with everything its page shows: the related papers of the procedure, points and reports."""
    points = ResolutionPoint.objects.filter(deleted=False).select_related("responsible_office")
    points = points.prefetch_related(
        Prefetch("reports", queryset=StatusReport.objects.select_related("paper").order_by("-date", "-pk"))
    )
    return (
        live_papers()
        .select_related("body__city", "lead_office", "revision_of", "statement_on", "decides")
        .prefetch_related(
            "originators",
            Prefetch("points", queryset=points),
            Prefetch("consultations", queryset=_consultations()),
            Prefetch("files", queryset=_live("File")),
            Prefetch("revisions", queryset=live_papers()),
            Prefetch("statements", queryset=live_papers()),
            Prefetch(
                "decisions", queryset=live_papers().prefetch_related(Prefetch("points", queryset=points))
            ),
            Prefetch("quarter_links", queryset=PaperQuarter.objects.select_related("quarter")),
        )
        .get(pk=pk)
    )


def _live(model_name: str) -> QuerySet:
    from . import models

    return getattr(models, model_name).objects.filter(deleted=False)


def _consultations() -> QuerySet:
    return _live("Consultation").select_related("organization", "meeting")


def procedure(paper: Paper) -> list[Paper]:
    """The papers of one procedure in order of date: the motion, its revisions, statements, decision, reports."""
    root = paper
    seen = set()
    while root.pk not in seen and (parent := root.revision_of or root.statement_on or root.decides):
        seen.add(root.pk)
        root = parent
    family = {root.pk}
    frontier = {root.pk}
    while frontier:
        related = live_papers().filter(
            Q(revision_of__in=frontier) | Q(statement_on__in=frontier) | Q(decides__in=frontier)
        )
        new = set(related.values_list("pk", flat=True)) - family
        family |= new
        frontier = new
    papers = live_papers().filter(pk__in=family).select_related("lead_office").prefetch_related("originators")
    return sorted(papers, key=lambda p: (p.date or datetime.date.min, p.pk))


def open_points(*, quarter=None, city=None) -> QuerySet:
    """Points not yet done or dropped, of a quarter's confirmed papers or of a city, by office and deadline."""
    points = ResolutionPoint.objects.filter(deleted=False, paper__deleted=False).exclude(
        status__in=ResolutionPoint.CLOSED
    )
    if quarter is not None:
        points = points.filter(
            paper__quarter_links__quarter=quarter, paper__quarter_links__confirmed=True
        ).distinct()
    if city is not None:
        points = points.filter(paper__body__city=city)
    return points.select_related("paper", "responsible_office").order_by(
        "responsible_office__name", "deadline", "paper__reference", "number"
    )


def light_counts(*, quarter=None, city=None, today: datetime.date | None = None) -> dict[str, int]:
    """How many open points are overdue, near their deadline or on time (two queries at most)."""
    today = today or clock.today()
    points = open_points(quarter=quarter, city=city).order_by()
    overdue = points.filter(deadline__lt=today).count()
    near = points.filter(
        deadline__gte=today, deadline__lte=today + datetime.timedelta(days=NEAR_DAYS)
    ).count()
    return {TrafficLight.OVERDUE: overdue, TrafficLight.NEAR: near}


def suggestions(quarter) -> QuerySet:
    """Imported papers the import suggests to a quarter's office, not yet confirmed."""
    return (
        PaperQuarter.objects.filter(quarter=quarter, confirmed=False, paper__deleted=False)
        .select_related("paper")
        .order_by("-paper__date", "-paper__pk")
    )


def quarter_papers(quarter) -> QuerySet:
    return (
        live_papers()
        .filter(quarter_links__quarter=quarter, quarter_links__confirmed=True)
        .prefetch_related(Prefetch("points", queryset=ResolutionPoint.objects.filter(deleted=False)))
        .order_by("-date", "-pk")
    )
