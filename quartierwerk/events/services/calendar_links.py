"""Personal calendar feed links: issued once, stored as a hash, revoked on request (core.onetime)."""

from django.db import transaction

from quartierwerk.core import audit, onetime

from ..models import CalendarToken


@transaction.atomic
def issue_calendar_token(*, user) -> str:
    """A new secret feed link; earlier links of the user stop working. Returns the token, shown once."""
    onetime.revoke(CalendarToken.objects.filter(user=user))
    token, token_hash = onetime.issue()
    CalendarToken.objects.create(user=user, token_hash=token_hash)
    audit.record(user, "events.calendar_link_issued", user)
    return token


@transaction.atomic
def revoke_calendar_tokens(*, user) -> int:
    """Every feed link of the user stops working; the revocation is audited with it."""
    count = onetime.revoke(CalendarToken.objects.filter(user=user))
    audit.record(user, "events.calendar_link_revoked", user, count=count)
    return count


def user_for_calendar_token(token: str):
    """The active user a personal feed link belongs to; None for an unknown or revoked link."""
    row = onetime.find(
        CalendarToken.objects.select_related("user").filter(user__is_active=True),
        token,
        revoked="revoked_at",
        max_length=100,
    )
    return row.user if row else None
