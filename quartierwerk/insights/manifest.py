"""What the insights module adds to the shared pages and which figures it declares itself (the contact
point's log and the team's time); it reads every other module's figures through their manifests."""

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.modules import Figure, Link, Panel, per_quarter


def quarter_links(quarter) -> list[Link]:
    return [
        Link(
            _("Annual reports"),
            reverse("insights:reports", args=[quarter.slug]),
            _("What happened in the quarter this year, in figures and in the office's words."),
        )
    ]


def city_links() -> list[Link]:
    return []


def dashboard_panel(request, quarter) -> Panel | None:
    from django.utils import timezone

    from . import rules
    from .models import ContactLogEntry

    if not rules.can_view_internal(request.user, quarter):
        return None
    today = timezone.localdate()
    contacts = ContactLogEntry.objects.filter(quarter=quarter, day=today).count()
    log = reverse("insights:contact_log", args=[quarter.slug])
    links = [
        Link(_("Figures"), reverse("insights:figures", args=[quarter.slug])),
        Link(_("Team time"), reverse("insights:time", args=[quarter.slug])),
        Link(_("Annual reports"), reverse("insights:staff_reports", args=[quarter.slug])),
    ]
    if rules.can_view_city_dashboard(request.user, quarter.city):
        links.append(Link(_("All quarters of the city"), reverse("insights:city", args=[quarter.city.slug])))
    return Panel(title=_("Insights"), rows=[(_("Contacts today"), contacts, log)], links=links)


def figures(quarter_ids: list[int], year: int) -> list[Figure]:
    """Contacts at the contact point by channel, topic and referral, and the team's hours per field (4 queries)."""
    from .models import ContactLogEntry, FieldOfAction, TimeEntry

    contacts = ContactLogEntry.objects.filter(quarter_id__in=quarter_ids, day__year=year)
    total = contacts.values("quarter_id").annotate(n=Count("pk")).order_by()
    section = _("Contact point")
    found = [
        Figure(
            "insights.contacts", _("Contacts at the contact point"), per_quarter(total, "n"), section=section
        )
    ]
    split: dict[tuple[str, str], dict[int, int]] = {}
    for row in (
        contacts.values("quarter_id", "channel", "topic", "referred_to").annotate(n=Count("pk")).order_by()
    ):
        for name in ("channel", "topic", "referred_to"):
            cell = split.setdefault((name, row[name]), {})
            cell[row["quarter_id"]] = cell.get(row["quarter_id"], 0) + row["n"]
    choices = {
        "channel": (ContactLogEntry.Channel, _("Contacts, how: %(what)s")),
        "topic": (ContactLogEntry.Topic, _("Contacts, topic: %(what)s")),
        "referred_to": (ContactLogEntry.Referral, _("Contacts, referred to: %(what)s")),
    }
    for name, (enum, pattern) in choices.items():
        for value, label in enum.choices:
            if (name, value) in split:
                found.append(
                    Figure(
                        f"insights.{name}.{value}",
                        pattern % {"what": label},
                        split[(name, value)],
                        section=section,
                    )
                )
    hours = (
        TimeEntry.objects.filter(quarter_id__in=quarter_ids, day__year=year)
        .values("quarter_id", "field_id")
        .annotate(h=Sum("hours"))
        .order_by()
    )
    fields = {f.pk: f.title for f in FieldOfAction.objects.filter(quarter_id__in=quarter_ids)}
    team = _("Team time")
    by_field: dict[int, dict[int, float]] = {}
    for row in hours:
        by_field.setdefault(row["field_id"], {})[row["quarter_id"]] = float(row["h"] or 0)
    for field_id, values in sorted(by_field.items(), key=lambda item: fields.get(item[0], "")):
        label = _("Hours: %(field)s") % {"field": fields.get(field_id, "")}
        found.append(
            Figure(f"insights.hours.{field_id}", label, values, unit="hours", section=team, public=False)
        )
    return found


def load_demo(demo) -> None:
    """Contact log, fields of action with the team's time and an introduction in every demo quarter."""
    from .demo import load

    load(demo)
