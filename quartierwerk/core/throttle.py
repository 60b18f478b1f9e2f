"""One rate limit for the whole project, counted in the shared cache (`default`: Redis when REDIS_URL is set).

A counter per scope, key and time window: `cache.add` creates it, `cache.incr` counts atomically (one Redis
INCR), so any number of workers and servers share the same count. The window is fixed (the current minute,
hour, …, counted from the epoch) and is part of the cache key, so an expired counter is never revived and
nothing has to be reset. Keys are hashed: an e-mail address or an API key never appears in the cache.

Production refuses to start with a per-process cache and more than one worker (`core.production`), because
each worker would then keep its own count.
"""

import hashlib
import time

from django.core.cache import caches
from django.utils.translation import gettext_lazy as _

from .errors import DomainError

CACHE_ALIAS = "default"


class Throttled(DomainError):
    """Too many requests for this key in the current window (HTTP 429)."""

    status = 429


def _cache_key(scope: str, key: str, seconds: int, now: float) -> str:
    digest = hashlib.sha256(f"{scope}\x00{key}".encode()).hexdigest()[:32]
    return f"throttle:{scope}:{seconds}:{int(now // seconds)}:{digest}"


def hit(scope: str, key: str, *, limit: int, seconds: int) -> bool:
    """Count one request of `key` in `scope`; True while no more than `limit` fell in the current window."""
    cache = caches[CACHE_ALIAS]
    cache_key = _cache_key(scope, str(key), seconds, time.time())
    # The counter outlives its window by one more window so that it cannot expire while it is counted.
    cache.add(cache_key, 0, timeout=2 * seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr: count this request as the window's first
        cache.add(cache_key, 1, timeout=2 * seconds)
        count = 1
    return count <= limit


def check(scope: str, key: str, *, limit: int, seconds: int, message=None) -> None:
    """Count one request and raise `Throttled` once the limit for the current window is exceeded."""
    if not hit(scope, key, limit=limit, seconds=seconds):
        raise Throttled(message or _("Too many requests from here; please try again later."))
