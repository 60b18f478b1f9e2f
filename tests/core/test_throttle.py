"""The one throttle: counted in the shared cache, so every worker and server sees the same count."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quartierwerk.core import throttle
from tests.conftest import REDIS_URL

ROOT = Path(__file__).resolve().parents[2]

WORKER = """
import sys, time
import django
django.setup()
from quartierwerk.core import throttle
start = float(sys.argv[1])
while time.time() < start:
    time.sleep(0.001)
print(sum(throttle.hit("open311.key", "key-42", limit=3, seconds=60) for _ in range(int(sys.argv[2]))))
"""


def _wait_clear_of_the_minute_boundary():
    """The window is the current minute: start well inside one so that all workers count in the same one."""
    if time.time() % 60 > 45:
        time.sleep(61 - time.time() % 60)


def test_a_key_limited_to_three_a_minute_gets_exactly_three_through_across_processes(redis_cache):
    _wait_clear_of_the_minute_boundary()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "quartierwerk.settings",
        "DEBUG": "true",
        "DATABASE_URL": "sqlite:///:memory:",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": redis_cache,
        "WEB_CONCURRENCY": "4",
    }
    start = time.time() + 3
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(start), "3"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    passed = []
    for worker in workers:
        out, _err = worker.communicate(timeout=60)
        assert worker.returncode == 0
        passed.append(int(out.strip()))
    assert sum(passed) == 3, passed


def test_separate_cache_clients_in_threads_share_one_count(redis_cache):
    """Each thread has its own cache object and Redis connection, as each worker has."""
    import threading

    from django.core.cache import caches

    _wait_clear_of_the_minute_boundary()
    barrier = threading.Barrier(5)
    results, clients = [], set()

    def worker():
        clients.add(id(caches["default"]))
        barrier.wait(timeout=10)
        results.extend(throttle.hit("open311.key", "key-7", limit=3, seconds=60) for _ in range(3))

    threads = [threading.Thread(target=worker) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(clients) == 5 and len(results) == 15
    assert results.count(True) == 3


def test_windows_are_separate_and_keys_are_hashed(redis_cache, monkeypatch):
    import redis

    now = 1_800_000_000.0
    monkeypatch.setattr(throttle.time, "time", lambda: now)
    assert [throttle.hit("fund.link", "anna@example.org", limit=2, seconds=3600) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    now += 3600
    assert throttle.hit("fund.link", "anna@example.org", limit=2, seconds=3600) is True
    stored = [k.decode() for k in redis.Redis.from_url(REDIS_URL).scan_iter(match=f"{redis_cache}*")]
    assert stored and not any("anna" in key for key in stored)


def test_check_raises_a_429_domain_error(db):
    for _ in range(2):
        throttle.check("test", "x", limit=2, seconds=60)
    with pytest.raises(throttle.Throttled) as refused:
        throttle.check("test", "x", limit=2, seconds=60)
    assert refused.value.status == 429
