"""iCalendar feeds: parse and round-trip, stable UIDs, VTIMEZONE, weekly hour with an exception,
cancellations, all-day dates, and a personal feed that stops working once revoked."""

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from quartierwerk.events import ical, services
from quartierwerk.events.models import Event, Registration, Venue

from .conftest import at

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    return cal


def events_by_summary(cal):
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def consultation_hour(make_event, quarter):
    venue = Venue.objects.create(
        quarter=quarter, name="Stadtteilbüro", address="Allee 1\n04209 Leipzig", step_free=True
    )
    start = at(-14, 10)
    skipped = (timezone.localtime(start) + datetime.timedelta(weeks=3)).date()
    return make_event(
        "Sprechstunde, offen; für alle",
        kind=Event.Kind.CONSULTATION_HOURS,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=(start + datetime.timedelta(weeks=20)).date(),
        exception_dates=[skipped.isoformat()],
        venue=venue,
    )


def test_quarter_feed_parses_round_trips_and_has_a_vtimezone(
    client, quarter, public_event, consultation_hour
):
    response = client.get(reverse("events:quarter_ics", args=[quarter.slug]))
    cal = parse(response)
    assert Calendar.from_ical(cal.to_ical()).to_ical() == cal.to_ical()
    tz = cal.walk("VTIMEZONE")
    assert len(tz) == 1 and tz[0]["TZID"] == "Europe/Berlin"
    assert {c.name for c in tz[0].subcomponents} == {"DAYLIGHT", "STANDARD"}
    vevent = events_by_summary(cal)["Öffentliche Werkstatt"]
    assert vevent.get("DTSTART").params["TZID"] == "Europe/Berlin"
    assert vevent.decoded("DTSTART") == timezone.localtime(public_event.starts_at)
    assert b"DTSTART;TZID=Europe/Berlin:" in response.content


def test_uids_are_stable_across_regenerations(client, quarter, public_event, consultation_hour):
    url = reverse("events:quarter_ics", args=[quarter.slug])
    first, second = client.get(url).content, client.get(url).content
    assert first == second
    uids = {str(e["UID"]) for e in Calendar.from_ical(first).walk("VEVENT")}
    assert uids == {f"event-{public_event.pk}@127.0.0.1", f"event-{consultation_hour.pk}@127.0.0.1"}
    city_uids = {str(e["UID"]) for e in parse(client.get(reverse("events:city_ics"))).walk("VEVENT")}
    assert uids <= city_uids, "the same event has the same UID in every feed"


def test_weekly_consultation_hour_with_an_exception(client, quarter, consultation_hour):
    vevent = events_by_summary(parse(client.get(reverse("events:quarter_ics", args=[quarter.slug]))))[
        "Sprechstunde, offen; für alle"
    ]
    rrule = vevent["RRULE"]
    assert rrule["FREQ"] == ["WEEKLY"]
    assert rrule["UNTIL"][0].date() >= consultation_hour.recurrence_until - datetime.timedelta(days=1)
    exdates = (
        [d.dt for d in vevent["EXDATE"].dts]
        if not isinstance(vevent["EXDATE"], list)
        else [d.dt for ex in vevent["EXDATE"] for d in ex.dts]
    )
    skipped = datetime.date.fromisoformat(consultation_hour.exception_dates[0])
    assert [d.date() for d in exdates] == [skipped]
    assert exdates[0].time() == timezone.localtime(consultation_hour.starts_at).time()
    assert "Stadtteilbüro, Allee 1, 04209 Leipzig" in str(vevent["LOCATION"])
    # Commas and semicolons are escaped in the text, and come back unchanged.
    content = client.get(reverse("events:quarter_ics", args=[quarter.slug])).content
    assert b"Sprechstunde\\, offen\\; f" in content


def test_exception_is_left_out_of_the_calendar_page_too(client, quarter, consultation_hour):
    skipped = consultation_hour.exception_dates[0]
    month = skipped[:7]
    html = client.get(
        reverse("events:calendar", args=[quarter.slug]) + f"?view=month&month={month}"
    ).content.decode()
    assert f'datetime="{skipped}T' not in html
    day_after_week = (datetime.date.fromisoformat(skipped) - datetime.timedelta(weeks=1)).isoformat()
    if day_after_week[:7] == month:
        assert f'datetime="{day_after_week}T' in html


