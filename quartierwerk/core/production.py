"""Start-up guards: settings that would make the protections fail in production refuse to load.

Imported by `settings.py` (and by `deploy/gunicorn.conf.py` for the worker count), so it must not import
anything from Django beyond the exception class.
"""

import os

from django.core.exceptions import ImproperlyConfigured

# Caches whose contents live inside one process: counters and revocations in them do not reach other workers.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def web_concurrency(default: int = 1) -> int:
    """The number of application processes (gunicorn workers), read from `WEB_CONCURRENCY` in one place."""
    value = os.environ.get("WEB_CONCURRENCY", "").strip()
    if not value:
        return default
    try:
        workers = int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"WEB_CONCURRENCY must be a whole number, not {value!r}.") from exc
    if workers < 1:
        raise ImproperlyConfigured("WEB_CONCURRENCY must be at least 1.")
    return workers


def refuse_unsafe_start(*, debug: bool, secret_key: str, caches: dict, workers: int) -> None:
    """Raise ImproperlyConfigured for a configuration on which the security of the site cannot hold.

    - DEBUG off without SECRET_KEY: every signed link (e-mail confirmation, consent withdrawal, registration
      cancel, password reset) could be forged with the public development key.
    - More than one worker with a per-process default cache: rate limits would be counted per worker and an
      Open311 key revocation would reach one worker only.
    """
    if not debug and not secret_key:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off Quartierwerk does not start on a public default key: "
            "set SECRET_KEY to a long random value (see docs/operations.md)."
        )
    backend = caches.get("default", {}).get("BACKEND", "")
    if workers > 1 and backend in PER_PROCESS_CACHES:
        raise ImproperlyConfigured(
            f"WEB_CONCURRENCY is {workers}, but the default cache ({backend}) lives in each process: rate "
            "limits and key revocations would not be shared. Set REDIS_URL, or run a single worker "
            "(WEB_CONCURRENCY=1)."
        )
