"""What the reports module adds to the shared pages (quarter page, staff dashboard, demo data, scheduled jobs)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.modules import Link, Panel


def quarter_links(quarter) -> list[Link]:
    return [
        Link(
            _("Report a problem, question or idea"),
            reverse("reports:start", args=[quarter.slug]),
            _("Rubbish, a broken light, a dangerous crossing – we take it up or find the right contact."),
        ),
        Link(
            _("Reports and answers"),
            reverse("reports:list", args=[quarter.slug]),
            _("What was reported in the quarter and what became of it."),
        ),
    ]


def city_links() -> list[Link]:
    return [
        Link(
            _("Open311 interface for reports"),
            reverse("reports:open311_discovery", args=["json"]),
            _("For apps that file reports (GeoReport v2)."),
        )
    ]


def dashboard_panel(request, quarter) -> Panel | None:
    from . import rules, selectors

    if not rules.can_view_inbox(request.user, quarter):
        return None
    counts = selectors.panel_counts(quarter, request.user)
    inbox = reverse("reports:inbox", args=[quarter.slug])
    return Panel(
        title=_("Reports"),
        rows=[
            (_("New"), counts["new"], f"{inbox}?view=new"),
            (_("Unassigned"), counts["unassigned"], f"{inbox}?view=unassigned"),
            (_("Overdue"), counts["overdue"], f"{inbox}?view=overdue"),
            (_("Mine"), counts["mine"], f"{inbox}?view=mine"),
        ],
        links=[Link(_("Figures"), reverse("reports:figures", args=[quarter.slug]))],
    )


def load_demo(demo) -> None:
    """Categories, responsible bodies and a few reports per demo quarter (idempotent)."""
    from .demo import load

    load(demo)


def run_scheduled() -> str:
    """Remind bodies of overdue forwarded reports; remove contact data of long-closed reports (retention)."""
    from .tasks import anonymise_old_contacts, ask_whether_fixed, remind_overdue

    reminders = remind_overdue()
    asked = ask_whether_fixed()
    removed = anonymise_old_contacts()
    return f"{reminders}; {asked} reporter(s) asked whether fixed; contact data removed from {removed} old closed report(s)"