def test_adding_an_exception_raises_sequence(consultation_hour, user_with_role):
    staff = user_with_role("staff")
    day = datetime.date.fromisoformat(consultation_hour.exception_dates[0]) + datetime.timedelta(weeks=1)
    event = services.add_exception_date(by=staff, event=consultation_hour, day=day)
    assert event.sequence == 1
    vevent = Calendar.from_ical(ical.single_event(event)).walk("VEVENT")[0]
    assert int(vevent["SEQUENCE"]) == 1


def test_cancelled_event_appears_cancelled_with_higher_sequence(
    client, quarter, public_event, user_with_role
):
    url = reverse("events:quarter_ics", args=[quarter.slug])
    before = events_by_summary(parse(client.get(url)))["Öffentliche Werkstatt"]
    assert before["STATUS"] == "CONFIRMED" and int(before["SEQUENCE"]) == 0
    services.cancel_event(
        by=user_with_role("staff"), event=public_event, reason="Der Raum ist nicht verfügbar"
    )
    after = events_by_summary(parse(client.get(url)))["Öffentliche Werkstatt"]
    assert after["STATUS"] == "CANCELLED"
    assert int(after["SEQUENCE"]) == 1
    assert str(after["UID"]) == str(before["UID"])
    assert "nicht verfügbar" in str(after["COMMENT"])


def test_changing_the_time_raises_sequence_but_not_a_typo_in_the_organiser(public_event, user_with_role):
    staff = user_with_role("staff")
    services.update_event(by=staff, event=public_event, organiser_name="Büro")
    public_event.refresh_from_db()
    assert public_event.sequence == 0
    services.update_event(
        by=staff, event=public_event, starts_at=public_event.starts_at + datetime.timedelta(hours=1)
    )
    public_event.refresh_from_db()
    assert public_event.sequence == 1


def test_all_day_event_uses_dates_with_exclusive_end(client, quarter, make_event):
    make_event("Kultursommer", all_day=True, starts_at=at(10, 0), ends_at=at(11, 23, 59))
    vevent = events_by_summary(parse(client.get(reverse("events:quarter_ics", args=[quarter.slug]))))[
        "Kultursommer"
    ]
    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert type(start) is datetime.date and type(end) is datetime.date
    assert (end - start).days == 2, "two days, the end date is the day after"


def test_kind_and_group_feeds(client, quarter, public_event, consultation_hour, session_event, group):
    kind = parse(client.get(reverse("events:kind_ics", args=[quarter.slug, "consultation_hours"])))
    assert list(events_by_summary(kind)) == ["Sprechstunde, offen; für alle"]
    grp = parse(client.get(reverse("events:group_ics", args=[quarter.slug, group.slug])))
    assert list(events_by_summary(grp)) == ["Sitzung AG Grün"]
    assert client.get(reverse("events:kind_ics", args=[quarter.slug, "nonsense"])).status_code == 404


def test_internal_sessions_never_appear_in_public_feeds(
    client, login_as, user_with_role, quarter, internal_session, internal_group, public_event
):
    login_as(user_with_role("staff"))
    for url in (
        reverse("events:quarter_ics", args=[quarter.slug]),
        reverse("events:city_ics"),
        reverse("events:kind_ics", args=[quarter.slug, "committee_session"]),
    ):
        content = client.get(url).content
        Calendar.from_ical(content)
        assert b"Geheime Sitzung" not in content, url
    assert (
        client.get(reverse("events:group_ics", args=[quarter.slug, internal_group.slug])).status_code == 404
    )
    for url in (reverse("events:quarter_rss", args=[quarter.slug]), reverse("events:city_atom")):
        content = client.get(url).content
        assert b"Geheime Sitzung" not in content and "Öffentliche Werkstatt".encode() in content


def test_personal_feed_has_my_registrations_and_my_sessions_until_revoked(
    client, login_as, chair_user, quarter, make_event, session_event, internal_group, public_event
):
    from quartierwerk.actors.models import GroupMembership

    mine = make_event("Mein Workshop", registration_required=True, capacity=5)
    services.register(event=mine, name="Clara", email="clara@test.example", user=chair_user)
    internal = make_event("Interne Sitzung", group=internal_group, is_public=False)
    chair_person = session_event.group.memberships.get(role="chair").person
    GroupMembership.objects.create(group=internal_group, person=chair_person, role="member")

    login_as(chair_user)
    client.post(reverse("events:my_feed_issue"))
    feed_url = client.get(reverse("events:my_events")).context["feed_url"]
    assert feed_url and "/events/personal/" in feed_url
    path = feed_url.split("testserver", 1)[1]
    client.logout()
    cal = parse(client.get(path))
    assert set(events_by_summary(cal)) == {"Mein Workshop", "Sitzung AG Grün", "Interne Sitzung"}
    assert internal.title in events_by_summary(cal)
    # only the hash is stored
    from quartierwerk.events.models import CalendarToken

    token = path.rsplit("/", 1)[1][:-4]
    assert not CalendarToken.objects.filter(token_hash=token).exists()
    assert CalendarToken.objects.filter(token_hash=CalendarToken.hash_token(token)).exists()

    login_as(chair_user)
    client.post(reverse("events:my_feed_revoke"))
    client.logout()
    assert client.get(path).status_code == 404
    assert client.get("/events/personal/not-a-token.ics").status_code == 404


