"""Demo data of the events module: venues, a weekly consultation hour, workshops, festivals and group sessions
in the five demo quarters. Everything is invented; running it again changes nothing."""

import datetime

from django.utils import timezone

from quartierwerk.core import clock

from .models import ActionItem, AgendaItem, Attendance, Event, EventQuestion, Minutes, Registration, Venue

DEMO_DOMAIN = "demo.quartierwerk.example"


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _next_weekday(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _event(quarter, title, **fields) -> Event:
    event = Event.objects.filter(quarter=quarter, title=title).first()
    if event is None:
        fields.setdefault("translations", TRANSLATIONS.get(title, {}))
        event = Event.objects.create(quarter=quarter, city=quarter.city, title=title, **fields)
    return event


# Title and description of some demo events in more languages, as the office entered them beside German.
TRANSLATIONS = {
    "Offene Sprechstunde im Stadtteilbüro": {
        "ar": {
            "title": "ساعة استشارة مفتوحة في مكتب الحي",
            "description": "تعالوا بأسئلتكم وأفكاركم وطلباتكم – بدون تسجيل مسبق.",
        },
        "tr": {
            "title": "Mahalle bürosunda açık danışma saati",
            "description": "Sorularınız, fikirleriniz ve istekleriniz için uğrayın – kayıt gerekmez.",
        },
        "uk": {
            "title": "Відкриті консультаційні години в районному бюро",
            "description": "Приходьте з питаннями, ідеями та проханнями – без попереднього запису.",
        },
    },
    "Kultursommer im Quartier": {
        "ar": {
            "title": "صيف الثقافة في الحي",
            "description": "موسيقى ومسرح وطعام من كل أنحاء العالم في الساحة أمام مكتب الحي.",
        },
        "tr": {
            "title": "Mahallede kültür yazı",
            "description": "Mahalle bürosunun önündeki meydanda müzik, tiyatro ve dünyanın dört bir yanından yemekler.",
        },
        "uk": {
            "title": "Культурне літо в кварталі",
            "description": "Музика, театр і страви з усього світу на площі перед районним бюро.",
        },
    },
    # Arabic only: the German description stays German (and is marked so) on the Arabic page.
    "Stadtteilwerkstatt: Wie soll unser Quartier 2030 aussehen?": {
        "ar": {"title": "ورشة الحي: كيف نريد أن يكون حيّنا في 2030؟"},
    },
}


def _person(quarter, first, last, email="", user=None):
    from quartierwerk.actors.models import Person

    qs = Person.objects.filter(quarter=quarter, first_name=first, last_name=last)
    person = qs.first()
    if person is None:
        person = Person.objects.create(
            quarter=quarter, first_name=first, last_name=last, email=email, user=user
        )
    elif user is not None and person.user_id is None:
        person.user = user
        person.save(update_fields=["user"])
    return person


def _group(quarter, slug, name, kind, purpose, is_public=True):
    from quartierwerk.actors.models import Group

    # The directory's demo may have created the same body under its own slug: one group, not two.
    group = Group.objects.filter(quarter=quarter, slug=slug).first()
    group = group or Group.objects.filter(quarter=quarter, name=name).first()
    if group is None:
        group = Group.objects.create(
            quarter=quarter, slug=slug, name=name, kind=kind, purpose=purpose, is_public=is_public
        )
    return group


def _seat(group, person, role):
    from quartierwerk.actors.models import GroupMembership

    if not GroupMembership.objects.filter(group=group, person=person, end_date__isnull=True).exists():
        GroupMembership.objects.create(
            group=group, person=person, role=role, start_date=datetime.date(2024, 1, 1)
        )


def load(demo) -> None:
    today = clock.today()
    for slug, quarter in demo.quarters.items():
        office, _ = Venue.objects.get_or_create(
            quarter=quarter,
            name=quarter.contact_name or "Stadtteilbüro",
            defaults={
                "address": quarter.contact_address,
                "step_free": True,
                "accessible_toilet": True,
                "access_notes": "Eingang ebenerdig, Klingel rechts neben der Tür.",
                "lat": (quarter.min_lat + quarter.max_lat) / 2 if quarter.min_lat is not None else None,
                "lon": (quarter.min_lon + quarter.max_lon) / 2 if quarter.min_lon is not None else None,
            },
        )
        hall, _ = Venue.objects.get_or_create(
            quarter=quarter,
            name="Gemeindesaal am Markt",
            defaults={"address": "Am Markt 1", "step_free": False, "access_notes": "Drei Stufen am Eingang."},
        )
        tuesday = _next_weekday(today - datetime.timedelta(days=21), 1)
        _event(
            quarter,
            "Offene Sprechstunde im Stadtteilbüro",
            kind=Event.Kind.CONSULTATION_HOURS,
            topic=Event.Topic.NEIGHBOURHOOD,
            description="Kommen Sie mit Fragen, Ideen und Anliegen vorbei – ohne Anmeldung.",
            starts_at=_at(tuesday, 10),
            ends_at=_at(tuesday, 12),
            recurrence=Event.Recurrence.WEEKLY,
            recurrence_until=today + datetime.timedelta(days=365),
            exception_dates=[(tuesday + datetime.timedelta(weeks=5)).isoformat()],
            venue=office,
            languages=["de", "en", "tr"],
        )
        workshop_day = today + datetime.timedelta(days=18)
        workshop = _event(
            quarter,
            "Stadtteilwerkstatt: Wie soll unser Quartier 2030 aussehen?",
            kind=Event.Kind.WORKSHOP,
            topic=Event.Topic.PARTICIPATION,
            description="Die jährliche Stadtteilwerkstatt: Wir sammeln Ideen für Grün, Begegnung und Wohnen. "
            "Mit Kinderbetreuung und Imbiss.",
            starts_at=_at(workshop_day, 17),
            ends_at=_at(workshop_day, 20),
            venue=office,
            childcare=True,
            languages=["de", "ar"],
            registration_required=True,
            capacity=30,
        )
        if not workshop.questions.exists():
            EventQuestion.objects.create(event=workshop, text="Essenswünsche (z. B. vegetarisch, halal)")
        # A summer festival lies in the summer, whatever the day the demo is loaded.
        festival_day = clock.next_summer_day(today)
        _event(
            quarter,
            "Kultursommer im Quartier",
            kind=Event.Kind.FESTIVAL,
            topic=Event.Topic.CULTURE,
            description="Musik, Theater und Essen aus aller Welt auf dem Platz vor dem Stadtteilbüro.",
            starts_at=_at(festival_day, 0),
            ends_at=_at(festival_day, 23, 59),
            all_day=True,
            venue=office,
            languages=["de", "en", "ar", "tr"],
        )
        talk_day = today + datetime.timedelta(days=30)
        _event(
            quarter,
            "Stadtteilgespräch mit dem Bürgermeister",
            kind=Event.Kind.NEIGHBOURHOOD_CONVERSATION,
            topic=Event.Topic.NEIGHBOURHOOD,
            description="Fragen an die Stadtverwaltung – offen für alle.",
            starts_at=_at(talk_day, 18),
            ends_at=_at(talk_day, 20),
            venue=hall,
        )
        if slug == "gruenau":
            _gruenau(demo, quarter, office, today)


def _gruenau(demo, quarter, office, today) -> None:
    """Gruenau gets a full workshop, a working group with a chair who can log in, and a Quartiersrat."""
    full_day = today + datetime.timedelta(days=10)
    full = _event(
        quarter,
        "Werkstatt Hochbeete bauen",
        kind=Event.Kind.WORKSHOP,
        topic=Event.Topic.ENVIRONMENT,
        description="Wir bauen gemeinsam Hochbeete für den Innenhof. Werkzeug ist da.",
        starts_at=_at(full_day, 15),
        ends_at=_at(full_day, 18),
        venue=office,
        registration_required=True,
        capacity=2,
    )
    if not full.registrations.exists():
        for n, name in enumerate(("Petra Sommer", "Ali Yilmaz"), start=1):
            Registration.objects.create(
                event=full,
                name=name,
                email=f"teilnahme{n}@{DEMO_DOMAIN}",
                status=Registration.Status.CONFIRMED,
            )
    chair = _person(
        quarter, "Dirk", "Lehmann", f"verein@{DEMO_DOMAIN}", user=demo.users.get("actor_representative")
    )
    members = [
        _person(quarter, "Sabine", "Roth", f"s.roth@{DEMO_DOMAIN}"),
        _person(quarter, "Mehmet", "Kaya", f"m.kaya@{DEMO_DOMAIN}"),
        _person(quarter, "Ute", "Brandt", f"u.brandt@{DEMO_DOMAIN}"),
    ]
    group = _group(
        quarter,
        "ag-gruenes-gruenau",
        "AG Grünes Grünau",
        "working_group",
        "Die Arbeitsgruppe kümmert sich um Grünflächen, Hochbeete und Baumpatenschaften.",
    )
    _seat(group, chair, "chair")
    for person in members:
        _seat(group, person, "member")
    council = _group(
        quarter,
        "quartiersrat-gruenau",
        "Quartiersrat Grünau",
        "neighbourhood_council",
        "Der Quartiersrat berät das Quartiersmanagement und entscheidet über den Verfügungsfonds.",
        is_public=False,
    )
    _seat(council, members[0], "chair")
    past_day = today - datetime.timedelta(days=28)
    past = _event(
        quarter,
        "Sitzung der AG Grünes Grünau",
        kind=Event.Kind.WORKING_GROUP,
        topic=Event.Topic.ENVIRONMENT,
        starts_at=_at(past_day, 18),
        ends_at=_at(past_day, 19, 30),
        venue=office,
        group=group,
    )
    minutes, _ = Minutes.objects.get_or_create(event=past)
    if not past.agenda_items.exists():
        item = AgendaItem.objects.create(
            event=past,
            position=1,
            title="Baumscheiben in der Stuttgarter Allee",
            discussion="Die AG bespricht, welche Baumscheiben bepflanzt werden können.",
            decision="Die AG übernimmt die Pflege von vier Baumscheiben.",
            votes_yes=4,
            votes_no=0,
            votes_abstain=0,
        )
        for person, status in zip(
            [chair, *members], ["present", "present", "present", "excused"], strict=True
        ):
            Attendance.objects.create(event=past, person=person, status=status)
        ActionItem.objects.create(
            quarter=quarter,
            group=group,
            event=past,
            agenda_item=item,
            title="Pflanzplan für die Baumscheiben erstellen",
            assignee_person=members[1],
            due_date=today + datetime.timedelta(days=5),
        )
        minutes.notes = "Sitzung mit Gästen aus der Nachbarschaft."
        minutes.status = Minutes.Status.RELEASED
        minutes.released_at = timezone.now()
        minutes.save()
    next_day = today + datetime.timedelta(days=6)
    upcoming = _event(
        quarter,
        "Nächste Sitzung der AG Grünes Grünau",
        kind=Event.Kind.WORKING_GROUP,
        topic=Event.Topic.ENVIRONMENT,
        starts_at=_at(next_day, 18),
        ends_at=_at(next_day, 19, 30),
        venue=office,
        group=group,
    )
    Minutes.objects.get_or_create(event=upcoming)
    if not upcoming.agenda_items.exists():
        AgendaItem.objects.create(event=upcoming, position=1, title="Hochbeete im Innenhof")
        AgendaItem.objects.create(event=upcoming, position=2, title="Verschiedenes")
    council_day = today + datetime.timedelta(days=12)
    council_event = _event(
        quarter,
        "Sitzung des Quartiersrats",
        kind=Event.Kind.COMMITTEE_SESSION,
        topic=Event.Topic.PARTICIPATION,
        starts_at=_at(council_day, 18),
        ends_at=_at(council_day, 20),
        venue=office,
        group=council,
        is_public=False,
    )
    Minutes.objects.get_or_create(event=council_event)
