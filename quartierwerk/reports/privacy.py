"""Personal data held by resident reports: the reporter's contact, photos, supporters, staff answers."""

from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.privacy import Erasure, Kind, LegalBasis, NotPersonal, PersonalData, Retention, Subject

PURPOSE = _("Handling reports from residents, routing them to the responsible body and telling the reporter.")
RECIPIENTS = (_("the office of the quarter"), _("the responsible municipal body the report is forwarded to"))
FINISHED = ("solved", "closed", "not_our_matter")


def _new_link_key(row):
    from quartierwerk.core.tokens import new_link_key

    return new_link_key()


def _retention(prefix: str = "") -> tuple[Retention, ...]:
    return (
        Retention(
            period=timedelta(days=365),
            start=f"{prefix}updated_at",
            when=Q(**{f"{prefix}status__in": FINISHED}),
            text=_("Contact details: one year after the report was closed; the report stays without them."),
        ),
    )


DECLARATIONS = (
    PersonalData(
        model="reports.Report",
        fields={
            "reporter": Kind.USER,
            "reporter_name": Kind.NAME,
            "reporter_email": Kind.EMAIL,
            "reporter_phone": Kind.PHONE,
            "description": Kind.FREE_TEXT,
            "address": Kind.ADDRESS,
            "attributes": Kind.FREE_TEXT,
            "lat": Kind.LOCATION,
            "lon": Kind.LOCATION,
            "media_url": Kind.TECHNICAL,
            "follow_key": Kind.TECHNICAL,
            "follow_hash": Kind.TECHNICAL,
            "follow_legacy_hash": Kind.TECHNICAL,
            "open311_token": Kind.TECHNICAL,
        },
        subject=Subject(user="reporter", email="reporter_email"),
        purpose=PURPOSE,
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        retention=_retention(),
        recipients=RECIPIENTS,
        pseudonym={
            # Erasure ends the private follow link: a new key, and no hash that any link could match.
            "follow_key": _new_link_key,
            "follow_hash": None,
            "follow_legacy_hash": None,
            "open311_token": None,
            "show_name": False,
        },
    ),
    PersonalData(
        model="reports.ReportPhoto",
        fields={"image": Kind.FILE, "blurred": Kind.FILE, "original_name": Kind.TECHNICAL},
        subject=Subject(user="report__reporter", email="report__reporter_email"),
        purpose=PURPOSE,
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        recipients=RECIPIENTS,
    ),
    PersonalData(
        model="reports.ReportUpdate",
        fields={"author": Kind.USER, "author_label": Kind.COPY, "text": Kind.COPY, "data": Kind.COPY},
        subject=Subject(user="author"),
        purpose=PURPOSE,
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        scrub_everywhere=True,
        recipients=RECIPIENTS,
    ),
    PersonalData(
        model="reports.Support",
        fields={
            "user": Kind.USER,
            "email": Kind.EMAIL,
            "session_key": Kind.TECHNICAL,
            "confirm_token_hash": Kind.TECHNICAL,
        },
        subject=Subject(user="user", email="email"),
        purpose=_("Counting residents who support a report, once per person."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.DELETE,  # the report's support count stays as a number
        retention=_retention("report__"),
    ),
)

NOT_PERSONAL = (
    NotPersonal("reports.ResponsibleBody", ("name", "email"), _("a municipal office's functional address")),
    NotPersonal("reports.Category", ("name", "description", "group"), _("category names")),
    NotPersonal(
        "reports.Category",
        ("translations",),
        _("the same public texts written by the office, in the other languages of the city"),
    ),
    NotPersonal(
        "reports.CategoryAttribute", ("description", "datatype_description", "values"), _("form labels")
    ),
    NotPersonal(
        "reports.ApiClient", ("name", "contact_email", "key_hash", "prefix"), _("a client application")
    ),
    NotPersonal("reports.ApiClient", ("created_by",), _("staff account; pseudonymised with the account")),
    NotPersonal("reports.Report", ("assigned_to",), _("staff account; pseudonymised with the account")),
    NotPersonal("reports.ReportPhoto", ("reviewed_by",), _("staff account; pseudonymised with the account")),
    NotPersonal("reports.Forwarding", ("email",), _("the responsible body's functional address")),
    NotPersonal(
        "reports.Forwarding",
        ("key", "token_hash", "legacy_token_hash"),
        _("the secret of the responsible body's answer link, stored as a key and a hash"),
    ),
    NotPersonal("reports.Forwarding", ("sent_by",), _("staff account; pseudonymised with the account")),
)
