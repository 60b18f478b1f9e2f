"""Gunicorn configuration for production (see docs/operations.md). Override with environment variables."""

import multiprocessing
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quartierwerk.core.production import web_concurrency  # noqa: E402

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The worker count is read in one place (WEB_CONCURRENCY) and handed on to the settings, which refuse a
# per-process cache with more than one worker.
workers = web_concurrency(default=multiprocessing.cpu_count() * 2 + 1)
os.environ["WEB_CONCURRENCY"] = str(workers)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "sync" if threads == 1 else "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# Gunicorn believes X-Forwarded-Proto from the same proxies whose X-Forwarded-For the application believes.
forwarded_allow_ips = (
    os.environ.get("FORWARDED_ALLOW_IPS") or os.environ.get("TRUSTED_PROXIES") or "127.0.0.1"
)
preload_app = True
# Private-link secrets in paths and query strings are masked in the access log (quartierwerk/core/logmask.py).
logger_class = "quartierwerk.core.gunicorn_logging.MaskingLogger"


def on_starting(server):
    """Refuse `-w N` on the command line: the settings checked the cache against WEB_CONCURRENCY."""
    if server.cfg.workers != workers:
        raise SystemExit(
            f"Set the number of workers with WEB_CONCURRENCY (now {workers}), not with -w/--workers "
            f"({server.cfg.workers}): the settings check the cache against it."
        )
