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
        )
    ]


def city_links() -> list[Link]:
    return []


def dashboard_panel(request, quarter) -> Panel | None:
    from . import rules
    from .models import ActionPlan

    if not rules.can_view_office(request.user, quarter):
        return None
    drafts = ActionPlan.objects.filter(quarter=quarter, status=ActionPlan.Status.DRAFT).count()
    staff = reverse("planning:staff_plans", args=[quarter.slug])
    return Panel(
        title=_("Action plan"),
        rows=[(_("Plan versions in draft"), drafts, staff)],
        links=[Link(_("Plan versions"), staff)],
    )


def load_demo(demo) -> None:
    """An action plan for each demo quarter, published last year and revised as a draft (idempotent)."""
    from .demo import load

    load(demo)
