"""Writes of the core: accounts, roles, second factor, API tokens, feedback."""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, multilingual
from .errors import DomainError, NotAllowed
from .mail import queue_templated_mail
from .models import (
    AccessibilityFeedback,
    ApiToken,
    ControllerArrangement,
    Membership,
    ProcessingRestriction,
    Quarter,
    ResponsibleParty,
    SubjectRequest,
    User,
)
from .rules import (
    can_edit_responsible_party,
    can_handle_subject_requests,
    can_manage_quarter,
    can_set_arrangement,
    forget_roles,
)
from .selectors import add_one_month
from .text import clean_email, clean_for_column, clean_line, clean_text

CONFIRM_SALT = "quartierwerk.confirm-email"
CONFIRM_MAX_AGE = 3 * 24 * 3600


def register(*, email: str, password: str, display_name: str = "", language: str = "", quarter=None) -> None:
    """Register an account and mail a confirmation link; an e-mail already known gets a notice instead.

    The caller shows the same answer in both cases, so registration reveals nothing about who has an account.
    """
    email = clean_email(email, required=True)
    display_name = clean_for_column(User, "display_name", display_name, truncate=True)
    language = language or settings.LANGUAGE_CODE
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                display_name=display_name,
                preferred_language=language,
                is_active=False,
            )
            if quarter is not None:
                Membership.objects.create(user=user, quarter=quarter, role=Membership.Role.RESIDENT)
            token = signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRM_SALT)
            link = settings.SITE_URL + reverse("core:confirm_email", args=[token])
            queue_templated_mail(email, "core/mail/confirm", {"link": link, "user": user}, language=language)
            audit.record(user, "core.user_registered", user)
    except IntegrityError:
        link = settings.SITE_URL + reverse("core:password_reset")
        queue_templated_mail(email, "core/mail/already_registered", {"link": link}, language=language)


def confirmation_user(token: str) -> User | None:
    """The account a confirmation token names, without changing it; None when the token is invalid or expired."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=data.get("u"), email=data.get("e")).first()


def confirm_email(token: str) -> User | None:
    """Activate the account the token names; None when the token is invalid or expired."""
    with transaction.atomic():
        user = confirmation_user(token)
        if user is None:
            return None
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.email_confirmed_at is None:
            user.is_active = True
            user.email_confirmed_at = timezone.now()
            user.save(update_fields=["is_active", "email_confirmed_at"])
            audit.record(user, "core.email_confirmed", user)
    return user


def grant_role(*, user: User, role: str, quarter: Quarter | None = None, city=None, by=None) -> Membership:
    """Give a user a role in a quarter (or, for city staff, a city); the grant and its audit entry are one."""
    with transaction.atomic():
        if role == Membership.Role.CITY_STAFF:
            membership, created = Membership.objects.get_or_create(
                user=user, role=role, city=city, quarter=None
            )
        else:
            membership, created = Membership.objects.get_or_create(user=user, role=role, quarter=quarter)
        if created:
            audit.record(
                by, "core.role_granted", user, quarter=quarter, role=role, city=city.pk if city else None
            )
    forget_roles(user)
    return membership


def revoke_role(*, membership: Membership, by=None) -> None:
    """Take a role away; the removal and its audit entry are one."""
    with transaction.atomic():
        audit.record(
            by,
            "core.role_revoked",
            membership.user,
            quarter=membership.quarter,
            role=membership.role,
            city=membership.city_id,
        )
        membership.delete()
    forget_roles(membership.user)


def set_administrator(*, user: User, is_admin: bool, by=None) -> User:
    """Make a user an administrator (superuser) or take that away, with an audit entry."""
    if user.is_superuser == is_admin and user.is_staff == is_admin:
        return user
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_superuser=is_admin, is_staff=is_admin)
        user.is_superuser = user.is_staff = is_admin
        audit.record(by, "core.admin_granted" if is_admin else "core.admin_revoked", user)
    forget_roles(user)
    return user


def update_profile(*, user: User, display_name: str, preferred_language: str) -> User:
    """Save a person's name and language; the change and its audit entry are one."""
    before = {"display_name": user.display_name, "preferred_language": user.preferred_language}
    display_name = clean_for_column(User, "display_name", display_name)
    with transaction.atomic():
        user.display_name = display_name
        user.preferred_language = preferred_language
        user.save(update_fields=["display_name", "preferred_language"])
        audit.record(
            user,
            "core.profile_updated",
            user,
            **audit.diff(before, {"display_name": display_name, "preferred_language": preferred_language}),
        )
    return user


