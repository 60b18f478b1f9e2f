"""Read queries for calendars and feeds: one query for the events of a window, repeats expanded in Python."""

import datetime
import heapq
import itertools
from dataclasses import dataclass

from django.db.models import ExpressionWrapper, IntegerField, Q, QuerySet
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, ExtractMinute
from django.utils import timezone

from quartierwerk.core import keyset
from quartierwerk.core.languages import OLD_CODES

from . import rules
from .models import ActionItem, Event

MAX_OCCURRENCES_PER_EVENT = 400


@dataclass(frozen=True)
class Occurrence:
    """One date of an event (a repeating event has many)."""

    event: Event
    starts_at: datetime.datetime
    ends_at: datetime.datetime

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.starts_at)

    @property
    def date(self) -> datetime.date:
        return self.local_start.date()


@dataclass
class CalendarFilters:
    kind: str = ""
    topic: str = ""
    language: str = ""
    step_free: bool = False
    childcare: bool = False
    group_id: int | None = None

    @classmethod
    def from_query(cls, params) -> "CalendarFilters":
        def flag(name):
            return params.get(name) in ("1", "on", "true")

        kind = params.get("kind", "")
        topic = params.get("topic", "")
        language = params.get("language", "")
        language = OLD_CODES.get(language, language)  # links from before the one list of languages
        return cls(
            kind=kind if kind in Event.Kind.values else "",
            topic=topic if topic in Event.Topic.values else "",
            language=language if language.replace("-", "").isalpha() and len(language) <= 12 else "",
            step_free=flag("step_free"),
            childcare=flag("childcare"),
        )

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.topic:
            qs = qs.filter(topic=self.topic)
        if self.language:
            # A JSON list of codes: the quoted code matches one element whole ("de" is not "de-simple").
            qs = qs.filter(languages__icontains=f'"{self.language}"')
        if self.step_free:
            qs = qs.filter(venue__step_free=True)
        if self.childcare:
            qs = qs.filter(childcare=True)
        if self.group_id:
            qs = qs.filter(group_id=self.group_id)
        return qs


def visible_events(user, *, include_internal: bool = True) -> QuerySet:
    """Events the user may see: public ones, plus internal ones of quarters where the user is staff or city staff."""
    qs = Event.objects.select_related("quarter", "venue", "group", "organiser_organisation")
    if not include_internal:
        return qs.filter(is_public=True)
    sees_all, quarter_ids = rules.visible_quarter_ids(user)
    if sees_all:
        return qs
    cond = Q(is_public=True) | Q(quarter_id__in=quarter_ids)
    city_ids = rules.visible_city_ids(user)
    if city_ids:
        cond |= Q(quarter__isnull=True, city_id__in=city_ids)
    if getattr(user, "is_authenticated", False):
        cond |= Q(group_id__in=member_group_ids(user))
    return qs.filter(cond)


def member_group_ids(user) -> QuerySet:
    """Ids of the groups the user currently holds a seat in (a subquery, not a join)."""
    from quartierwerk.actors.models import GroupMembership

    today = timezone.localdate()
    return (
        GroupMembership.objects.filter(person__user=user, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values("group_id")
    )


def in_window(qs: QuerySet, start: datetime.datetime, end: datetime.datetime) -> QuerySet:
    """Events with a date in [start, end): single events that overlap it and repeating ones still running."""
    single = Q(recurrence=Event.Recurrence.NONE, starts_at__lt=end, ends_at__gte=start)
    repeating = Q(recurrence=Event.Recurrence.WEEKLY, starts_at__lt=end) & (
        Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=timezone.localtime(start).date())
    )
    return qs.filter(single | repeating)


def occurrences_of(event: Event, start: datetime.datetime, end: datetime.datetime) -> list[Occurrence]:
    """The dates of one event within [start, end), computed without a query."""
    return list(iter_occurrences(event, start, end))


def iter_occurrences(event: Event, start: datetime.datetime, end: datetime.datetime):
    """The dates of one event within [start, end), in order, one at a time."""
    if event.recurrence == Event.Recurrence.NONE:
        if event.starts_at < end and event.ends_at >= start:
            yield Occurrence(event, event.starts_at, event.ends_at)
        return
    tz = timezone.get_current_timezone()
    first = event.starts_at.astimezone(tz)
    duration = event.duration
    skipped = set(event.exception_dates or [])
    # Jump close to the window instead of walking from the first date.
    weeks_ahead = _weeks_ahead(first, start, tz)
    for n in range(weeks_ahead, weeks_ahead + MAX_OCCURRENCES_PER_EVENT):
        day = first.date() + datetime.timedelta(weeks=n)
        if event.recurrence_until and day > event.recurrence_until:
            break
        # Wall-clock time stays the same across daylight-saving changes.
        occ_start = datetime.datetime.combine(day, first.time().replace(tzinfo=None)).replace(tzinfo=tz)
        if occ_start >= end:
            break
        occ_end = occ_start + duration
        if occ_end < start or day.isoformat() in skipped:
            continue
        yield Occurrence(event, occ_start, occ_end)


