"""The objects the access matrix asks for: one full set in each of three quarters, built once per module.

`here` is Grünau (Leipzig), the quarter every role but the `*_other_*` ones belongs to; `neighbour` is
Lausen, another quarter of Leipzig; `elsewhere` is Stadtwald in Marburg, where `staff_other_quarter` works
and `city_staff_other_city` is city staff. Data only the office may see carries the marker `zz-intern`;
third parties' contact data uses the domain `geheim.example`: the matrix looks for both in every answer.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.utils import timezone

from quartierwerk.actors.models import (
    Consent,
    Group,
    GroupMembership,
    ImportBatch,
    Organisation,
    Person,
    Relationship,
    Representation,
    SavedFilter,
    VolunteerEngagement,
)
from quartierwerk.core import geo
from quartierwerk.core.explain.models import SignLanguageVideo
from quartierwerk.core.models import (
    ApiToken,
    City,
    Membership,
    ProcessingRestriction,
    Quarter,
    ResponsibleParty,
    SubjectRequest,
    User,
)
from quartierwerk.core.places.models import AddressImport
from quartierwerk.events.models import ActionItem, AgendaDocument, Event, Minutes, Registration
from quartierwerk.events.models import AgendaItem as SessionItem
from quartierwerk.fund.models import (
    AgendaItem,
    Application,
    Attachment,
    AwardSession,
    Decision,
    Fund,
    Note,
    ProofOfUse,
    Round,
)
from quartierwerk.participation.models import Comment as IdeaComment
from quartierwerk.participation.models import Idea, Phase, Process
from quartierwerk.reports.models import Category, Report, ReportPhoto, ReportUpdate
from quartierwerk.resources.models import Booking as ResourceBooking
from quartierwerk.resources.models import Resource, Timeframe

CONTACT_MARK = "geheim.example"
INTERNAL_MARK = "zz-intern"

SQUARES = {
    "here": [[12.0, 51.0], [12.1, 51.0], [12.1, 51.1], [12.0, 51.1], [12.0, 51.0]],
    "neighbour": [[12.2, 51.0], [12.3, 51.0], [12.3, 51.1], [12.2, 51.1], [12.2, 51.0]],
    "elsewhere": [[13.0, 52.0], [13.1, 52.0], [13.1, 52.1], [13.0, 52.1], [13.0, 52.0]],
}
# A one-pixel PNG: enough for a stored photo or attachment (the views serve it without decoding).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _quarter(city, slug, name, scope) -> Quarter:
    quarter = Quarter(city=city, slug=slug, name=name, programme=Quarter.Programme.SOCIAL_COHESION)
    geo.set_boundary(quarter, {"type": "Polygon", "coordinates": [SQUARES[scope]]})
    quarter.save()
    return quarter


def _user(email, **extra) -> User:
    return User.objects.create_user(
        email=email, password="test-password-123", display_name=email.split("@")[0], **extra
    )


def _scope(name: str, quarter: Quarter, category: Category, stranger: User) -> SimpleNamespace:
    """Every kind of object the URL patterns name, in one quarter."""
    s = SimpleNamespace(name=name, quarter=quarter, slug=quarter.slug, city=quarter.city)
    now = timezone.now()
    today = timezone.localdate()

    s.report = Report.objects.create(
        quarter=quarter,
        category=category,
        description="Laterne kaputt",
        lat=51.05,
        lon=12.05,
        reporter_name="Erika Melder",
        reporter_email=f"melder-{name}@{CONTACT_MARK}",
        reporter_phone="0341 99",
    )
    ReportUpdate.objects.create(
        report=s.report, kind="note", text=f"{INTERNAL_MARK} Vermerk", is_public=False
    )
    # An approved photo: public like the report (an unchecked one is tested in tests/reports/test_photo_check.py).
    s.photo = ReportPhoto.objects.create(
        report=s.report, content_type="image/png", review="approved", is_public=True
    )
    s.photo.image.save("p.png", ContentFile(PNG), save=True)

    s.org = Organisation.objects.create(
        quarter=quarter,
        city=quarter.city,
        name=f"Verein {name}",
        slug=f"verein-{name}",
        status=Organisation.Status.VERIFIED,
        email="verein@offen.example",
        public_fields=["email"],
        internal_note=f"{INTERNAL_MARK} Vorstand zerstritten",
        tags=[f"{INTERNAL_MARK}-tag"],
    )
    s.city_org = Organisation.objects.create(
        quarter=None,
        city=quarter.city,
        name=f"Stadtweit {name}",
        slug=f"stadtweit-{name}",
        status=Organisation.Status.VERIFIED,
        internal_note=f"{INTERNAL_MARK} stadtweit",
    )
    s.person = Person.objects.create(
        quarter=quarter,
        city=quarter.city,
        first_name="Petra",
        last_name=f"Person {name}",
        email=f"person-{name}@{CONTACT_MARK}",
        internal_note=f"{INTERNAL_MARK} Notiz",
    )
    s.group = Group.objects.create(
        quarter=quarter, city=quarter.city, name=f"AG {name}", slug=f"ag-{name}", kind="working_group"
    )
    s.membership = GroupMembership.objects.create(group=s.group, person=s.person, start_date=today)
    s.relationship = Relationship.objects.create(person=s.person, organisation=s.org, kind="member")
    s.consent = Consent.objects.create(person=s.person, text="Einverstanden.", for_directory=True)
    s.representation = Representation.objects.create(organisation=s.org, user=stranger, message="Ich bin es")
    s.saved_filter = SavedFilter.objects.create(quarter=quarter, name="Alle", params={})
    s.import_batch = ImportBatch.objects.create(quarter=quarter, filename="liste.csv")
    s.engagement = VolunteerEngagement.objects.create(
        quarter=quarter,
        person=s.person,
        organisation=s.org,
        activity="Hausaufgabenhilfe",
        hours=Decimal("10"),
        start_date=today - datetime.timedelta(days=60),
        end_date=today - datetime.timedelta(days=1),
    )

    start = now + datetime.timedelta(days=7)
    s.event = Event.objects.create(
        quarter=quarter,
        city=quarter.city,
        group=s.group,
        title=f"Sitzung {name}",
        is_public=False,
        registration_required=True,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    s.registration = Registration.objects.create(
        event=s.event, name="Rita Registrant", email=f"rita-{name}@{CONTACT_MARK}", status="confirmed"
    )
    s.session_item = SessionItem.objects.create(event=s.event, title="Haushalt", is_public=False)
    s.document = AgendaDocument.objects.create(item=s.session_item, title="Vorlage", content_type="image/png")
    s.document.file.save("v.png", ContentFile(PNG), save=True)
    s.minutes = Minutes.objects.create(event=s.event, notes=f"{INTERNAL_MARK} Entwurf")
    s.action_item = ActionItem.objects.create(
        quarter=quarter, group=s.group, event=s.event, title="Flyer drucken"
    )
    s.city_event = Event.objects.create(
        quarter=None,
        city=quarter.city,
        title=f"Interne Runde der Stadt {name}",
        is_public=False,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    Registration.objects.create(
        event=s.city_event, name="Greta Geheim", email=f"greta-{name}@{CONTACT_MARK}", status="confirmed"
    )

    award_team = Group.objects.create(
        quarter=quarter, city=quarter.city, name=f"Vergabeteam {name}", slug=f"vt-{name}", kind="award_team"
    )
    s.fund = Fund.objects.create(
        quarter=quarter, year=today.year, budget=Decimal("10000.00"), award_team=award_team, quorum=1
    )
    s.award_team = award_team
    Round.objects.create(fund=s.fund, name="Runde 1", deadline=today + datetime.timedelta(days=30))
    s.application = Application.objects.create(
        fund=s.fund,
        quarter=quarter,
        token_hash=f"{name:0>64}"[-64:],
        reference=f"VF-{name}",
        status=Application.Status.SCHEDULED,
        applicant_name="Anna Antrag",
        email=f"antrag-{name}@{CONTACT_MARK}",
        title="Hoffest",
        summary="Ein Fest",
        requested_amount=Decimal("500.00"),
        submitted_at=now,
    )
    Note.objects.create(application=s.application, text=f"{INTERNAL_MARK} Einschätzung")
    s.attachment = Attachment.objects.create(
        application=s.application, original_name="kosten.png", content_type="image/png", size=len(PNG)
    )
    s.attachment.file.save("k.png", ContentFile(PNG), save=True)
    s.decision = Decision.objects.create(application=s.application, outcome="approved", level="office")
    s.session = AwardSession.objects.create(
        fund=s.fund, quarter=quarter, date=today + datetime.timedelta(days=3)
    )
    s.item = AgendaItem.objects.create(session=s.session, application=s.application)
    s.proof = ProofOfUse.objects.create(
        application=s.application,
        report="Es war schön.",
        public_summary="Fest",
        spent_amount=Decimal("400.00"),
    )
    # Data protection: the city as controller, a request logged at the counter with an objection in force.
    s.party, _created = ResponsibleParty.objects.get_or_create(
        city=quarter.city, kind=ResponsibleParty.Kind.CITY, defaults={"name": f"Stadt {quarter.city.name}"}
    )
    s.subject_request = SubjectRequest.objects.create(
        quarter=quarter,
        kind=SubjectRequest.Kind.OBJECTION,
        channel=SubjectRequest.Channel.COUNTER,
        subject_name="Olga Einwand",
        subject_email=f"{name}-olga@test.example",
        details=f"{INTERNAL_MARK} am Tresen",
        received_on=today,
        due_on=today + datetime.timedelta(days=30),
        identity_check=SubjectRequest.IdentityCheck.ID_DOCUMENT,
    )
    s.restriction = ProcessingRestriction.objects.create(
        email=s.subject_request.subject_email,
        kind=ProcessingRestriction.Kind.OBJECTION,
        request=s.subject_request,
        since=today,
    )
    s.address_import = AddressImport.objects.create(city=quarter.city, filename=f"hk-{name}.csv")
    s.sign_video = SignLanguageVideo(
        city=quarter.city, quarter=quarter, title="DGS", content_type="video/mp4", size=8, duration=60
    )
    s.sign_video.video.save("v.mp4", ContentFile(b"\x00\x00\x00\x08free"), save=False)
    s.sign_video.captions.save(
        "c.vtt", ContentFile(b"WEBVTT\n\n00:00.000 --> 00:01.000\nHallo\n"), save=False
    )
    s.sign_video.save()
    _participation(s, quarter, stranger, today)
    # The resource pool: the association's cargo bike with a request from someone outside the table, and the
    # office hours of the quarter.
    s.resource = Resource.objects.create(
        quarter=quarter, owner=s.org, kind="equipment", name=f"Lastenrad {name}"
    )
    Timeframe.objects.create(
        resource=s.resource, weekdays="0123456", opens_at=datetime.time(8), closes_at=datetime.time(20)
    )
    s.office_hours = Resource.objects.create(
        quarter=quarter, kind="office_hours", name="Sprechstunde", bookable_by="anyone", slot_minutes=20
    )
    s.resource_booking = ResourceBooking.objects.create(
        resource=s.resource,
        quarter=quarter,
        name="Bernd Bucher",
        email=f"bucher-{name}@{CONTACT_MARK}",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        blocked_until=start + datetime.timedelta(hours=2),
        status="requested",
    )
    _news(s, quarter)
    _insights(s, quarter, today)
    _council(s, quarter)
    _planning(s, quarter)
    return s


def _council(s, quarter) -> None:
    """A council decision of the quarter with a point, its meeting and file, and a paper suggested to it."""
    from quartierwerk.council import models as council
    from quartierwerk.council.services import body_for

    body = body_for(quarter.city)
    s.council_body = body
    s.council_term = council.LegislativeTerm.objects.create(body=body, name=f"Wahlperiode {s.name}")
    s.council_office = council.Organization.objects.create(body=body, kind="office", name=f"Amt {s.name}")
    s.council_location = council.Location.objects.create(body=body, description="Rathaus")
    s.council_meeting = council.Meeting.objects.create(body=body, name="Rat", location=s.council_location)
    s.council_item = council.AgendaItem.objects.create(meeting=s.council_meeting, name="Beschluss")
    s.council_paper = council.Paper.objects.create(body=body, kind="decision", name=f"Beschluss {s.name}")
    council.PaperQuarter.objects.create(paper=s.council_paper, quarter=quarter, confirmed=True)
    s.council_point = council.ResolutionPoint.objects.create(
        paper=s.council_paper, number=1, text="Umsetzen", responsible_office=s.council_office
    )
    s.council_consultation = council.Consultation.objects.create(
        paper=s.council_paper,
        organization=s.council_office,
        meeting=s.council_meeting,
        agenda_item=s.council_item,
    )
    s.council_file = council.File.objects.create(
        body=body, paper=s.council_paper, name="Beschluss", access_url="https://example.org/b.pdf"
    )
    other = council.Paper.objects.create(body=body, kind="motion", name=f"Antrag {s.name}")
    s.council_suggestion = council.PaperQuarter.objects.create(
        paper=other, quarter=quarter, matched_keyword="x"
    )


def _planning(s, quarter) -> None:
    """Two published versions of the action plan, the newer revised from the older, with a goal and an indicator."""
    from quartierwerk.planning.models import ActionPlan, FieldOfAction, Goal, Indicator

    adopted = {"status": "published", "adopted_by": "Quartiersrat", "adopted_on": datetime.date(2025, 3, 1)}
    s.plan_old = ActionPlan.objects.create(quarter=quarter, year=2024, title="Handlungskonzept", **adopted)
    s.plan = ActionPlan.objects.create(
        quarter=quarter, year=2025, title="Handlungskonzept", revised_from=s.plan_old, **adopted
    )
    field = FieldOfAction.objects.create(plan=s.plan, title="Wohnumfeld")
    s.plan_goal = Goal.objects.create(field_of_action=field, title="Grün aufwerten")
    s.indicator = Indicator.objects.create(goal=s.plan_goal, name="Fläche", unit="m²", baseline=0, target=10)
    from quartierwerk.planning.models import Milestone, Project

    s.project = Project.objects.create(quarter=quarter, title="Gemeinschaftsgarten", stage="planning")
    s.funding_source = s.project.funding_sources.create(kind="sponsor", name="Stadtwerke", amount_applied=100)
    s.milestone = Milestone.objects.create(
        project=s.project, title="Bauantrag", due_on=datetime.date(2025, 9, 1)
    )


def _participation(s, quarter, stranger, today) -> None:
    """A published process collecting ideas today, with a stranger's idea (photo, address for the answer) and
    comment."""
    import datetime

    s.process = Process.objects.create(
        city=quarter.city, quarter=quarter, title=f"Beteiligung {s.name}", goal="Ideen", status="published"
    )
    s.phase = Phase.objects.create(
        process=s.process,
        kind="collecting",
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=3),
    )
    Phase.objects.create(
        process=s.process,
        kind="prioritising",
        starts_on=today + datetime.timedelta(days=4),
        ends_on=today + datetime.timedelta(days=10),
    )
    s.survey_phase = Phase.objects.create(
        process=s.process,
        kind="survey",
        starts_on=today + datetime.timedelta(days=11),
        ends_on=today + datetime.timedelta(days=20),
    )
    s.idea = Idea.objects.create(
        process=s.process,
        quarter=quarter,
        title="Bank am Teich",
        text="Mehr Bänke",
        category="green",
        lat=None,
        lon=None,
        author=stranger,
        email=f"ideengeberin-{s.name}@{CONTACT_MARK}",
    )
    s.idea.photo.save("bank.png", ContentFile(PNG), save=True)
    s.idea_comment = IdeaComment.objects.create(idea=s.idea, author=stranger, text="Gute Idee")


def _news(s, quarter) -> None:
    """A published news post of the quarter with a picture."""
    from quartierwerk.news.models import Document, DocumentVersion, Issue, NewsPost

    s.news_post = NewsPost(
        city=quarter.city,
        quarter=quarter,
        title=f"Neuigkeit {s.name}",
        teaser="Kurz",
        status="published",
        image_alt="Ein Bild",
        image_type="image/png",
    )
    s.news_post.image.save("n.png", ContentFile(PNG), save=True)
    s.news_document = Document.objects.create(
        quarter=quarter, title=f"Internes Protokoll {s.name}", category="minutes"
    )
    s.news_document_version = DocumentVersion(document=s.news_document, number=1, content_type="image/png")
    s.news_document_version.file.save("d.png", ContentFile(PNG), save=True)
    s.news_issue = Issue.objects.create(
        city=quarter.city, quarter=quarter, subject=f"Newsletter {s.name}", body="Text", status="sent"
    )


def _insights(s, quarter, today) -> None:
    """A published version of the internal report to the city (Sachbericht): for the office and the city."""
    import json

    from quartierwerk.insights.models import AnnualReport, PublishedReport

    report = AnnualReport.objects.create(
        quarter=quarter, year=today.year, kind="internal", introduction=f"Abweichungen {INTERNAL_MARK}"
    )
    s.internal_version = PublishedReport.objects.create(
        report=report,
        version=1,
        pdf=b"%PDF-1.4",
        figures_json=json.dumps(
            [
                {
                    "key": "k",
                    "label": INTERNAL_MARK,
                    "section": "S",
                    "unit": "count",
                    "values": {"1": {"value": 4, "display": "4"}},
                }
            ]
        ),
        texts={"introduction": f"Abweichungen {INTERNAL_MARK}"},
        sha256="0" * 64,
    )


def build_world() -> SimpleNamespace:
    """Users for every role and a full set of objects in three quarters of two cities."""
    leipzig = City.objects.create(name="Leipzig", slug="leipzig")
    marburg = City.objects.create(name="Marburg", slug="marburg")
    quarters = {
        "here": _quarter(leipzig, "gruenau", "Grünau", "here"),
        "neighbour": _quarter(leipzig, "lausen", "Lausen", "neighbour"),
        "elsewhere": _quarter(marburg, "stadtwald", "Stadtwald", "elsewhere"),
    }
    category = Category.objects.create(code="streetlight", name="Straßenbeleuchtung", group="Straße")
    stranger = _user("fremd@test.example")
    world = SimpleNamespace(scopes={}, users={})
    for name, quarter in quarters.items():
        world.scopes[name] = _scope(name, quarter, category, stranger)
    here = world.scopes["here"]

    users = world.users
    users["anonymous"] = None
    for role in ("resident", "actor_representative", "award_team", "staff"):
        users[role] = _user(f"{role}@test.example")
        Membership.objects.create(user=users[role], role=role, quarter=here.quarter)
    Representation.objects.create(
        organisation=here.org, user=users["actor_representative"], status=Representation.Status.APPROVED
    )
    seat = Person.objects.create(
        quarter=here.quarter, user=users["award_team"], first_name="Vera", last_name="Votum"
    )
    GroupMembership.objects.create(group=here.award_team, person=seat, role="member")
    users["staff_other_quarter"] = _user("staff-marburg@test.example")
    Membership.objects.create(user=users["staff_other_quarter"], role="staff", quarter=quarters["elsewhere"])
    users["city_staff"] = _user("city-leipzig@test.example")
    Membership.objects.create(user=users["city_staff"], role="city_staff", city=leipzig)
    users["city_staff_other_city"] = _user("city-marburg@test.example")
    Membership.objects.create(user=users["city_staff_other_city"], role="city_staff", city=marburg)
    users["admin"] = _user("admin@test.example", is_superuser=True, is_staff=True)

    world.api_token = ApiToken.objects.create(user=stranger, name="fremd", key_hash="0" * 64, prefix="qw_0")
    world.data_export = _data_export(stranger)
    return world


def _data_export(owner):
    """A finished export of someone outside the table: only its owner (or the link's secret) opens it."""
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from quartierwerk.core.models import DataExport

    export = DataExport.objects.create(
        user=owner,
        token_hash="1" * 64,
        status=DataExport.Status.READY,
        ready_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=7),
    )
    export.file.save("fremd.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18))
    return export