def issue_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    token, key = ApiToken.issue(user, clean_for_column(ApiToken, "name", name, truncate=True))
    audit.record(user, "core.api_token_issued", token, name=name)
    return token, key


def revoke_api_token(*, user: User, token_id: int) -> bool:
    token = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).first()
    if token is None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(user, "core.api_token_revoked", token, name=token.name)
    return True


def unsaved_totp_device(user: User, key: str) -> TOTPDevice:
    """The TOTP device being set up, not stored: its key lives in the session until a first code confirms it."""
    return TOTPDevice(user=user, key=key, name="Authenticator", confirmed=False)


def confirm_totp_device(*, user: User, key: str, token: str) -> TOTPDevice | None:
    """Store the device with a first code from the app, with its audit entry; None (nothing stored) if the
    code is wrong."""
    with transaction.atomic():
        device = unsaved_totp_device(user, key)
        device.save()
        if not device.verify_token(token):
            transaction.set_rollback(True)
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # Devices left half set up by earlier versions (made on a page visit) are no longer needed.
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        audit.record(user, "core.second_factor_set_up", device)
    return device


def submit_accessibility_feedback(*, page_url: str, message: str, email: str) -> AccessibilityFeedback:
    """Store feedback on accessibility and tell the administrators."""
    feedback = AccessibilityFeedback.objects.create(
        page_url=clean_for_column(AccessibilityFeedback, "page_url", page_url, truncate=True),
        message=clean_for_column(AccessibilityFeedback, "message", message),
        email=clean_email(email),
    )
    admins = list(User.objects.filter(is_superuser=True, is_active=True).values_list("email", flat=True))
    if admins:
        queue_templated_mail(admins, "core/mail/accessibility_feedback", {"feedback": feedback})
    return feedback


# Who is responsible ------------------------------------------------------------------------------------

PARTY_FIELDS = (
    "kind",
    "name",
    "legal_form",
    "is_public_body",
    "address",
    "email",
    "phone",
    "represented_by",
    "register_entry",
    "vat_id",
    "supervisory_body",
    "content_responsible",
    "dpo_name",
    "dpo_email",
    "dpo_address",
    "data_protection_authority",
)


def save_responsible_party(
    *, by, city, data: dict, party: ResponsibleParty | None = None
) -> ResponsibleParty:
    """Create or change a city administration's or an operator's controller, DPO and Impressum details."""
    party = party or ResponsibleParty(city=city)
    if party.city_id != city.pk or not can_edit_responsible_party(by, party):
        raise NotAllowed(_("You may not change the details of this body."))
    if data.get("kind") == ResponsibleParty.Kind.CITY:
        clash = ResponsibleParty.objects.filter(city=city, kind=ResponsibleParty.Kind.CITY).exclude(
            pk=party.pk
        )
        if clash.exists():
            raise DomainError(_("This city already has its administration recorded."), field="kind")
    changes_kind = "kind" in data and data["kind"] != party.kind
    if party.pk and changes_kind and party.operated_quarters.exists():
        raise DomainError(_("This operator runs quarters; it stays an operator."), field="kind")
    before = {f: getattr(party, f) for f in PARTY_FIELDS} if party.pk else {}
    for name in PARTY_FIELDS:
        if name in data:
            value = data[name]
            setattr(party, name, clean_text(value) if isinstance(value, str) else value)
    with transaction.atomic():
        party.save()
        audit.record(
            by,
            "core.responsible_party_saved",
            party,
            changes=audit.diff(before, {f: getattr(party, f) for f in PARTY_FIELDS}),
        )
    return party


