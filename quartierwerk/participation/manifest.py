"""What the participation module adds to the shared pages (quarter page, staff dashboard, demo data)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.modules import Figure, Link, Panel, per_quarter


def quarter_links(quarter) -> list[Link]:
    return [
        Link(
            _("Take part"),
            reverse("participation:list", args=[quarter.slug]),
            _("Bring in ideas, comment, support and prioritise: what the quarter plans with you."),
        )
    ]


def city_links() -> list[Link]:
    return []


def dashboard_panel(request, quarter) -> Panel | None:
    from django.db.models import Count, Q

    from . import rules
    from .models import Comment, Idea

    if not rules.can_view_office(request.user, quarter):
        return None
    ideas = Idea.objects.filter(quarter=quarter).aggregate(
        unanswered=Count("pk", filter=Q(status=Idea.Status.NEW, is_hidden=False))
    )
    flagged = Comment.objects.filter(idea__quarter=quarter, flag_count__gt=0, is_hidden=False).count()
    staff = reverse("participation:staff_list", args=[quarter.slug])
    return Panel(
        title=_("Participation"),
        rows=[
            (_("Ideas not answered yet"), ideas["unanswered"], staff),
            (_("Flagged comments"), flagged, staff),
        ],
        links=[Link(_("Processes"), staff)],
    )


def load_demo(demo) -> None:
    """One process per demo quarter, each in another phase (idempotent)."""
    from .demo import load

    load(demo)


def figures(quarter_ids: list[int], year: int) -> list[Figure]:
    """Processes published, contributions (ideas and comments) and answers of the office in the year (4 queries)."""
    from django.db.models import Count

    from .models import Comment, Idea, Process

    processes = (
        Process.objects.filter(
            quarter_id__in=quarter_ids, status=Process.Status.PUBLISHED, created_at__year=year
        )
        .values("quarter_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    ideas = (
        Idea.objects.filter(quarter_id__in=quarter_ids, created_at__year=year)
        .values("quarter_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    comments = (
        Comment.objects.filter(idea__quarter_id__in=quarter_ids, created_at__year=year)
        .values("idea__quarter_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answers = (
        Idea.objects.filter(quarter_id__in=quarter_ids, answered_at__year=year)
        .values("quarter_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    contributions = per_quarter(ideas, "n")
    for row in comments:
        quarter_id = row["idea__quarter_id"]
        contributions[quarter_id] = contributions.get(quarter_id, 0) + row["n"]
    section = _("Participation")
    return [
        Figure(
            "participation.processes",
            _("Participation processes"),
            per_quarter(processes, "n"),
            section=section,
        ),
        Figure(
            "participation.contributions",
            _("Contributions (ideas and comments)"),
            contributions,
            section=section,
        ),
        Figure(
            "participation.answers",
            _("Ideas answered by the office"),
            per_quarter(answers, "n"),
            section=section,
        ),
    ]