def _weeks_ahead(first: datetime.datetime, start: datetime.datetime, tz) -> int:
    return max(0, (start.astimezone(tz).date() - first.date()).days // 7 - 1)


def count_occurrences(event: Event, start: datetime.datetime, end: datetime.datetime) -> int:
    """len(occurrences_of(event, start, end)), worked out from the dates instead of listing them."""
    if event.recurrence == Event.Recurrence.NONE:
        return int(event.starts_at < end and event.ends_at >= start)
    tz = timezone.get_current_timezone()
    first = event.starts_at.astimezone(tz)
    wall_time = first.time().replace(tzinfo=None)

    def starts(n: int) -> datetime.datetime:
        return datetime.datetime.combine(first.date() + datetime.timedelta(weeks=n), wall_time).replace(
            tzinfo=tz
        )

    low = _weeks_ahead(first, start, tz)
    # A date after the window's last local day starts after the window: one week more is a safe bound.
    high = min(low + MAX_OCCURRENCES_PER_EVENT - 1, (end.astimezone(tz).date() - first.date()).days // 7 + 1)
    if event.recurrence_until:
        high = min(high, (event.recurrence_until - first.date()).days // 7)
    while high >= low and starts(high) >= end:
        high -= 1
    duration = event.duration
    while low <= high and starts(low) + duration < start:
        low += 1
    if low > high:
        return 0
    skipped = 0
    for iso in set(event.exception_dates or []):
        days = (datetime.date.fromisoformat(iso) - first.date()).days
        if days % 7 == 0 and low <= days // 7 <= high:
            skipped += 1
    return high - low + 1 - skipped


def expand(events, start: datetime.datetime, end: datetime.datetime) -> list[Occurrence]:
    """All dates of the given events within [start, end), in order."""
    result = [occ for event in events for occ in occurrences_of(event, start, end)]
    result.sort(key=lambda o: (o.starts_at, o.event.pk))
    return result


def calendar(
    user,
    *,
    quarter=None,
    city=None,
    start,
    end,
    filters: CalendarFilters | None = None,
    include_internal: bool = False,
) -> list[Occurrence]:
    """The dates a calendar page shows: one query, whatever the number of events or repeats."""
    qs = visible_events(user, include_internal=include_internal)
    if quarter is not None:
        qs = qs.filter(quarter=quarter)
    elif city is not None:
        qs = qs.filter(city=city)
    if filters:
        qs = filters.apply(qs)
    return expand(in_window(qs, start, end), start, end)


@dataclass(frozen=True)
class _Series:
    """The date fields of a repeating event: enough to count and order its dates."""

    pk: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    recurrence: str
    recurrence_until: datetime.date | None
    exception_dates: list

    FIELDS = ("pk", "starts_at", "ends_at", "recurrence", "recurrence_until", "exception_dates")

    @property
    def duration(self) -> datetime.timedelta:
        return self.ends_at - self.starts_at


class OccurrenceList:
    """The dates of a calendar in order, fetched page by page. Paginator and the API pagination slice it
    like a list; a page costs four queries whatever the mix of events: the count of single events, the date
    fields of the repeating events, the dates of the single events up to the end of the page, and the
    events shown on the page.

    Dates are worked out from date fields only; repeating events are counted from their dates and only the
    dates up to the end of the page are made, so a city with a thousand weekly events does not build 52,000
    dates or a thousand model objects to show 25."""

    def __init__(self, qs: QuerySet, start: datetime.datetime, end: datetime.datetime):
        self.qs = qs
        self.start, self.end = start, end
        self.singles = qs.filter(
            recurrence=Event.Recurrence.NONE, starts_at__lt=end, ends_at__gte=start
        ).order_by("starts_at", "pk")
        self.repeating_qs = in_window(qs.filter(recurrence=Event.Recurrence.WEEKLY), start, end)
        self._series: list[_Series] | None = None
        self._count: int | None = None

    def repeating_events(self) -> list[_Series]:
        if self._series is None:
            self._series = [_Series(*row) for row in self.repeating_qs.values_list(*_Series.FIELDS)]
        return self._series

    def repeating(self, limit: int) -> list[Occurrence]:
        """The first `limit` dates of the repeating events, in order (their `event` holds date fields only)."""
        merged = heapq.merge(
            *(iter_occurrences(s, self.start, self.end) for s in self.repeating_events()),
            key=lambda o: (o.starts_at, o.event.pk),
        )
        return list(itertools.islice(merged, limit))

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.singles.count() + sum(
                count_occurrences(e, self.start, self.end) for e in self.repeating_events()
            )
        return self._count

    def count(self) -> int:
        return len(self)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        stop = index.stop if index.stop is not None else len(self)
        singles = [_Series(*row) for row in self.singles.values_list(*_Series.FIELDS)[:stop]]
        dates = [Occurrence(s, s.starts_at, s.ends_at) for s in singles] + self.repeating(stop)
        page = sorted(dates, key=lambda o: (o.starts_at, o.event.pk))[index]
        if not page:
            return []
        events = self.qs.in_bulk({o.event.pk for o in page})
        return [Occurrence(events[o.event.pk], o.starts_at, o.ends_at) for o in page]

    def page_after(self, position: tuple[datetime.datetime, int] | None, size: int) -> tuple[list, bool]:
        """The next `size` dates after `position`, the (start, event id) of the last date shown (None: from
        the start), and whether more follow. Three queries at any depth and no count: the single events
        after the position, the date fields of the repeating events, and the events shown. Dates with the
        same start keep their order by event id, so paging never shows a date twice or skips one."""
        singles = self.singles
        start = self.start
        if position is not None:
            at, pk = position
            singles = singles.filter(Q(starts_at__gt=at) | Q(starts_at=at, pk__gt=pk))
            start = max(start, at)
        dates = [
            Occurrence(s, s.starts_at, s.ends_at)
            for s in (_Series(*row) for row in singles.values_list(*_Series.FIELDS)[: size + 1])
        ]
        merged = heapq.merge(
            *(iter_occurrences(s, start, self.end) for s in self.repeating_events()),
            key=lambda o: (o.starts_at, o.event.pk),
        )
        if position is not None:
            merged = (o for o in merged if (o.starts_at, o.event.pk) > position)
        dates += itertools.islice(merged, size + 1)
        dates.sort(key=lambda o: (o.starts_at, o.event.pk))
        page, more = dates[:size], len(dates) > size
        events = self.qs.in_bulk({o.event.pk for o in page}) if page else {}
        return [Occurrence(events[o.event.pk], o.starts_at, o.ends_at) for o in page], more


def calendar_list(
    user,
    *,
    quarter=None,
    city=None,
    start,
    end,
    filters: CalendarFilters | None = None,
    include_internal: bool = False,
) -> OccurrenceList:
    """Coming dates for a list page, paginated in the database."""
    qs = visible_events(user, include_internal=include_internal)
    if quarter is not None:
        qs = qs.filter(quarter=quarter)
    elif city is not None:
        qs = qs.filter(city=city)
    if filters:
        qs = filters.apply(qs)
    return OccurrenceList(qs, start, end)


class SingleDates:
    """The one-off dates of a calendar list, for Paginator: a count and one page (two queries). Repeating
    events are shown apart, once per series (`regular_series`)."""

    def __init__(self, qs: QuerySet, start: datetime.datetime, end: datetime.datetime):
        self.qs = qs.filter(recurrence=Event.Recurrence.NONE, starts_at__lt=end, ends_at__gte=start).order_by(
            "starts_at", "pk"
        )
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.qs.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return [Occurrence(e, e.starts_at, e.ends_at) for e in self.qs[index]]


@dataclass(frozen=True)
class Series:
    """A weekly event shown once: its weekday and hours, its next date in the window and the dates it skips."""

    event: Event
    next: Occurrence
    skipped: tuple[datetime.date, ...]

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.event.starts_at)

    @property
    def weekday(self) -> int:
        return self.local_start.weekday()

    @property
    def weekday_date(self) -> datetime.date:
        """A date on the series' weekday (its next date), for the localised weekday name."""
        return self.next.date

    @property
    def start_hours(self) -> str:
        return _hours(self.next.local_start)

    @property
    def end_hours(self) -> str:
        return _hours(timezone.localtime(self.next.ends_at))


def _hours(value: datetime.datetime) -> str:
    """ "14" for 14:00, "14:30" for half past: how a timetable reads."""
    return str(value.hour) if value.minute == 0 else f"{value.hour}:{value.minute:02d}"


SKIPPED_SHOWN = 3


def regular_series(qs: QuerySet, start: datetime.datetime, end: datetime.datetime) -> list[Series]:
    """The weekly events with a date in [start, end), once each, by weekday and hour (one query)."""
    return _series_of(in_window(qs.filter(recurrence=Event.Recurrence.WEEKLY), start, end), start, end)


# Weekly series on one page of a calendar list; more are reached by their own cursor (`series_after`).
SERIES_PAGE_SIZE = 30
SERIES_PARAMS = ("series_after", "series_before")


class SeriesPage(list):
    """One page of weekly series in timetable order (weekday, time of day, id), with `page` holding the
    cursors of the neighbouring pages (core/keyset.py)."""

    def __init__(self, series, page: keyset.Page):
        super().__init__(series)
        self.page = page


def _timetable_slot(tz) -> ExpressionWrapper:
    """The local weekday and time of day of an event's first date as one sortable number (ISO weekday
    × 10,000 + hour × 100 + minute), so the series can be paged by keyset in timetable order."""
    return ExpressionWrapper(
        ExtractIsoWeekDay("starts_at", tzinfo=tz) * 10000
        + ExtractHour("starts_at", tzinfo=tz) * 100
        + ExtractMinute("starts_at", tzinfo=tz),
        output_field=IntegerField(),
    )


def regular_series_page(
    qs: QuerySet,
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    request=None,
    size: int = SERIES_PAGE_SIZE,
) -> SeriesPage:
    """One page of the weekly events with a date in [start, end), once each, in timetable order: one query
    however many series the city holds, and every series reachable through the page's cursors."""
    weekly = in_window(qs.filter(recurrence=Event.Recurrence.WEEKLY), start, end).annotate(
        slot=_timetable_slot(timezone.get_current_timezone())
    )
    page = keyset.paginate(weekly, key="slot", request=request, size=size, params=SERIES_PARAMS)
    return SeriesPage(_series_of(page.rows, start, end), page)


def _series_of(events, start: datetime.datetime, end: datetime.datetime) -> list[Series]:
    series = []
    first_day, last_day = timezone.localtime(start).date(), timezone.localtime(end).date()
    for event in events:
        upcoming = next(iter_occurrences(event, start, end), None)
        if upcoming is None:
            continue
        skipped = sorted(
            day
            for day in (datetime.date.fromisoformat(iso) for iso in set(event.exception_dates or []))
            if first_day <= day < last_day
            and (event.recurrence_until is None or day <= event.recurrence_until)
        )
        series.append(Series(event, upcoming, tuple(skipped[:SKIPPED_SHOWN])))
    series.sort(key=lambda s: (s.weekday, s.local_start.time(), s.event.title, s.event.pk))
    return series


def calendar_page(
    user,
    *,
    quarter=None,
    city=None,
    start,
    end,
    filters: CalendarFilters | None = None,
    include_internal: bool = False,
    request=None,
) -> tuple[SingleDates, SeriesPage]:
    """A calendar list page: the one-off dates (paginated) and each weekly series once, a page of them at a
    time. Three queries: the count and one page of one-off dates, and one page of weekly events, whatever
    their number."""
    qs = visible_events(user, include_internal=include_internal)
    if quarter is not None:
        qs = qs.filter(quarter=quarter)
    elif city is not None:
        qs = qs.filter(city=city)
    if filters:
        qs = filters.apply(qs)
    return SingleDates(qs, start, end), regular_series_page(qs, start, end, request=request)


def open_action_items_of_group(group_id: int, *, before: datetime.datetime | None = None) -> QuerySet:
    """Open tasks of a group, to be followed up at its next session."""
    qs = ActionItem.objects.filter(group_id=group_id, status__in=ActionItem.OPEN_STATES).select_related(
        "assignee_person", "assignee_organisation", "event"
    )
    if before is not None:
        qs = qs.filter(Q(event__isnull=True) | Q(event__starts_at__lt=before))
    return qs.order_by("due_date", "pk")


def my_action_items(user) -> QuerySet:
    """Tasks assigned to the user (through a Person linked to the account)."""
    return (
        ActionItem.objects.filter(assignee_person__user=user)
        .select_related("group", "event", "event__quarter", "assignee_person", "quarter")
        .order_by("status", "due_date", "pk")
    )


def agenda_for(user, event: Event) -> list:
    """The agenda of a session as the user may see it: internal items only for those who see the whole agenda."""
    items = list(event.agenda_items.prefetch_related("documents"))
    if rules.can_see_whole_agenda(user, event):
        return items
    return [item for item in items if item.is_public]


def open_tasks_for(user, event: Event) -> list:
    """The group's open tasks shown with a session, if the user may see them (the minutes' rule)."""
    if not rules.can_see_open_tasks(user, event):
        return []
    return list(open_action_items_of_group(event.group_id, before=event.starts_at))


def minutes_for(user, event: Event):
    """The minutes of a session if the user may read them, else None (one query)."""
    from .models import Minutes

    record = Minutes.objects.filter(event=event).first()
    if record is None:  # assigning None to the reverse relation would only clear its cache
        return None
    event.minutes = record
    return record if rules.can_view_minutes(user, event) else None
