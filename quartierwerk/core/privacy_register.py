"""Personal data held by core and by the framework's own tables (sessions, admin log, log-in attempts, tasks)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .privacy import Erasure, Hold, Kind, LegalBasis, NotPersonal, PersonalData, Retention, Subject  # noqa: F401

STAFF = _("the office of the quarter")


def _sessions(ref):
    """Stored sessions of the account (the session engine may be the cache; then this table is empty)."""
    from django.contrib.sessions.models import Session

    if not ref.user_id:
        return Session.objects.none()
    keys = [
        s.pk for s in Session.objects.all() if str(s.get_decoded().get("_auth_user_id")) == str(ref.user_id)
    ]
    return Session.objects.filter(pk__in=keys)


def _mails_to(ref):
    """Outbox mails addressed to one of the subject's addresses."""
    from .models import OutboxMail

    q = Q(pk__in=[])
    for address in ref.emails:
        q |= Q(to__icontains=address)
    return OutboxMail.objects.filter(q)


def _tasks_about(ref):
    """Queued or finished tasks whose arguments name the subject (an address or an export of theirs)."""
    from django.apps import apps
    from django.db.models import TextField
    from django.db.models.functions import Cast

    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")

    q = Q(pk__in=[])
    for needle in ref.needles():
        q |= Q(args_text__icontains=needle)
    return DBTaskResult.objects.annotate(args_text=Cast("args_kwargs", TextField())).filter(q)


