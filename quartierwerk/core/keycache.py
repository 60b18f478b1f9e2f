"""Lookups (such as "which client owns this API key") kept in the shared cache, revocable for every worker.

Entries are plain values (JSON text: numbers, strings, booleans, lists, dicts), never pickled model objects,
and live under a generation key: revoking anything in a namespace starts a new generation once the
transaction commits, so every worker and server misses the old entries at the same moment. A worker that read
the database just before the revocation committed stores its (stale) answer under the old generation, where
nobody looks any more.
"""

import hashlib
import json
import secrets
from collections.abc import Callable

from django.core.cache import caches
from django.db import transaction

CACHE_ALIAS = "default"

_MISSING = object()


def _generation_key(namespace: str) -> str:
    return f"keycache:{namespace}:generation"


def generation(namespace: str) -> str:
    """The current generation of a namespace (created on first use, kept without expiry)."""
    cache = caches[CACHE_ALIAS]
    key = _generation_key(namespace)
    current = cache.get(key)
    if current is None:
        cache.add(key, secrets.token_hex(8), timeout=None)
        current = cache.get(key)
    return current


def _entry_key(namespace: str, generation_value: str, key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    return f"keycache:{namespace}:{generation_value}:{digest}"


def lookup(namespace: str, key: str, load: Callable[[], object], *, timeout: int):
    """The cached answer for `key`, or `load()`'s (plain, JSON-serialisable; None for "no such key")."""
    cache = caches[CACHE_ALIAS]
    entry_key = _entry_key(namespace, generation(namespace), key)
    stored = cache.get(entry_key, _MISSING)
    if stored is not _MISSING:
        return json.loads(stored)
    value = load()
    cache.set(entry_key, json.dumps(value), timeout=timeout)
    return value


def invalidate(namespace: str) -> None:
    """Forget every entry of the namespace for all workers: at once, and again when the transaction commits
    (an answer read from the database before the commit may have been stored in between)."""

    def start_new_generation():
        caches[CACHE_ALIAS].set(_generation_key(namespace), secrets.token_hex(8), timeout=None)

    start_new_generation()
    transaction.on_commit(start_new_generation)
