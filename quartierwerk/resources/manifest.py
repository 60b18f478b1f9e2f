"""What the resource pool adds to the shared pages (quarter page, staff dashboard, demo data)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.modules import Link, Panel


def quarter_links(quarter) -> list[Link]:
    return [
        Link(
            _("Borrow and book"),
            reverse("resources:list", args=[quarter.slug]),
            _("Cargo bikes, rooms, equipment and appointments in the office hours."),
        )
    ]


def city_links() -> list[Link]:
    return []


def my_work_links(user) -> list[Link]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [Link(_("My bookings"), reverse("resources:my_bookings"))]


def dashboard_panel(request, quarter) -> Panel | None:
    from django.db.models import Count, Q
    from django.utils import timezone

    from . import rules, selectors
    from .models import Booking

    if not rules.can_view_office(request.user, quarter):
        return None
    today = timezone.localdate()
    counts = Booking.objects.filter(quarter=quarter).aggregate(
        requested=Count("pk", filter=Q(status=Booking.Status.REQUESTED)),
        out=Count("pk", filter=Q(status=Booking.Status.HANDED_OVER)),
    )
    appointments = selectors.appointments_on(quarter, today).count()
    requests = reverse("resources:requests", args=[quarter.slug])
    day = reverse("resources:appointments", args=[quarter.slug])
    return Panel(
        title=_("Resource pool"),
        rows=[
            (_("Booking requests waiting"), counts["requested"], requests),
            (_("Lent out now"), counts["out"], requests),
            (_("Appointments today"), appointments, day),
        ],
        links=[Link(_("Search the pool"), reverse("resources:list", args=[quarter.slug]))],
    )


def load_demo(demo) -> None:
    """A cargo bike, a beamer, a meeting room and office hours per demo quarter (idempotent)."""
    from .demo import load

    load(demo)


def run_scheduled() -> str:
    """Unconfirmed appointments lapse; bookers are reminded the day before their booking starts."""
    from .services import expire_unconfirmed, send_reminders

    return (
        f"{expire_unconfirmed()} unconfirmed appointments lapsed, {send_reminders()} booking reminders sent"
    )
