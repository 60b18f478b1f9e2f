"""Personal data held by the directory: persons, their consents, roles, contacts and volunteer hours."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.privacy import Erasure, Kind, LegalBasis, NotPersonal, PersonalData, Retention, Subject

PURPOSE = _(
    "The directory of people active in the quarter, invitations and networking, on the basis recorded."
)
RECIPIENTS = (_("the office of the quarter"), _("the public, for the fields the person chose to publish"))


def _now(row):
    return timezone.now()


def _per_person(model: str, fields: dict, purpose, *, erasure=Erasure.PSEUDONYMISE, path="person", **kw):
    return PersonalData(
        model=model,
        fields=fields,
        subject=Subject(person=path),
        purpose=purpose,
        legal_basis=LegalBasis.ART6_1_A,
        erasure=erasure,
        recipients=(_("the office of the quarter"),),
        **kw,
    )


DECLARATIONS = (
    PersonalData(
        model="actors.Person",
        fields={
            "user": Kind.USER,
            "first_name": Kind.NAME,
            "last_name": Kind.NAME,
            "email": Kind.EMAIL,
            "phone": Kind.PHONE,
            "role_title": Kind.FREE_TEXT,
            "internal_note": Kind.FREE_TEXT,
            "tags": Kind.FREE_TEXT,
            "languages": Kind.FREE_TEXT,
            "public_fields": Kind.TECHNICAL,
            "search_document": Kind.COPY,
        },
        subject=Subject(user="user", email="email", person="pk"),
        purpose=PURPOSE,
        legal_basis=LegalBasis.ART6_1_A,
        erasure=Erasure.PSEUDONYMISE,
        recipients=RECIPIENTS,
        pseudonym={
            "role_title": "",
            "internal_note": "",
            "tags": [],
            "languages": [],
            "public_fields": [],
            "search_document": "",
            "anonymised_at": _now,
        },
        note=_("Persons whose consent has run out are flagged, then anonymised after a grace period."),
    ),
    _per_person(
        "actors.Consent",
        {"person": Kind.PERSON, "text": Kind.COPY},
        _("Proof of the consent a person gave (Art. 7 (1) GDPR)."),
        pseudonym={"text": "", "withdrawn_at": _now},
    ),
    _per_person("actors.GroupMembership", {"person": Kind.PERSON}, _("Members of networks and committees.")),
    _per_person(
        "actors.GroupMembership",
        {"delegate": Kind.PERSON},
        _("Deputies in networks and committees."),
        path="delegate",
    ),
    _per_person(
        "actors.Relationship",
        {"person": Kind.PERSON},
        _("Who works for which organisation."),
        pseudonym={"is_public": False},
    ),
    _per_person(
        "actors.ContactActivity",
        {"person": Kind.PERSON, "text": Kind.FREE_TEXT},
        _("The office's log of contacts with a person."),
        erasure=Erasure.DELETE,
    ),
    _per_person(
        "actors.VolunteerEngagement",
        {"person": Kind.PERSON, "activity": Kind.FREE_TEXT, "signed_name": Kind.NAME},
        _("Certificates of volunteer work (Ehrenamtsnachweis)."),
    ),
    PersonalData(
        model="actors.Representation",
        fields={"user": Kind.USER, "message": Kind.FREE_TEXT},
        subject=Subject(user="user"),
        purpose=_("Who may edit an organisation's directory entry."),
        legal_basis=LegalBasis.ART6_1_B,
        erasure=Erasure.DELETE,
        recipients=(_("the office of the quarter"),),
    ),
    PersonalData(
        model="actors.Organisation",
        fields={"submitted_by": Kind.USER},
        subject=Subject(user="submitted_by"),
        purpose=_("Who proposed a directory entry, so the office can ask back."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        export=True,
    ),
    PersonalData(
        model="actors.ImportBatch",
        fields={"rows": Kind.COPY, "errors": Kind.COPY, "result": Kind.COPY, "filename": Kind.TECHNICAL},
        subject=Subject(),
        purpose=_("Importing contact lists into the directory."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        retention=(Retention(period=timedelta(days=30), text=_("Import files: 30 days.")),),
        scrub_everywhere=True,
        export=False,
    ),
)

NOT_PERSONAL = (
    NotPersonal(
        "actors.Organisation",
        ("translations",),
        _("the same public texts written by the office, in the other languages of the city"),
    ),
    NotPersonal(
        "actors.Organisation",
        (
            "name",
            "description",
            "street",
            "postcode",
            "town",
            "email",
            "phone",
            "website",
            "opening_hours",
            "accessibility",
            "internal_note",
            "topics",
            "languages",
            "offers",
            "public_fields",
            "tags",
            "facets",
            "search_document",
            "lat",
            "lon",
        ),
        _("an organisation's business contact and description, not a natural person's"),
    ),
    NotPersonal(
        "actors.Group", ("name", "purpose", "contact_email", "meeting_rhythm"), _("a body's public details")
    ),
    NotPersonal("actors.SavedFilter", ("name", "params"), _("a staff search filter")),
    NotPersonal("actors.SavedFilter", ("created_by",), _("staff account; pseudonymised with the account")),
    NotPersonal("actors.ImportBatch", ("created_by",), _("staff account; pseudonymised with the account")),
    NotPersonal("actors.Consent", ("recorded_by",), _("staff account; pseudonymised with the account")),
    NotPersonal("actors.Representation", ("decided_by",), _("staff account; pseudonymised with the account")),
    NotPersonal(
        "actors.ContactActivity", ("created_by",), _("staff account; pseudonymised with the account")
    ),
    NotPersonal(
        "actors.VolunteerEngagement",
        ("recorded_by", "signed_by"),
        _("staff account; pseudonymised with the account"),
    ),
    NotPersonal("actors.Person", ("merged_into",), _("a link between two directory rows")),
    NotPersonal("actors.Organisation", ("merged_into",), _("a link between two directory rows")),
)
