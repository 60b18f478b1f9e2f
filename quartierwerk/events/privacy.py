"""Personal data held by the calendar: registrations with their answers, attendance, minutes, action items."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.privacy import Erasure, Kind, LegalBasis, NotPersonal, PersonalData, Retention, Subject

RECIPIENTS = (_("the office of the quarter"), _("the organiser of the event"))

DECLARATIONS = (
    PersonalData(
        model="events.Registration",
        fields={"user": Kind.USER, "name": Kind.NAME, "email": Kind.EMAIL, "answers": Kind.FREE_TEXT},
        subject=Subject(user="user", email="email"),
        purpose=_("Registering for events with limited places, waiting lists and reminders."),
        legal_basis=LegalBasis.ART6_1_B,
        erasure=Erasure.DELETE,
        retention=(
            Retention(
                period=timedelta(days=90),
                start="event__starts_at",
                text=_("Registrations are deleted 90 days after the event."),
            ),
        ),
        recipients=RECIPIENTS,
    ),
    PersonalData(
        model="events.Attendance",
        fields={"person": Kind.PERSON},
        subject=Subject(person="person"),
        purpose=_("Attendance lists of meetings of networks and committees (quorum, minutes)."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        recipients=RECIPIENTS,
    ),
    PersonalData(
        model="events.ActionItem",
        fields={"assignee_person": Kind.PERSON, "title": Kind.COPY},
        subject=Subject(person="assignee_person"),
        purpose=_("Tasks agreed in meetings and who takes them on."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        recipients=RECIPIENTS,
    ),
    PersonalData(
        model="events.CalendarToken",
        fields={"user": Kind.USER, "token_hash": Kind.TECHNICAL},
        subject=Subject(user="user"),
        purpose=_("Your private calendar link."),
        legal_basis=LegalBasis.ART6_1_B,
        erasure=Erasure.DELETE,
        export=False,
    ),
    # Minutes and agenda texts written by the office may name people: scrubbed on erasure, never exported as theirs.
    PersonalData(
        model="events.AgendaItem",
        fields={"discussion": Kind.COPY, "decision": Kind.COPY, "description": Kind.COPY},
        subject=Subject(),
        purpose=_("Agendas and minutes of public meetings."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        scrub_everywhere=True,
        export=False,
    ),
    PersonalData(
        model="events.Minutes",
        fields={"notes": Kind.COPY},
        subject=Subject(),
        purpose=_("Agendas and minutes of public meetings."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        scrub_everywhere=True,
        export=False,
    ),
    PersonalData(
        model="events.StatusChange",
        fields={"note": Kind.COPY, "subject": Kind.COPY},
        subject=Subject(),
        purpose=_("History of events and action items."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        scrub_everywhere=True,
        export=False,
    ),
)

NOT_PERSONAL = (
    NotPersonal("events.Venue", ("name", "address", "access_notes", "lat", "lon"), _("a public venue")),
    NotPersonal("events.Event", ("exception_dates",), _("dates a series skips")),
    NotPersonal("events.Event", ("languages",), _("language codes an event is held in")),
    NotPersonal(
        "events.Event",
        ("translations",),
        _("the same public texts written by the office, in the other languages of the city"),
    ),
    NotPersonal(
        "events.Event",
        ("title", "description", "organiser_name", "status_reason"),
        _("a public calendar entry written by the office or the organising organisation"),
    ),
    NotPersonal("events.Event", ("created_by",), _("staff account; pseudonymised with the account")),
    NotPersonal("events.EventQuestion", ("text",), _("a question asked of every registrant")),
    NotPersonal("events.AgendaItem", ("title",), _("an agenda heading")),
    NotPersonal(
        "events.AgendaDocument", ("file", "title"), _("a document of a public meeting uploaded by the office")
    ),
    NotPersonal(
        "events.Minutes", ("written_by", "released_by"), _("staff account; pseudonymised with the account")
    ),
    NotPersonal("events.StatusChange", ("by",), _("staff account; pseudonymised with the account")),
    NotPersonal("events.Registration", ("language",), _("a language code")),
)
