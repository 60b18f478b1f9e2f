"""Secrets handed out once (API keys, private links, calendar links) are stored only as this hash."""

import hashlib


def secret_hash(secret: str) -> str:
    """The SHA-256 of a high-entropy secret; lookups compare hashes, so the database never holds the secret."""
    return hashlib.sha256(secret.encode()).hexdigest()
