"""What the actors module adds to the shared pages (quarter page, staff dashboard, demo data, scheduled jobs)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.modules import Figure, Link, Panel, per_quarter


def quarter_links(quarter) -> list[Link]:
    return [
        Link(
            _("Who is active here"),
            reverse("actors:directory", args=[quarter.slug]),
            _("Associations, initiatives and institutions with their offers, on a list and a map."),
        ),
        Link(
            _("Networks and committees"),
            reverse("actors:groups", args=[quarter.slug]),
            _("Working groups, networks and the neighbourhood council."),
        ),
    ]


def city_links() -> list[Link]:
    return [
        Link(
            _("Directory of actors"), reverse("actors:city_directory"), _("Everyone active in every quarter.")
        )
    ]


def dashboard_panel(request, quarter) -> Panel | None:
    """Figures for the staff dashboard in one aggregate query."""
    from . import rules
    from .models import Organisation

    if not rules.can_read_actors(request.user, quarter):
        return None
    figures = Organisation.objects.filter(quarter=quarter).aggregate(
        listed=Count("pk", filter=Q(status=Organisation.Status.VERIFIED, is_public=True)),
        pending=Count("pk", filter=Q(status=Organisation.Status.PENDING)),
        claims=Count(
            "representations",
            filter=Q(representations__status="pending", representations__is_claim=True),
            distinct=True,
        ),
    )
    base = reverse("actors:staff_index", args=[quarter.slug])
    return Panel(
        title=_("Actors"),
        rows=[
            (_("Registrations to verify"), figures["pending"], base),
            (_("Claims to decide"), figures["claims"], base),
            (
                _("Entries in the directory"),
                figures["listed"],
                reverse("actors:directory", args=[quarter.slug]),
            ),
        ],
        links=[
            Link(_("Groups"), reverse("actors:staff_groups", args=[quarter.slug])),
            Link(_("Volunteering"), reverse("actors:staff_volunteers", args=[quarter.slug])),
        ],
    )


def run_scheduled() -> str:
    from .services import enforce_retention, remind_representatives

    result = enforce_retention()
    reminded = remind_representatives()
    return (
        f"{result['flagged']} persons past their retention period flagged, {result['anonymised']} anonymised, "
        f"{reminded} representatives asked to check their entry"
    )


def load_demo(demo) -> None:
    """Add this module's demo data; `demo` holds the quarters and users (see core.demo)."""
    from .demo import load

    load(demo)


def figures(quarter_ids: list[int], year: int) -> list[Figure]:
    """Groups active in the year (founded by its end, not dissolved before it) and new actors (2 queries)."""
    from .models import Group, Organisation

    groups = (
        Group.objects.filter(quarter_id__in=quarter_ids, created_at__year__lte=year)
        .exclude(ended_at__year__lt=year)
        .values("quarter_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    new = (
        Organisation.objects.filter(quarter_id__in=quarter_ids, created_at__year=year)
        .values("quarter_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    section = _("Network")
    return [
        Figure("actors.groups", _("Networks and working groups"), per_quarter(groups, "n"), section=section),
        Figure("actors.new", _("New organisations in the directory"), per_quarter(new, "n"), section=section),
    ]
