"""Personal calendar feed links: issued once, stored as a hash, revoked on request."""

from django.db import transaction
from django.utils import timezone

from quartierwerk.core import audit

from ..models import CalendarToken


@transaction.atomic
def issue_calendar_token(*, user) -> str:
    """A new secret feed link; earlier links of the user stop working. Returns the token, shown once."""
    CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token = CalendarToken.new_token()
    CalendarToken.objects.create(user=user, token_hash=CalendarToken.hash_token(token))
    audit.record(user, "events.calendar_link_issued", user)
    return token


@transaction.atomic
def revoke_calendar_tokens(*, user) -> int:
    """Every feed link of the user stops working; the revocation is audited with it."""
    count = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit.record(user, "events.calendar_link_revoked", user, count=count)
    return count


def user_for_calendar_token(token: str):
    """The active user a personal feed link belongs to; None for an unknown or revoked link."""
    if not token or len(token) > 100:
        return None
    row = (
        CalendarToken.objects.select_related("user")
        .filter(token_hash=CalendarToken.hash_token(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return row.user if row else None
