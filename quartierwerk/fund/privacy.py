"""Personal data held by the neighbourhood fund: applicants, their documents, award-team votes and recusals."""

from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.privacy import (
    Erasure,
    Hold,
    Kind,
    LegalBasis,
    NotPersonal,
    PersonalData,
    Retention,
    Subject,
)

FUNDED = ("approved", "proof_submitted", "closed", "repayment_due")
ENDED = ("rejected", "withdrawn")
PURPOSE = _("Deciding on and paying neighbourhood-fund applications, and checking how the money was used.")
RECIPIENTS = (_("the office of the quarter"), _("the award team"), _("the city's funding office"))


def hold(prefix: str = "") -> Hold:
    """Funded applications are records of public money the city must keep for its audits."""
    return Hold(
        reason=_("Records of public money are kept for the audit of the city's accounts (budget law)."),
        period=timedelta(days=10 * 365),
        start=f"{prefix}decided_at",
        when=Q(**{f"{prefix}status__in": FUNDED}),
    )


def retention(prefix: str = "") -> tuple[Retention, ...]:
    return (
        Retention(
            period=timedelta(days=180),
            start=f"{prefix}created_at",
            when=Q(**{f"{prefix}status": "draft"}),
            text=_("Drafts never submitted: 180 days."),
        ),
        Retention(
            period=timedelta(days=3 * 365),
            start=f"{prefix}created_at",
            when=Q(**{f"{prefix}status__in": ENDED}),
            text=_("Rejected or withdrawn applications: three years."),
        ),
        Retention(
            period=timedelta(days=10 * 365),
            start=f"{prefix}decided_at",
            when=Q(**{f"{prefix}status__in": FUNDED}),
            text=_("Funded applications: ten years after the decision."),
        ),
    )


def _per_application(model: str, fields: dict, *, erasure=Erasure.PSEUDONYMISE) -> PersonalData:
    return PersonalData(
        model=model,
        fields=fields,
        subject=Subject(user="application__user", email="application__email"),
        purpose=PURPOSE,
        legal_basis=LegalBasis.ART6_1_E,
        erasure=erasure,
        retention=retention("application__"),
        hold=hold("application__"),
        recipients=RECIPIENTS,
    )


# Votes, conflicts of interest and presence are part of the minutes of an award decision on public money.
MINUTES_HOLD = Hold(
    reason=_("Part of the minutes of an award decision on public money."),
    period=timedelta(days=10 * 365),
    start="created_at",
)

DECLARATIONS = (
    PersonalData(
        model="fund.Application",
        fields={
            "user": Kind.USER,
            "applicant_name": Kind.NAME,
            "organisation_name": Kind.NAME,
            "email": Kind.EMAIL,
            "phone": Kind.PHONE,
            "title": Kind.FREE_TEXT,
            "summary": Kind.FREE_TEXT,
            "description": Kind.FREE_TEXT,
            "benefit": Kind.FREE_TEXT,
            "location": Kind.ADDRESS,
            "lat": Kind.LOCATION,
            "lon": Kind.LOCATION,
            "public_report": Kind.FREE_TEXT,
            "token_hash": Kind.TECHNICAL,
            "new_token_hash": Kind.TECHNICAL,
        },
        subject=Subject(user="user", email="email"),
        purpose=PURPOSE,
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        retention=retention(),
        hold=hold(),
        recipients=RECIPIENTS,
        pseudonym={
            "applicant_name": "(gelöscht)",
            "email": lambda row: f"geloescht-{row.pk}@invalid.example",
        },
    ),
    _per_application("fund.ApplicationVersion", {"data": Kind.COPY}),
    _per_application("fund.StatusChange", {"actor_label": Kind.COPY, "note": Kind.COPY}),
    _per_application(
        "fund.Attachment", {"file": Kind.FILE, "original_name": Kind.TECHNICAL}, erasure=Erasure.DELETE
    ),
    _per_application("fund.Note", {"text": Kind.COPY}),
    _per_application(
        "fund.Decision", {"conditions": Kind.COPY, "reasons": Kind.COPY, "correction_reason": Kind.COPY}
    ),
    _per_application("fund.LedgerEntry", {"reason": Kind.COPY}),
    _per_application("fund.Payout", {"reference": Kind.COPY, "reason": Kind.COPY}),
    _per_application(
        "fund.ProofOfUse",
        {"report": Kind.FREE_TEXT, "public_summary": Kind.FREE_TEXT, "check_note": Kind.COPY},
    ),
    PersonalData(
        model="fund.Recusal",
        fields={"user": Kind.USER, "member": Kind.PERSON, "reason": Kind.FREE_TEXT},
        subject=Subject(user="user", person="member"),
        purpose=_("Award-team members declare conflicts of interest; the record shows who did not vote."),
        legal_basis=LegalBasis.ART6_1_C,
        erasure=Erasure.KEEP,
        hold=MINUTES_HOLD,
        recipients=RECIPIENTS,
    ),
    PersonalData(
        model="fund.Vote",
        fields={"voter": Kind.USER, "member": Kind.PERSON, "conditions": Kind.FREE_TEXT},
        subject=Subject(user="voter", person="member"),
        purpose=_("Award-team votes on applications."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.KEEP,
        hold=MINUTES_HOLD,
        recipients=RECIPIENTS,
    ),
    PersonalData(
        model="fund.Attendance",
        fields={"member": Kind.PERSON},
        subject=Subject(person="member"),
        purpose=_("Who was present at a paper session of the award team, for the quorum."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.KEEP,
        hold=MINUTES_HOLD,
        recipients=RECIPIENTS,
    ),
)

NOT_PERSONAL = (
    NotPersonal(
        "fund.Fund", ("name", "purpose", "rules_text", "consent_text"), _("rules written by the office")
    ),
    NotPersonal("fund.Category", ("name",), _("a budget category")),
    NotPersonal(
        "fund.Fund",
        ("translations",),
        _("the same public texts written by the office, in the other languages of the city"),
    ),
    NotPersonal("fund.Round", ("name",), _("a round's name")),
    NotPersonal(
        "fund.Application", ("consent_text",), _("the consent text shown, the same for every applicant")
    ),
    NotPersonal("fund.CostItem", ("description",), _("an item of a cost plan")),
    NotPersonal("fund.AwardSession", ("location",), _("the room of a public session")),
    NotPersonal("fund.AwardSession", ("signed_by",), _("staff account; erasure pseudonymises the account")),
    NotPersonal("fund.AgendaItem", ("conditions",), _("conditions of an award, also kept in the decision")),
    NotPersonal(
        "fund.Recusal",
        ("entered_by",),
        _("staff account that typed a paper vote; the account is pseudonymised"),
    ),
    NotPersonal(
        "fund.Vote", ("entered_by",), _("staff account that typed a paper vote; the account is pseudonymised")
    ),
    NotPersonal(
        "fund.Attendance",
        ("entered_by",),
        _("staff account that recorded who was present; the account is pseudonymised"),
    ),
    NotPersonal("fund.StatusChange", ("actor",), _("account of the step; pseudonymised with the account")),
    NotPersonal("fund.Note", ("author",), _("staff account; pseudonymised with the account")),
    NotPersonal("fund.Decision", ("decided_by",), _("staff account; pseudonymised with the account")),
    NotPersonal("fund.LedgerEntry", ("actor",), _("staff account; pseudonymised with the account")),
    NotPersonal("fund.Payout", ("recorded_by",), _("staff account; pseudonymised with the account")),
    NotPersonal("fund.ProofOfUse", ("checked_by",), _("staff account; pseudonymised with the account")),
)
