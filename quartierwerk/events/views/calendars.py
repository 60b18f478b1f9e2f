"""The calendars: a quarter's, the city's and the office's, as a list of coming dates or a month."""

import calendar as pycalendar
import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from quartierwerk.core import keyset
from quartierwerk.core.models import City
from quartierwerk.core.views import quarter_or_404, staff_quarter

from .. import rules, selectors
from ..models import LANGUAGE_CHOICES, Event
from ..selectors import Occurrence
from .common import PAGE_SIZE

LIST_DAYS = 366
STAFF_PAST_DAYS = 60


def _month_bounds(value: str | None):
    """The month asked for (this month if none or invalid), the weeks of its grid (Monday to Sunday) and the
    window the grid shows, from the Monday of its first week to the end of the Sunday of its last."""
    today = timezone.localdate()
    try:
        year, month = (int(p) for p in (value or "").split("-"))
        if not 1900 <= year <= 2200:
            raise ValueError(year)
        first = datetime.date(year, month, 1)
    except (TypeError, ValueError):
        first = today.replace(day=1)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start = timezone.make_aware(datetime.datetime.combine(weeks[0][0], datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(weeks[-1][-1] + datetime.timedelta(days=1), datetime.time.min)
    )
    last_day = pycalendar.monthrange(first.year, first.month)[1]
    prev_month = (first - datetime.timedelta(days=1)).replace(day=1)
    next_month = first + datetime.timedelta(days=last_day)
    return first, weeks, start, end, prev_month, next_month


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _calendar_context(request, *, quarter=None, city=None, include_internal=False):
    """Shared by the quarter, city and staff calendars: a list of coming dates or a month grouped by day."""
    filters = selectors.CalendarFilters.from_query(request.GET)
    view = "month" if request.GET.get("view") == "month" else "list"
    ctx = {
        "filters": filters,
        "view": view,
        "kinds": Event.Kind.choices,
        "topics": Event.Topic.choices,
        "languages": LANGUAGE_CHOICES,
    }
    keep = {
        k: v
        for k, v in request.GET.items()
        if k in ("city", "kind", "topic", "language", "step_free", "childcare") and v
    }
    if view == "month":
        first, weeks, start, end, prev_month, next_month = _month_bounds(request.GET.get("month"))
        occurrences = selectors.calendar(
            request.user,
            quarter=quarter,
            city=city,
            start=start,
            end=end,
            filters=filters,
            include_internal=include_internal,
        )
        by_day: dict = {}
        for occ in occurrences:
            # An event that began before the grid shows on its first day.
            by_day.setdefault(max(occ.date, weeks[0][0]), []).append(occ)
        # The list (phones, screen readers) holds the month's own days; the grid also its first and last week.
        days = {}
        for day, occs in by_day.items():
            if day.month == first.month:
                days.setdefault(day, []).extend(occs)
            elif day < first:
                days.setdefault(first, []).extend(o for o in occs if o.ends_at >= _aware(first))
        today = timezone.localdate()
        ctx.update(
            month=first,
            days=sorted((day, occs) for day, occs in days.items() if occs),
            weeks=[
                [
                    {
                        "date": day,
                        "in_month": day.month == first.month,
                        "today": day == today,
                        "occurrences": by_day.get(day, []),
                    }
                    for day in week
                ]
                for week in weeks
            ],
            prev_month=prev_month,
            next_month=next_month,
            prev_query=urlencode({**keep, "view": "month", "month": prev_month.strftime("%Y-%m")}),
            next_query=urlencode({**keep, "view": "month", "month": next_month.strftime("%Y-%m")}),
            list_query=urlencode(keep),
        )
    else:
        start = timezone.now().replace(second=0, microsecond=0)
        end = start + datetime.timedelta(days=LIST_DAYS)
        if include_internal:
            # The office also needs the recent past (sessions whose minutes are still to be written), but
            # apart: "coming events" start today.
            past = selectors.calendar_list(
                request.user,
                quarter=quarter,
                city=city,
                start=start - datetime.timedelta(days=STAFF_PAST_DAYS),
                end=start,
                filters=filters,
                include_internal=include_internal,
            )
            ctx["recent_sessions"] = [o for o in past[:PAGE_SIZE] if o.ends_at < start][::-1]
        occurrences, series = selectors.calendar_page(
            request.user,
            quarter=quarter,
            city=city,
            start=start,
            end=end,
            filters=filters,
            include_internal=include_internal,
            request=request,
        )
        ctx["series"] = series
        if quarter is None and not include_internal:
            # Across every quarter: pages by (start, id) after a cursor, no count of every match.
            page = keyset.paginate(occurrences.qs, key="starts_at", request=request, size=PAGE_SIZE)
            ctx.update(
                keyset_page=page, occurrences=[Occurrence(e, e.starts_at, e.ends_at) for e in page.rows]
            )
        else:
            page_obj = Paginator(occurrences, PAGE_SIZE).get_page(request.GET.get("page"))
            ctx.update(page_obj=page_obj, occurrences=page_obj.object_list)
        ctx.update(
            query_string=urlencode(keep),
            month_query=urlencode({**keep, "view": "month"}),
        )
    return ctx


def quarter_calendar(request, slug):
    """The public calendar of a quarter."""
    quarter = quarter_or_404(slug)
    ctx = _calendar_context(request, quarter=quarter)
    ctx.update(
        quarter=quarter,
        feed_url=reverse("events:quarter_ics", args=[quarter.slug]),
        rss_url=reverse("events:quarter_rss", args=[quarter.slug]),
        can_manage=rules.can_see_internal(request.user, quarter),
    )
    return render(request, "events/calendar.html", ctx)


def city_calendar(request):
    """All public events of every quarter (and city-wide ones), optionally of one city."""
    if "page" in request.GET:
        return keyset.first_page_redirect(request)
    city = None
    if request.GET.get("city"):
        city = get_object_or_404(City, slug=request.GET["city"])
    ctx = _calendar_context(request, city=city)
    ctx.update(
        city=city,
        cities=City.objects.all(),
        feed_url=reverse("events:city_ics"),
        rss_url=reverse("events:city_rss"),
    )
    return render(request, "events/calendar.html", ctx)


@login_required
def staff_calendar(request, slug):
    """The office's calendar: public and internal entries, with registrations at a glance."""
    quarter = staff_quarter(request, slug)
    ctx = _calendar_context(request, quarter=quarter, include_internal=True)
    ctx.update(quarter=quarter, staff=True, can_manage=rules.can_manage_events(request.user, quarter))
    return render(request, "events/calendar.html", ctx)