DECLARATIONS = (
    PersonalData(
        model="core.User",
        fields={
            "email": Kind.EMAIL,
            "display_name": Kind.NAME,
            "password": Kind.TECHNICAL,
            "last_login": Kind.TECHNICAL,
        },
        subject=Subject(user="pk"),
        purpose=_("Your account: log-in, your language, the notices you asked for."),
        legal_basis=LegalBasis.ART6_1_B,
        erasure=Erasure.PSEUDONYMISE,
        pseudonym={
            "email": lambda row: f"geloescht-{row.pk}@invalid.example",
            "display_name": "",
            "password": lambda row: make_password(None),  # also ends every session of the account
            "is_active": False,
        },
        recipients=(STAFF,),
    ),
    PersonalData(
        model="core.TeamMember",
        fields={"user": Kind.USER, "name": Kind.NAME, "phone": Kind.PHONE, "email": Kind.EMAIL},
        subject=Subject(user="user", email="email"),
        purpose=_("The office's team shown on the quarter page."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.DELETE,
        recipients=(_("the public"),),
    ),
    PersonalData(
        model="core.Membership",
        fields={"user": Kind.USER},
        subject=Subject(user="user"),
        purpose=_("Roles of staff, award-team members and city staff."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.DELETE,
    ),
    PersonalData(
        model="core.ApiToken",
        fields={"user": Kind.USER, "name": Kind.TECHNICAL},
        subject=Subject(user="user"),
        purpose=_("Access keys for the programming interface."),
        legal_basis=LegalBasis.ART6_1_B,
        erasure=Erasure.DELETE,
    ),
    PersonalData(
        model="core.AccessibilityFeedback",
        fields={"email": Kind.EMAIL, "message": Kind.FREE_TEXT, "page_url": Kind.TECHNICAL},
        subject=Subject(email="email"),
        purpose=_("Answering feedback on barriers in this website (accessibility statement)."),
        legal_basis=LegalBasis.ART6_1_C,
        erasure=Erasure.DELETE,
        retention=(Retention(period=timedelta(days=365)),),
        recipients=(STAFF,),
    ),
    PersonalData(
        model="core.AuditEntry",
        fields={"actor": Kind.USER, "actor_label": Kind.COPY, "changes": Kind.COPY},
        subject=Subject(user="actor"),
        purpose=_("Record of who changed what and when, so decisions can be traced."),
        legal_basis=LegalBasis.ART6_1_C,
        erasure=Erasure.PSEUDONYMISE,
        scrub_everywhere=True,
        export=False,
    ),
    PersonalData(
        model="core.OutboxMail",
        fields={
            "to": Kind.EMAIL,
            "reply_to": Kind.EMAIL,
            "subject": Kind.COPY,
            "body": Kind.COPY,
            "html_body": Kind.COPY,
            "attachments": Kind.COPY,
            "last_error": Kind.COPY,
            "headers": Kind.COPY,
            "envelope_from": Kind.TECHNICAL,
        },
        subject=Subject(select=_mails_to),
        purpose=_("Sending e-mails and retrying them when the mail server is down."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.DELETE,
        retention=(
            Retention(
                period=timedelta(days=settings.OUTBOX_KEEP_DAYS),
                start="sent_at",
                when=Q(status="sent"),
                text=_(
                    "Sent e-mails with their attachments are deleted after the configured number of days."
                ),
            ),
        ),
        scrub_everywhere=True,
    ),
    PersonalData(
        model="core.DataExport",
        fields={"user": Kind.USER, "email": Kind.EMAIL, "file": Kind.FILE},
        subject=Subject(user="user", email="email"),
        purpose=_("Your copy of your data (Art. 15 and 20 GDPR), ready for download for seven days."),
        legal_basis=LegalBasis.ART6_1_C,
        erasure=Erasure.DELETE,
        retention=(Retention(period=timedelta(days=7), start="created_at"),),
        export=False,
    ),
    PersonalData(
        model="core.ResponsibleParty",
        fields={
            "represented_by": Kind.NAME,
            "content_responsible": Kind.NAME,
            "dpo_name": Kind.NAME,
            "dpo_email": Kind.EMAIL,
        },
        subject=Subject(email="dpo_email"),
        purpose=_(
            "Naming the controller, its data-protection officer and the provider (Art. 13 GDPR, § 5 DDG)."
        ),
        legal_basis=LegalBasis.ART6_1_C,
        erasure=Erasure.PSEUDONYMISE,
        recipients=(_("the public"),),
        export=False,
    ),
    PersonalData(
        model="core.SubjectRequest",
        fields={
            "subject_name": Kind.NAME,
            "subject_email": Kind.EMAIL,
            "subject_address": Kind.ADDRESS,
            "user": Kind.USER,
            "details": Kind.FREE_TEXT,
            "identity_note": Kind.FREE_TEXT,
            "answer_note": Kind.FREE_TEXT,
            "logged_by": Kind.USER,
        },
        subject=Subject(user="user", email="subject_email"),
        purpose=_(
            "Answering your requests about your data (Art. 12 to 22 GDPR) and proving they were answered."
        ),
        legal_basis=LegalBasis.ART6_1_C,
        erasure=Erasure.KEEP,
        hold=Hold(
            reason=_("Proof that a data-protection request was answered in time (Art. 5 (2) GDPR)."),
            period=timedelta(days=3 * 365),
            start="received_on",
        ),
        retention=(
            Retention(
                period=timedelta(days=3 * 365),
                start="received_on",
                text=_("Deleted three years after the request was received."),
            ),
        ),
        recipients=(STAFF, _("the city administration")),
    ),
    PersonalData(
        model="core.ProcessingRestriction",
        fields={"email": Kind.EMAIL, "reason": Kind.FREE_TEXT},
        subject=Subject(email="email"),
        purpose=_("Honouring a restriction of processing (Art. 18 GDPR) or an objection (Art. 21 GDPR)."),
        legal_basis=LegalBasis.ART6_1_C,
        erasure=Erasure.DELETE,
        recipients=(STAFF,),
    ),
    # --- the framework's tables ---
    PersonalData(
        model="sessions.Session",
        fields={"session_data": Kind.TECHNICAL},
        subject=Subject(select=_sessions),
        purpose=_("Keeping you logged in."),
        legal_basis=LegalBasis.ART6_1_B,
        erasure=Erasure.DELETE,
        retention=(Retention(period=timedelta(0), start="expire_date"),),
        export=False,
    ),
    PersonalData(
        model="admin.LogEntry",
        fields={"user": Kind.USER, "object_repr": Kind.COPY, "change_message": Kind.COPY},
        subject=Subject(user="user"),
        purpose=_("Record of changes made by administrators."),
        legal_basis=LegalBasis.ART6_1_C,
        erasure=Erasure.PSEUDONYMISE,
        scrub_everywhere=True,
        export=False,
    ),
    PersonalData(
        model="otp_totp.TOTPDevice",
        fields={"user": Kind.USER, "name": Kind.TECHNICAL, "key": Kind.TECHNICAL},
        subject=Subject(user="user"),
        purpose=_("Second factor for staff log-in."),
        legal_basis=LegalBasis.ART6_1_C,
        erasure=Erasure.DELETE,
        export=False,
    ),
    *(
        PersonalData(
            model=f"axes.{name}",
            fields={
                "username": Kind.EMAIL,
                "ip_address": Kind.IP,
                "user_agent": Kind.TECHNICAL,
                **extra,
            },
            subject=Subject(email="username"),
            purpose=_("Protecting accounts against password guessing."),
            legal_basis=LegalBasis.ART6_1_C,
            erasure=Erasure.DELETE,
            retention=(Retention(period=timedelta(days=30), start="attempt_time"),),
            export=False,
        )
        for name, extra in (
            ("AccessAttempt", {"get_data": Kind.COPY, "post_data": Kind.COPY}),
            ("AccessFailureLog", {}),
            ("AccessLog", {"session_hash": Kind.TECHNICAL}),
        )
    ),
    PersonalData(
        model="django_tasks_database.DBTaskResult",
        fields={"args_kwargs": Kind.COPY, "return_value": Kind.COPY, "traceback": Kind.COPY},
        subject=Subject(select=_tasks_about),
        purpose=_("Background work such as sending e-mails and building exports."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.DELETE,
        retention=(
            Retention(
                period=timedelta(days=30), start="enqueued_at", when=Q(status__in=["SUCCESSFUL", "FAILED"])
            ),
        ),
        export=False,
    ),
)

NOT_PERSONAL = (
    NotPersonal("core.City", ("name",), _("the name of a city")),
    NotPersonal("core.City", ("languages",), _("codes")),
    NotPersonal("core.Quarter", ("funders",), _("codes of funding programmes")),
    NotPersonal(
        "places.Address",
        ("street", "postcode", "lat", "lon", "search_key"),
        _("addresses of buildings from the official address list; no person is named"),
    ),
    NotPersonal(
        "places.AddressImport",
        ("data", "errors", "message"),
        _("an official address list imported by the office, with its line errors"),
    ),
    NotPersonal("places.AddressImport", ("started_by",), _("staff account; pseudonymised with the account")),
    NotPersonal(
        "explain.SignLanguageVideo",
        ("title", "video", "captions", "content_type", "size", "duration"),
        _(
            "the office's published explanation in sign language, recorded by an interpreter engaged for it "
            "who agreed to its publication; no resident is shown"
        ),
    ),
    NotPersonal(
        "explain.SignLanguageVideo", ("uploaded_by",), _("staff account; pseudonymised with the account")
    ),
    NotPersonal(
        "core.Quarter",
        ("name", "programme_detail", "operator", "summary", "boundary", "opening_hours", "min_lat", "max_lat")
        + ("min_lon", "max_lon"),
        _("public description of a programme area written by the office"),
    ),
    NotPersonal(
        "core.Quarter",
        ("contact_name", "contact_address", "contact_phone", "contact_email"),
        _("the office's public contact point (a business address, not a resident's)"),
    ),
    NotPersonal("core.TeamMember", ("role_title",), _("a job title")),
    NotPersonal(
        "core.Quarter",
        ("translations",),
        _("the same public texts written by the office, in the other languages of the city"),
    ),
    NotPersonal(
        "core.TeamMember",
        ("translations",),
        _("the same public texts written by the office, in the other languages of the city"),
    ),
    NotPersonal("core.User", ("preferred_language",), _("a language code")),
    NotPersonal("core.AuditEntry", ("action", "target_type", "target_id"), _("codes and ids, no text")),
    NotPersonal("core.OutboxMail", ("purpose", "status", "language"), _("codes")),
    NotPersonal(
        "core.ApiToken", ("key_hash", "prefix"), _("hash of a secret, not linked beyond the token row")
    ),
    NotPersonal("auth.Permission", ("name", "codename"), _("framework permission names")),
    NotPersonal("auth.Group", ("name",), _("framework group names")),
    NotPersonal("contenttypes.ContentType", ("model", "app_label"), _("model names")),
    NotPersonal("admin.LogEntry", ("object_id", "content_type"), _("ids")),
    NotPersonal("sessions.Session", ("session_key",), _("random key of the session row declared above")),
    NotPersonal("axes.AccessAttempt", ("http_accept", "path_info"), _("request header and path")),
    NotPersonal("axes.AccessFailureLog", ("http_accept", "path_info"), _("request header and path")),
    NotPersonal("axes.AccessLog", ("http_accept", "path_info"), _("request header and path")),
    NotPersonal(
        "django_tasks_database.DBTaskResult",
        ("worker_ids", "task_path", "exception_class_path", "queue_name", "backend_name"),
        _("code paths"),
    ),
    NotPersonal("core.DataExport", ("token_hash",), _("hash of the download link")),
    NotPersonal(
        "core.ResponsibleParty",
        ("name", "address", "email", "phone", "dpo_address", "data_protection_authority"),
        _("a public body's or an operator's published business contact details (§ 5 DDG)"),
    ),
)