def test_a_new_personal_link_replaces_the_old_one(client, login_as, chair_user):
    first = services.issue_calendar_token(user=chair_user)
    second = services.issue_calendar_token(user=chair_user)
    assert client.get(reverse("events:personal_ics", args=[first])).status_code == 404
    assert client.get(reverse("events:personal_ics", args=[second])).status_code == 200


def test_cancelled_registration_leaves_the_personal_feed(client, chair_user, make_event):
    event = make_event("Kurs", registration_required=True)
    r = services.register(event=event, name="C", email="c@test.example", user=chair_user)
    token = services.issue_calendar_token(user=chair_user)
    assert "Kurs" in events_by_summary(parse(client.get(reverse("events:personal_ics", args=[token]))))
    services.cancel_registration(registration=r)
    assert Registration.objects.get(pk=r.pk).status == "cancelled"
    assert "Kurs" not in events_by_summary(parse(client.get(reverse("events:personal_ics", args=[token]))))


def test_single_event_download(client, public_event, internal_session):
    cal = parse(client.get(reverse("events:event_ics", args=[public_event.pk])))
    assert len(cal.walk("VEVENT")) == 1
    assert client.get(reverse("events:event_ics", args=[internal_session.pk])).status_code == 404


def _uncached_calendar(events, name):
    """The feed as icalendar writes it in one piece, without the fragment cache."""
    cal = Calendar()
    for key, value in (
        ("prodid", ical.PRODID),
        ("version", "2.0"),
        ("calscale", "GREGORIAN"),
        ("method", "PUBLISH"),
        ("x-wr-calname", name),
        ("x-wr-timezone", ical.TZID),
    ):
        cal.add(key, value)
    cal.add_component(ical._vtimezone())
    for event in events:
        cal.add_component(ical.vevent(event))
    return cal.to_ical()


def _feed_events(quarter):
    return list(Event.objects.filter(quarter=quarter).select_related("quarter", "venue").order_by("pk"))


def test_feed_from_cached_fragments_is_byte_for_byte_what_icalendar_writes(
    quarter, public_event, consultation_hour
):
    events = _feed_events(quarter)
    expected = _uncached_calendar(events, "Grünau")
    assert ical.calendar_for(events, name="Grünau") == expected  # fragments made
    assert ical.calendar_for(events, name="Grünau") == expected  # fragments reused
    # A feed passes a queryset: its fragments are found from plain values, the same bytes come out.
    queryset = Event.objects.filter(quarter=quarter).order_by("pk")
    caches["fragments"].clear()
    assert ical.calendar_for(queryset, name="Grünau") == expected  # made from objects loaded for the misses
    assert ical.calendar_for(queryset, name="Grünau") == expected  # from the fragments


def test_a_changed_venue_or_event_is_never_served_from_an_old_fragment(
    client, quarter, consultation_hour, settings
):
    # Writes past the services (save(), update()) do not start a new page generation: without the page cache.
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse("events:quarter_ics", args=[quarter.slug])
    assert "Stadtteilbüro" in client.get(url).content.decode()
    venue = consultation_hour.venue
    venue.name = "Nachbarschaftszentrum"
    venue.save()  # the event itself is untouched
    feed = client.get(url).content.decode()
    assert "Nachbarschaftszentrum" in feed and "Stadtteilbüro" not in feed
    # A change written past save() (no new updated_at) still changes the fragment.
    Event.objects.filter(pk=consultation_hour.pk).update(title="Sprechstunde am Abend")
    events = events_by_summary(parse(client.get(url)))
    assert "Sprechstunde am Abend" in events


def test_fragments_follow_the_language(client, quarter, public_event):
    url = reverse("events:quarter_ics", args=[quarter.slug])
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content
    assert b"CATEGORIES:Werkstatt" in german
    assert b"CATEGORIES:Workshop" in english
