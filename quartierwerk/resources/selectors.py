"""Read queries of the resource pool, each page at a fixed number of SQL queries whatever the rows."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from . import rules
from .booking_rules import local_midnight, local_zone, overlaps
from .models import Booking, Closure, Resource, Timeframe

CALENDAR_DAYS = 14


def search(quarter, *, kind: str = "", day: datetime.date | None = None, place: str = "", user=None):
    """Published resources of a quarter (all of them for its office), by kind, place and free on a day.

    Three queries: resources with owners, their timeframes, and (with a day) what holds that day.
    """
    qs = (
        Resource.objects.filter(quarter=quarter)
        .select_related("owner", "category", "quarter")
        .order_by("kind", "name", "id")
    )
    if not rules.can_view_office(user, quarter):
        qs = qs.filter(is_published=True)
    if kind:
        qs = qs.filter(kind=kind)
    if place:
        qs = qs.filter(Q(place__icontains=place) | Q(owner__name__icontains=place) | Q(name__icontains=place))
    prefetch = [Prefetch("timeframes", queryset=Timeframe.objects.order_by("id"))]
    resources = list(qs.prefetch_related(*prefetch)[:200])
    if day is None:
        return resources
    start, end = local_midnight(day), local_midnight(day + datetime.timedelta(days=1))
    holding = set(
        Booking.objects.filter(
            resource__in=[r.pk for r in resources],
            status__in=Booking.HOLDING,
            starts_at__lte=start,
            blocked_until__gte=end,
        ).values_list("resource_id", flat=True)
    ) | set(
        Closure.objects.filter(
            resource__in=[r.pk for r in resources], starts_at__lte=start, ends_at__gte=end
        ).values_list("resource_id", flat=True)
    )
    weekday = str(day.weekday())
    return [
        r
        for r in resources
        if r.pk not in holding
        and any(
            weekday in f.weekdays
            and (not f.valid_from or f.valid_from <= day)
            and (not f.valid_until or day <= f.valid_until)
            for f in r.timeframes.all()
        )
    ]


@dataclass
class Day:
    date: datetime.date
    open_hours: list = field(default_factory=list)  # (start, end) local times it can be booked
    busy: list = field(default_factory=list)  # (start, end, label) local, taken or closed


def calendar(
    resource: Resource, first: datetime.date, *, days: int = CALENDAR_DAYS, show_who: bool = False
) -> list[Day]:
    """Free and busy per day for `days` days from `first`: three queries (timeframes, bookings, closures)."""
    from django.utils.translation import gettext as _

    tz = local_zone()
    start, end = local_midnight(first), local_midnight(first + datetime.timedelta(days=days))
    frames = list(resource.timeframes.all())
    bookings = list(
        Booking.objects.filter(
            resource=resource, status__in=Booking.HOLDING, starts_at__lt=end, blocked_until__gt=start
        ).select_related("organisation")
        if show_who
        else Booking.objects.filter(
            resource=resource, status__in=Booking.HOLDING, starts_at__lt=end, blocked_until__gt=start
        )
    )
    closures = list(Closure.objects.filter(resource=resource, starts_at__lt=end, ends_at__gt=start))
    result = []
    for n in range(days):
        date = first + datetime.timedelta(days=n)
        day_start, day_end = local_midnight(date), local_midnight(date + datetime.timedelta(days=1))
        entry = Day(date=date)
        for f in frames:
            if str(date.weekday()) not in f.weekdays:
                continue
            if (f.valid_from and date < f.valid_from) or (f.valid_until and date > f.valid_until):
                continue
            entry.open_hours.append((datetime.time(0), None) if f.whole_days else (f.opens_at, f.closes_at))
        for b in bookings:
            if overlaps((b.starts_at, b.blocked_until), (day_start, day_end)):
                label = b.booker_label if show_who else _("booked")
                entry.busy.append(
                    (
                        max(b.starts_at, day_start).astimezone(tz),
                        min(b.ends_at, day_end).astimezone(tz),
                        label,
                    )
                )
        for c in closures:
            if overlaps((c.starts_at, c.ends_at), (day_start, day_end)):
                entry.busy.append(
                    (
                        max(c.starts_at, day_start).astimezone(tz),
                        min(c.ends_at, day_end).astimezone(tz),
                        c.get_reason_display(),
                    )
                )
        entry.busy.sort(key=lambda item: item[0])
        result.append(entry)
    return result


def bookings_of(user):
    """The bookings a person made or that an organisation they represent made, newest first (one query)."""
    from quartierwerk.actors.models import Representation

    orgs = Representation.objects.filter(user=user, status=Representation.Status.APPROVED).values(
        "organisation_id"
    )
    return (
        Booking.objects.filter(Q(booker=user) | Q(organisation_id__in=orgs))
        .select_related("resource", "resource__quarter", "resource__owner", "organisation")
        .order_by("-starts_at", "-id")
    )


def managed_resources(user, quarter):
    """The resources of a quarter whose bookings this user decides on."""
    qs = Resource.objects.filter(quarter=quarter)
    if rules.can_view_office(user, quarter) and (
        rules.is_staff_of_quarter(user, quarter) or rules.is_admin(user)
    ):
        return qs
    from quartierwerk.actors.models import Representation

    orgs = Representation.objects.filter(user=user, status=Representation.Status.APPROVED).values(
        "organisation_id"
    )
    return qs.filter(owner_id__in=orgs)


def requests_for(user, quarter):
    """Bookings of the resources this user manages that still need a step (decide, hand over, take back)."""
    return (
        Booking.objects.filter(
            resource__in=managed_resources(user, quarter),
            status__in=[Booking.Status.REQUESTED, Booking.Status.APPROVED, Booking.Status.HANDED_OVER],
        )
        .exclude(resource__kind=Resource.Kind.OFFICE_HOURS)
        .select_related("resource", "resource__owner", "organisation", "booker")
        .order_by("starts_at", "id")
    )


def appointments_on(quarter, day: datetime.date):
    """The office-hour appointments of a day, for the office (one query)."""
    start, end = local_midnight(day), local_midnight(day + datetime.timedelta(days=1))
    return (
        Booking.objects.filter(
            quarter=quarter,
            resource__kind=Resource.Kind.OFFICE_HOURS,
            starts_at__gte=start,
            starts_at__lt=end,
            status__in=[Booking.Status.UNCONFIRMED, Booking.Status.REQUESTED, Booking.Status.APPROVED],
        )
        .select_related("resource")
        .order_by("starts_at", "id")
    )
