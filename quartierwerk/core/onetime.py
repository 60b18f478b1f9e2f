"""One-time codes: the secrets of links that go out by e-mail (private links, cancellation, calendar feeds).

Two kinds, both kept by the apps in their own tables and URLs:

- **Random codes** (`issue()`): a high-entropy code is handed out once and only its `secret_hash()` is
  stored; `find()` looks a row up by the hash of what the link carries, so the database never holds a code
  and the comparison never runs over the secret itself. `revoke()` ends codes; `promote()` lets a code
  issued beside the current one replace it.
- **Signed codes** (`sign()` / `unsign()`): a small payload signed with SECRET_KEY (Django's `signing`),
  for links that no row needs to remember (cancel a registration, withdraw consent).

Every code is checked for a plausible length before it is hashed or unsigned: a link with a megabyte of
garbage costs nothing. The formats are those of links already in people's mailboxes; they must not change.
"""

import hmac
import secrets
from datetime import timedelta

from django.core import signing
from django.db.models import Q, QuerySet
from django.utils import timezone

from .tokens import secret_hash

CODE_BYTES = 32
# A random code is 43 characters (older links 32); anything far longer is not one of ours.
MAX_CODE_LENGTH = 128
# A signed code carries its payload (an e-mail address at most) and signature.
MAX_SIGNED_LENGTH = 1024


def new_code(nbytes: int = CODE_BYTES) -> str:
    """A fresh random code for a link (URL-safe, `nbytes` of entropy)."""
    return secrets.token_urlsafe(nbytes)


def issue(nbytes: int = CODE_BYTES) -> tuple[str, str]:
    """A new code and the hash to store: the code goes into the mail, only the hash into the database."""
    code = new_code(nbytes)
    return code, secret_hash(code)


def digest(code: str | None, *, min_length: int = 1, max_length: int = MAX_CODE_LENGTH) -> str | None:
    """The stored hash a code would have; None when it cannot be one of ours (empty, too short or too long)."""
    if not code or not isinstance(code, str) or not (min_length <= len(code) <= max_length):
        return None
    return secret_hash(code)


def matches(code: str | None, *hashes: str | None, max_length: int = MAX_CODE_LENGTH) -> bool:
    """Whether `code` is the one behind any of the stored hashes, compared in constant time."""
    candidate = digest(code, max_length=max_length)
    if candidate is None:
        return False
    return any(hmac.compare_digest(candidate, stored) for stored in hashes if stored)


def matching(code: str | None, *fields: str, max_length: int = MAX_CODE_LENGTH) -> Q:
    """A filter for the row whose hash in any of `fields` belongs to `code` (matches nothing for a bad code)."""
    candidate = digest(code, max_length=max_length)
    if candidate is None:
        return Q(pk__in=[])
    query = Q()
    for field in fields:
        query |= Q(**{field: candidate})
    return query


def active(*, revoked: str | None = None, issued: str | None = None, max_age: timedelta | None = None) -> Q:
    """A filter for codes still valid: not revoked (`revoked` is null) and, with `max_age`, not expired."""
    query = Q()
    if revoked:
        query &= Q(**{f"{revoked}__isnull": True})
    if issued and max_age is not None:
        query &= Q(**{f"{issued}__gt": timezone.now() - max_age})
    return query


def find(
    queryset: QuerySet,
    code: str | None,
    *,
    fields: tuple[str, ...] = ("token_hash",),
    revoked: str | None = None,
    issued: str | None = None,
    max_age: timedelta | None = None,
    min_length: int = 1,
    max_length: int = MAX_CODE_LENGTH,
):
    """The row of `queryset` a code opens, or None: unknown, too short or long, revoked or expired."""
    if digest(code, min_length=min_length, max_length=max_length) is None:
        return None
    return (
        queryset.filter(matching(code, *fields, max_length=max_length))
        .filter(active(revoked=revoked, issued=issued, max_age=max_age))
        .first()
    )


def revoke(queryset: QuerySet, *, field: str = "revoked_at", now=None) -> int:
    """End every code of `queryset` not ended yet (stamps `field`); answers how many were ended."""
    return queryset.filter(**{f"{field}__isnull": True}).update(**{field: now or timezone.now()})


def promote(queryset: QuerySet, code: str, *, current: str, pending: str) -> bool:
    """A code issued beside the current one (`pending`) becomes the current one; the old code stops working.

    A conditional update, so two requests with the same new code promote it once; answers whether this
    call did it.
    """
    candidate = digest(code)
    if candidate is None:
        return False
    return bool(queryset.filter(**{pending: candidate}).update(**{current: candidate, pending: None}))


def sign(payload, *, salt: str, compress: bool = False) -> str:
    """A signed code carrying `payload` (Django's `signing.dumps`; its format is that of links already sent)."""
    return signing.dumps(payload, salt=salt, compress=compress)


def unsign(code: str | None, *, salt: str, max_age: timedelta | int | None = None):
    """The payload of a signed code; None when it is too long, forged, for another purpose or expired."""
    if not code or not isinstance(code, str) or len(code) > MAX_SIGNED_LENGTH:
        return None
    try:
        return signing.loads(code, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
