"""What the event pages share: the page size, form errors from the services, finding a visible event."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from quartierwerk.core.errors import DomainError

from .. import rules
from ..models import Event

PAGE_SIZE = 25


def _fail(form, exc: DomainError) -> None:
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    form.add_error(field, str(exc))


def _event_or_404(pk, *, quarter=None, city_wide=False) -> Event:
    qs = Event.objects.select_related(
        "quarter", "venue", "group", "organiser_organisation", "city", "minutes"
    )
    if city_wide:
        return get_object_or_404(qs, pk=pk, quarter__isnull=True)
    return get_object_or_404(qs, pk=pk, quarter=quarter)


def _visible_event(request, pk, quarter=None, city_wide=False) -> Event:
    event = _event_or_404(pk, quarter=quarter, city_wide=city_wide)
    if not rules.can_view_event(request.user, event):
        # Internal entries are not revealed: the same answer as for an event that does not exist.
        raise Http404
    return event
