"""The iCal fragment key is derived from what vevent() reads; the generic calendar parts live in core."""

import ast
import datetime
from pathlib import Path

import pytest

from quartierwerk.core import ical as core_ical
from quartierwerk.events import ical
from quartierwerk.events.models import Event, Venue


@pytest.fixture
def events_of_every_shape(make_event, quarter):
    venue = Venue.objects.create(
        quarter=quarter, name="Treff", address="Weg 1\n04209 Leipzig", lat=51.3, lon=12.3
    )
    make_event("Einmal", description="Text")
    make_event("Ort", venue=venue, online_url="https://example.org/raum")
    make_event(
        "Woche",
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=datetime.date.today() + datetime.timedelta(days=60),
        exception_dates=[(datetime.date.today() + datetime.timedelta(days=14)).isoformat()],
    )
    make_event("Ganztags", all_day=True, recurrence=Event.Recurrence.WEEKLY, exception_dates=["2030-01-01"])
    make_event("Abgesagt", status=Event.Status.CANCELLED, status_reason="Krank")
    make_event("Verschoben", status=Event.Status.POSTPONED, status_reason="Raum fehlt")
    city_wide = make_event("Stadtweit")
    Event.objects.filter(pk=city_wide.pk).update(quarter=None)
    return list(Event.objects.select_related("quarter", "venue").order_by("pk"))


@pytest.mark.django_db
@pytest.mark.parametrize("show_details", [True, False])
def test_every_field_vevent_reads_is_in_the_fragment_key(events_of_every_shape, show_details):
    read = core_ical.fields_read(ical.vevent, events_of_every_shape, show_details=show_details)
    missing = read - set(ical.FRAGMENTS.fields(show_details))
    assert not missing, f"vevent() reads {sorted(missing)}, which the fragment key leaves out"
    assert {"title", "starts_at", "venue__name", "quarter__slug", "status_reason"} <= read


def test_details_left_out_are_not_in_the_key():
    assert "description" in ical.FRAGMENTS.fields(True)
    assert "description" not in ical.FRAGMENTS.fields(False)


@pytest.mark.django_db
def test_key_from_a_queryset_row_equals_the_key_from_the_object(events_of_every_shape):
    fields = ical.FRAGMENTS.fields(True)
    rows = dict((row[0], row) for row in Event.objects.values_list(*fields))
    for event in events_of_every_shape:
        assert ical.FRAGMENTS.key(rows[event.pk], True) == ical.FRAGMENTS.key_for(event, True)


@pytest.mark.django_db
def test_a_new_read_in_the_mapping_enters_the_key_without_a_list_to_edit(events_of_every_shape):
    def render(event, *, show_details=True):
        out = ical.vevent(event, show_details=show_details)
        out.add("organizer", event.organiser_name)
        return out

    cache = core_ical.FragmentCache(
        prefix="t", model=Event, render=render, samples=ical._samples, modules=(ical.__name__,)
    )
    assert "organiser_name" in cache.fields(True)
    event = events_of_every_shape[0]
    before = cache.key_for(event, True)
    event.organiser_name = "Verein"
    assert cache.key_for(event, True) != before


@pytest.mark.django_db
def test_an_edit_to_any_read_field_serves_a_new_fragment(make_event):
    event = make_event("Werkstatt")
    first = ical.calendar_for(Event.objects.filter(pk=event.pk), name="x")
    Event.objects.filter(pk=event.pk).update(status_reason="Neu", status=Event.Status.POSTPONED)
    second = ical.calendar_for(Event.objects.filter(pk=event.pk), name="x")
    assert b"TENTATIVE" in second and b"TENTATIVE" not in first


def test_core_ical_does_not_import_events():
    tree = ast.parse(Path(core_ical.__file__).read_text())
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not [name for name in imported if name and ".events" in name]
