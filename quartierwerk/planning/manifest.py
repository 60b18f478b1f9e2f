"""What planning adds to the shared pages (quarter page, staff dashboard, demo data)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.modules import Link, Panel


def quarter_links(quarter) -> list[Link]:
    return [
        Link(
            _("Action plan"),
            reverse("planning:plan_list", args=[quarter.slug]),
            _("The quarter's goals and measures, revised every year."),
        ),
        Link(
            _("Projects"),
            reverse("planning:project_list", args=[quarter.slug]),
            _("What the quarter is working on, from the first idea to the result."),
        ),
    ]


def city_links() -> list[Link]:
    return []


def dashboard_panel(request, quarter) -> Panel | None:
    from quartierwerk.reports.services import ideas_awaiting_project

    from . import rules
    from .models import ActionPlan, Project

    if not rules.can_view_office(request.user, quarter):
        return None
    drafts = ActionPlan.objects.filter(quarter=quarter, status=ActionPlan.Status.DRAFT).count()
    staff = reverse("planning:staff_plans", args=[quarter.slug])
    board = reverse("planning:staff_board", args=[quarter.slug])
    projects = reverse("planning:staff_projects", args=[quarter.slug])
    running = Project.objects.filter(quarter=quarter, stage=Project.Stage.RUNNING).count()
    return Panel(
        title=_("Action plan and projects"),
        rows=[
            (_("Plan versions in draft"), drafts, staff),
            (_("Projects running"), running, board),
            (
                _("Ideas from reports waiting for a project"),
                ideas_awaiting_project(quarter).count(),
                projects,
            ),
        ],
        links=[Link(_("Plan versions"), staff), Link(_("Project board"), board)],
    )


def load_demo(demo) -> None:
    """An action plan for each demo quarter, published last year and revised as a draft (idempotent)."""
    from .demo import load

    load(demo)
