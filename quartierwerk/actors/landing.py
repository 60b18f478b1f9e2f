"""What the actors module asks of a person on "My work": the organisations they speak for; for the office,
registrations and claims to decide."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.landing import ITEMS_PER_SECTION, Item, OfficeRow, Section

from . import rules
from .models import Organisation, Representation


def sections(viewer) -> list[Section]:
    """The entries the person represents or has asked to represent (one query; nothing for others)."""
    reps = list(
        Representation.objects.filter(
            user=viewer.user,
            status__in=[Representation.Status.PENDING, Representation.Status.APPROVED],
        )
        .select_related("organisation", "organisation__quarter")
        .order_by("organisation__name", "pk")[:ITEMS_PER_SECTION]
    )
    if not reps and "actor_representative" not in {
        r for roles in viewer.roles.by_quarter.values() for r in roles
    }:
        return []
    items = []
    for rep in reps:
        org = rep.organisation
        if rep.status == Representation.Status.PENDING:
            items.append(
                Item(
                    label=org.name,
                    url=reverse("actors:my_organisations"),
                    detail=_("Your request to speak for this entry waits for the office."),
                )
            )
        else:
            items.append(
                Item(
                    label=org.name,
                    url=reverse("actors:edit_own", args=[org.pk]),
                    detail=_("Keep the directory entry up to date."),
                )
            )
    return [
        Section(
            key="organisations",
            title=_("My organisations"),
            items=items,
            empty_text=_("You do not speak for an organisation in the directory yet."),
            more_label=_("All my organisations"),
            more_url=reverse("actors:my_organisations"),
        )
    ]


def office_rows(viewer, quarters) -> dict[int, list[OfficeRow]]:
    """Registrations to verify and claims to decide, per quarter (one query)."""
    allowed = {q.pk: q for q in quarters if rules.can_read_actors(viewer.user, q)}
    if not allowed:
        return {}
    figures = (
        Organisation.objects.filter(quarter_id__in=allowed)
        .values("quarter_id")
        .annotate(
            pending=Count("pk", filter=Q(status=Organisation.Status.PENDING), distinct=True),
            claims=Count(
                "representations",
                filter=Q(representations__status="pending", representations__is_claim=True),
                distinct=True,
            ),
        )
        .order_by()
    )
    rows = {}
    for row in figures:
        base = reverse("actors:staff_index", args=[allowed[row["quarter_id"]].slug])
        rows[row["quarter_id"]] = [
            OfficeRow(_("Registrations to verify"), row["pending"], base),
            OfficeRow(_("Claims to decide"), row["claims"], base),
        ]
    return rows
