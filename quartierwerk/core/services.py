"""Writes of the core: accounts, roles, second factor, API tokens, feedback."""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .mail import queue_templated_mail
from .models import AccessibilityFeedback, ApiToken, Membership, Quarter, User
from .rules import forget_roles
from .text import clean_email, clean_for_column

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


def confirm_email(token: str) -> User | None:
    """Activate the account the token names; None when the token is invalid or expired."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        return None
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
    before = {"display_name": user.display_name, "preferred_language": user.preferred_language}
    display_name = clean_for_column(User, "display_name", display_name)
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


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed TOTP device the user is setting up (made on the first visit of the set-up page)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


def confirm_totp_device(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm the device with a first code from the app; False if the code is wrong."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(user, "core.second_factor_set_up", device)
    return True


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