def set_arrangement(*, by, quarter: Quarter, arrangement: str, operator: ResponsibleParty | None) -> Quarter:
    """Record who runs a quarter's office and the data-protection arrangement its contract states."""
    if not can_set_arrangement(by, quarter):
        raise NotAllowed(_("You may not change who is responsible for this quarter."))
    if arrangement not in ControllerArrangement.values:
        raise DomainError(_("Choose an arrangement."), field="arrangement")
    if operator is not None and (
        operator.kind != ResponsibleParty.Kind.OPERATOR or operator.city_id != quarter.city_id
    ):
        raise DomainError(_("Choose an operator of this quarter's city."), field="operator_party")
    if arrangement != ControllerArrangement.CITY and operator is None:
        raise DomainError(
            _("This arrangement needs the operator that runs the office."), field="operator_party"
        )
    before = {"arrangement": quarter.arrangement, "operator_party": quarter.operator_party_id}
    quarter.arrangement = arrangement
    quarter.operator_party = operator
    with transaction.atomic():
        quarter.save(update_fields=["arrangement", "operator_party"])
        audit.record(
            by,
            "core.arrangement_set",
            quarter,
            quarter=quarter,
            changes=audit.diff(
                before, {"arrangement": arrangement, "operator_party": quarter.operator_party_id}
            ),
        )
    return quarter


# Requests of data subjects -------------------------------------------------------------------------------

RESTRICTING_KINDS = {
    SubjectRequest.Kind.RESTRICTION: ProcessingRestriction.Kind.RESTRICTION,
    SubjectRequest.Kind.OBJECTION: ProcessingRestriction.Kind.OBJECTION,
}


def log_subject_request(
    *,
    by,
    quarter: Quarter,
    kind: str,
    channel: str,
    subject_name: str,
    received_on,
    identity_check: str,
    subject_email: str = "",
    subject_address: str = "",
    details: str = "",
    identity_note: str = "",
) -> SubjectRequest:
    """Log a request received by letter, at the counter or by phone, with its one-month deadline.

    A restriction or an objection is in force from receipt while the office examines it (Art. 18 (1) a
    and d GDPR): the person drops out of contact lists, invitations and exports at once.
    """
    if not can_handle_subject_requests(by, quarter):
        raise NotAllowed(_("You may not log requests for this quarter."))
    subject_email = (subject_email or "").strip().lower()
    if kind in RESTRICTING_KINDS and not subject_email:
        raise DomainError(
            _("A restriction or objection needs the person's e-mail address to be honoured."),
            field="subject_email",
        )
    if received_on > timezone.localdate():
        raise DomainError(_("The date of receipt cannot lie in the future."), field="received_on")
    with transaction.atomic():
        request = SubjectRequest.objects.create(
            quarter=quarter,
            kind=kind,
            channel=channel,
            subject_name=clean_line(subject_name),
            subject_email=subject_email,
            subject_address=clean_text(subject_address),
            user=User.objects.filter(email__iexact=subject_email).first() if subject_email else None,
            details=clean_text(details),
            received_on=received_on,
            due_on=add_one_month(received_on),
            identity_check=identity_check,
            identity_note=clean_line(identity_note),
            logged_by=by,
        )
        if kind in RESTRICTING_KINDS:
            ProcessingRestriction.objects.create(
                email=subject_email, kind=RESTRICTING_KINDS[kind], request=request, since=received_on
            )
        # The audit entry names the kind of request, never the person.
        audit.record(by, "core.subject_request_logged", request, kind=kind, channel=channel)
    return request


def answer_subject_request(
    *, by, request: SubjectRequest, status: str, answered_on, answer_note: str = ""
) -> SubjectRequest:
    """Close a logged request as answered or refused (with reasons)."""
    if not can_handle_subject_requests(by, request.quarter):
        raise NotAllowed(_("You may not answer requests for this quarter."))
    if status not in (SubjectRequest.Status.ANSWERED, SubjectRequest.Status.REFUSED):
        raise DomainError(_("Choose whether the request was answered or refused."), field="status")
    if answered_on < request.received_on:
        raise DomainError(_("The answer cannot predate the request."), field="answered_on")
    if status == SubjectRequest.Status.REFUSED and not clean_text(answer_note):
        raise DomainError(_("Give the reasons for the refusal (Art. 12 (4) GDPR)."), field="answer_note")
    request.status = status
    request.answered_on = answered_on
    request.answer_note = clean_text(answer_note)
    with transaction.atomic():
        request.save(update_fields=["status", "answered_on", "answer_note"])
        audit.record(by, "core.subject_request_answered", request, status=status)
    return request


