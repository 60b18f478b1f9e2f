"""What the participation module adds to the shared pages (quarter page, staff dashboard, demo data)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.modules import Link, Panel


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
