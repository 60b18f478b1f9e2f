"""What the council module adds to the shared pages (quarter page, staff dashboard, demo data, scheduled jobs)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.modules import Link, Panel


def quarter_links(quarter) -> list[Link]:
    return [
        Link(
            _("Council decisions"),
            reverse("council:quarter", args=[quarter.slug]),
            _(
                "Motions and decisions of the city council about the quarter, and how far they are implemented."
            ),
        )
    ]


def city_links() -> list[Link]:
    return []


def dashboard_panel(request, quarter) -> Panel | None:
    from quartierwerk.core.rules import can_view_dashboard

    from . import selectors

    if not can_view_dashboard(request.user, quarter):
        return None
    counts = selectors.light_counts(quarter=quarter)
    url = reverse("council:quarter", args=[quarter.slug])
    return Panel(
        title=_("Council decisions"),
        rows=[
            (_("Resolution points overdue"), counts["overdue"], url),
            (_("Resolution points with the deadline near"), counts["near"], url),
        ],
        links=[Link(_("Open points"), url)],
    )


def load_demo(demo) -> None:
    """The Connewitz motion with its history, and a decision in each demo quarter (idempotent)."""
    from .demo import load

    load(demo)


def run_scheduled() -> str:
    """Remind responsible offices of deadlines ahead, then read papers from the cities' OParl endpoints."""
    from .importer import import_all
    from .services import send_deadline_reminders

    sent = send_deadline_reminders()
    return f"{sent} deadline reminders; import: {import_all()}"
