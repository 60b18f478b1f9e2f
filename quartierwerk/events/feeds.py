"""Feeds: iCalendar per quarter, city, group and kind, the personal feed behind a secret link, RSS/Atom.

Public feeds hold public events only (never internal sessions, whoever asks); each costs one query for the
events whatever their number, repeating events are one VEVENT with RRULE/EXDATE.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from quartierwerk.core import multilingual
from quartierwerk.core.choices import display
from quartierwerk.core.views import quarter_or_404

from . import ical, selectors, services
from .models import Event, Registration

PAST_DAYS = 90
FUTURE_DAYS = 730
FEED_MAX = 3000  # a feed holds at most this many events, the earliest first
RSS_ITEMS = 50


def _window():
    now = timezone.now()
    return now - datetime.timedelta(days=PAST_DAYS), now + datetime.timedelta(days=FUTURE_DAYS)


def _public_events():
    return Event.objects.filter(is_public=True).select_related("quarter", "venue")


def _ics_response(events, name: str, filename: str, *, private: bool = False) -> HttpResponse:
    events = events.order_by("starts_at", "pk")[:FEED_MAX]
    response = HttpResponse(ical.calendar_for(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


def quarter_ics(request, slug):
    quarter = quarter_or_404(slug)
    start, end = _window()
    events = selectors.in_window(_public_events().filter(quarter=quarter), start, end)
    return _ics_response(events, quarter.name, f"{quarter.slug}.ics")


def kind_ics(request, slug, kind):
    quarter = quarter_or_404(slug)
    if kind not in Event.Kind.values:
        raise Http404
    start, end = _window()
    events = selectors.in_window(_public_events().filter(quarter=quarter, kind=kind), start, end)
    return _ics_response(events, f"{quarter.name} – {Event.Kind(kind).label}", f"{quarter.slug}-{kind}.ics")


def group_ics(request, slug, group_slug):
    """Public sessions of a public group."""
    from quartierwerk.actors.models import Group

    quarter = quarter_or_404(slug)
    group = get_object_or_404(Group, quarter=quarter, slug=group_slug, is_public=True)
    start, end = _window()
    events = selectors.in_window(_public_events().filter(group=group), start, end)
    return _ics_response(events, f"{group.name} ({quarter.name})", f"{quarter.slug}-{group.slug}.ics")


def city_ics(request):
    start, end = _window()
    events = selectors.in_window(_public_events(), start, end)
    city = request.GET.get("city")
    if city:
        events = events.filter(city__slug=city)
    return _ics_response(events, _("All events"), "termine.ics")


@never_cache
def personal_ics(request, token):
    """One person's registrations and the sessions of their groups; the link stops working once revoked."""
    user = services.user_for_calendar_token(token)
    if user is None:
        raise Http404
    start, end = _window()
    registered = Registration.objects.filter(
        user=user, status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING]
    ).values("event_id")
    events = selectors.in_window(
        Event.objects.filter(Q(pk__in=registered) | Q(group_id__in=selectors.member_group_ids(user))),
        start,
        end,
    ).select_related("quarter", "venue")
    return _ics_response(events, _("My events"), "meine-termine.ics", private=True)


class QuarterEventsRss(Feed):
    """Coming public events of a quarter (or of every quarter) as RSS 2.0."""

    description_template = None

    def get_object(self, request, slug=None):
        return quarter_or_404(slug) if slug else None

    def title(self, obj):
        return _("Events in %(place)s") % {"place": obj.name} if obj else _("Events in all quarters")

    def link(self, obj):
        from django.urls import reverse

        return reverse("events:calendar", args=[obj.slug]) if obj else reverse("events:city_calendar")

    def description(self, obj):
        return _("Coming public events")

    def items(self, obj):
        now = timezone.now()
        qs = _public_events().exclude(status=Event.Status.CANCELLED)
        if obj is not None:
            qs = qs.filter(quarter=obj)
        # The first dates only: repeating events are not expanded over the whole half year.
        return selectors.OccurrenceList(qs, now, now + datetime.timedelta(days=180))[:RSS_ITEMS]

    def item_title(self, occ):
        when = timezone.localtime(occ.starts_at).strftime("%d.%m.%Y %H:%M")
        return f"{multilingual.pick(occ.event, 'title')} ({when})"

    def item_description(self, occ):
        return str(multilingual.pick(occ.event, "description"))

    def item_link(self, occ):
        return occ.event.get_absolute_url() + f"#{occ.date.isoformat()}"

    def item_guid(self, occ):
        return f"{ical.uid_for(occ.event)}/{occ.date.isoformat()}"

    item_guid_is_permalink = False

    def item_pubdate(self, occ):
        return occ.event.created_at

    def item_updateddate(self, occ):
        return occ.event.updated_at

    def item_categories(self, occ):
        return [display(occ.event, "kind")]


class QuarterEventsAtom(QuarterEventsRss):
    feed_type = Atom1Feed
    subtitle = QuarterEventsRss.description
