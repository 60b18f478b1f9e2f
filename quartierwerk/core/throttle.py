"""A fixed-window request limit in the cache, keyed by a hash so that no address or e-mail is stored in it."""

import hashlib

from django.core.cache import cache
from django.utils.translation import gettext as _

from .errors import Conflict


def throttle(key: str, limit: int, seconds: int = 3600) -> None:
    """Refuse the (limit+1)-th call for this key within the window."""
    cache_key = "throttle:" + hashlib.sha256(key.encode()).hexdigest()
    if cache.add(cache_key, 1, seconds):
        return
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired in between
        cache.add(cache_key, 1, seconds)
        return
    if count > limit:
        raise Conflict(
            _("Too many requests from here; please try again in an hour or contact the office."), status=429
        )
