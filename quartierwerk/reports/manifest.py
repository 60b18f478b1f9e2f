"""What the reports module adds to the shared pages (quarter page, staff dashboard, demo data, scheduled jobs)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.modules import Figure, Link, Panel, median_days, per_quarter


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


def figures(quarter_ids: list[int], year: int) -> list[Figure]:
    """Reports received and handled in the year, and the median days to a solution per category (2 queries)."""
    from django.db.models import Count, Q

    from .models import Report

    done = (Report.Status.SOLVED, Report.Status.CLOSED, Report.Status.NOT_OUR_MATTER)
    rows = list(
        Report.objects.filter(quarter_id__in=quarter_ids, created_at__year=year)
        .values("quarter_id")
        .annotate(received=Count("pk"), handled=Count("pk", filter=Q(status__in=done)))
        .order_by()
    )
    solved = Report.objects.filter(
        quarter_id__in=quarter_ids, solved_at__year=year, solved_at__isnull=False
    ).values_list("quarter_id", "category_id", "category__name", "created_at", "solved_at")
    durations, names = [], {}
    for quarter_id, category_id, name, created_at, solved_at in solved:
        names[category_id] = name
        durations.append(((category_id, quarter_id), solved_at - created_at))
    medians = median_days(durations)
    section = _("Reports")
    found = [
        Figure("reports.received", _("Reports received"), per_quarter(rows, "received"), section=section),
        Figure("reports.handled", _("Reports handled"), per_quarter(rows, "handled"), section=section),
    ]
    for category_id, name in sorted(names.items(), key=lambda item: item[1]):
        values = {q: days for (c, q), days in medians.items() if c == category_id}
        label = _("Median days to a solution: %(category)s") % {"category": name}
        found.append(
            Figure(f"reports.median_days.{category_id}", label, values, unit="days", section=section)
        )
    return found
