"""Secrets handed out once (API keys, private links, calendar links) are stored only as this hash."""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings


def secret_hash(secret: str) -> str:
    """The SHA-256 of a high-entropy secret; lookups compare hashes, so the database never holds the secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_link_key() -> str:
    """A random per-object key from which a private link's secret is derived (useless without SECRET_KEY)."""
    return secrets.token_hex(16)


def link_secret(purpose: str, key: str, stored_hash: str | None = None) -> str:
    """The secret of a private link that later e-mails must repeat (a report's follow link, a body's answer link).

    It is rebuilt from the object's random key and SECRET_KEY whenever a mail needs it; the database keeps the
    key and `secret_hash()` of the secret, so a copy of the database opens no link. A new key revokes the link.
    Given the stored hash, a key in SECRET_KEY_FALLBACKS that built it is used, so rotating SECRET_KEY the way
    Django documents it keeps the links of later mails the same.
    """
    message = f"quartierwerk.link.{purpose}:{key}".encode()
    candidates = []
    for server_key in (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())):
        mac = hmac.new(server_key.encode(), message, hashlib.sha256).digest()
        secret = base64.urlsafe_b64encode(mac[:24]).decode()
        if stored_hash is None or hmac.compare_digest(secret_hash(secret), stored_hash):
            return secret
        candidates.append(secret)
    return candidates[0]