def lift_restriction(*, by, restriction: ProcessingRestriction, reason: str) -> ProcessingRestriction:
    """End a restriction or objection (the person agreed, or the office's grounds prevail, Art. 18 (3))."""
    if not can_handle_subject_requests(by, restriction.request.quarter):
        raise NotAllowed(_("You may not lift this restriction."))
    if restriction.lifted_on is not None:
        raise DomainError(_("This restriction has already been lifted."))
    if not clean_line(reason):
        raise DomainError(
            _("Say why the restriction ends; the person is told beforehand (Art. 18 (3))."), field="reason"
        )
    restriction.lifted_on = timezone.localdate()
    restriction.reason = clean_line(reason)
    with transaction.atomic():
        restriction.save(update_fields=["lifted_on", "reason"])
        audit.record(by, "core.restriction_lifted", restriction.request, kind=restriction.kind)
    return restriction


def _subject_of(request: SubjectRequest):
    """The register's handle on the person of a logged request: the account, else the e-mail address."""
    from . import privacy_services

    if request.user_id:
        return privacy_services.for_user(request.user)
    if request.subject_email:
        return privacy_services.for_email(request.subject_email)
    raise DomainError(
        _("Record the person's e-mail address first: the data is found by account or address."),
        field="subject_email",
    )


def export_for_request(*, by, request: SubjectRequest) -> bytes:
    """The ZIP of everything held about the person of an access or portability request, to hand over."""
    from . import privacy_services

    if not can_handle_subject_requests(by, request.quarter):
        raise NotAllowed(_("You may not answer requests for this quarter."))
    if request.kind not in (SubjectRequest.Kind.ACCESS, SubjectRequest.Kind.PORTABILITY):
        raise DomainError(_("Only access and portability requests are answered with a copy of the data."))
    ref = _subject_of(request)
    privacy_services.require_reach(by, ref)  # the copy holds every quarter's data: only for who reaches it
    data = privacy_services.build_zip(ref)
    audit.record(by, "core.subject_request_exported", request, kind=request.kind)
    return data


def erase_for_request(*, by, request: SubjectRequest):
    """Carry out an erasure request and close it; legal holds keep what the law requires (listed)."""
    from . import privacy_services

    if not can_handle_subject_requests(by, request.quarter):
        raise NotAllowed(_("You may not answer requests for this quarter."))
    if request.kind != SubjectRequest.Kind.ERASURE or request.status != SubjectRequest.Status.OPEN:
        raise DomainError(_("Only an open erasure request is carried out here."))
    if request.identity_check == SubjectRequest.IdentityCheck.PENDING:
        raise DomainError(_("Check the person's identity before erasing."), field="identity_check")
    ref = _subject_of(request)
    privacy_services.require_reach(by, ref)
    with transaction.atomic():
        result = privacy_services.erase(ref, by=by, reason=f"subject request {request.pk}")
        held = len(result.holds)
        answer_subject_request(
            by=by,
            request=SubjectRequest.objects.get(pk=request.pk),
            status=SubjectRequest.Status.ANSWERED,
            answered_on=timezone.localdate(),
            answer_note=_("Erased. Records kept under a legal hold: %(n)d.") % {"n": held},
        )
    return result


QUARTER_PAGE_FIELDS = ("summary", "contact_name", "contact_address", "opening_hours", "contact_phone")


@transaction.atomic
def update_quarter_page(*, by, quarter: Quarter, translations=None, **fields) -> Quarter:
    """Change the texts of the quarter page (German and, where given, the other languages the city offers)."""
    quarter = Quarter.objects.select_for_update().select_related("city").get(pk=quarter.pk)
    if not can_manage_quarter(by, quarter):
        raise NotAllowed(_("You may not change the page of this quarter."))
    data = {
        name: clean_for_column(Quarter, name, value)
        for name, value in fields.items()
        if name in QUARTER_PAGE_FIELDS
    }
    if translations is not None:
        data["translations"] = multilingual.clean(
            Quarter, translations, multilingual.offered(quarter.city), keep=quarter.translations
        )
    changed = audit.diff({name: getattr(quarter, name) for name in data}, data)
    if not changed:
        return quarter
    for name, value in data.items():
        setattr(quarter, name, value)
    quarter.save(update_fields=list(data))
    # The audit entry starts a new generation of the quarter's pages: cached copies are not served again.
    audit.record(by, "core.quarter_page_changed", quarter, fields=sorted(changed))
    return quarter
