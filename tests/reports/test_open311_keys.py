"""Open311 keys: looked up in the shared cache as plain values; a revocation reaches every worker at once."""

import json
import os
import subprocess
import sys
from pathlib import Path

from quartierwerk.core import keycache
from quartierwerk.reports import services
from quartierwerk.reports.models import Report
from tests.conftest import REDIS_URL

from .conftest import LAT, LON

ROOT = Path(__file__).resolve().parents[2]


def post(client, **data):
    return client.post("/open311/v2/requests.json", data)


def test_key_lookups_are_stored_as_plain_values_and_revocation_is_immediate(
    client, quarter, category, user_with_role, redis_cache
):
    import redis

    staff = user_with_role("staff")
    api_client, key = services.create_api_client(quarter=quarter, name="Stadt-App", by=staff)
    assert post(client, api_key=key, service_code="streetlight", lat=LAT, long=LON).status_code == 201
    assert post(client, api_key=key, service_code="streetlight", lat=LAT, long=LON).status_code == 201
    assert Report.objects.filter(api_client=api_client).count() == 2

    raw = redis.Redis.from_url(REDIS_URL)
    entries = [
        k for k in raw.scan_iter(match=f"{redis_cache}*keycache:open311-keys:*") if b"generation" not in k
    ]
    assert len(entries) == 1
    stored = raw.get(entries[0])
    # JSON text (Django pickles the str), never a pickled model instance.
    assert b"ApiClient" not in stored and b"django.db" not in stored and b"quartierwerk" not in stored
    assert b'"rate_limit_per_minute": 120' in stored

    services.revoke_api_client(client=api_client, by=staff)
    assert post(client, api_key=key, service_code="streetlight", lat=LAT, long=LON).status_code == 403


WORKER = """
import sys
import django
django.setup()
from quartierwerk.core import keycache
print(keycache.lookup("open311-keys", "k", lambda: {"id": 1}, timeout=60), flush=True)
print(keycache.lookup("open311-keys", "k", lambda: {"id": "reloaded too early"}, timeout=60), flush=True)
sys.stdin.readline()
print(keycache.lookup("open311-keys", "k", lambda: None, timeout=60), flush=True)
"""


def test_a_revocation_in_one_process_reaches_a_worker_in_another(redis_cache, db):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "quartierwerk.settings",
        "DEBUG": "true",
        "DATABASE_URL": "sqlite:///:memory:",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": redis_cache,
    }
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER],
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert worker.stdout.readline().strip() == "{'id': 1}"
        assert worker.stdout.readline().strip() == "{'id': 1}"  # served from the shared cache
        # This process (another worker, its own Redis connection) sees the same entry, then revokes.
        assert keycache.lookup("open311-keys", "k", lambda: "not used", timeout=60) == {"id": 1}
        keycache.invalidate("open311-keys")
        out, _err = worker.communicate("go\n", timeout=60)
    finally:
        worker.kill()
    assert out.strip() == "None"


def test_an_answer_read_before_the_revocation_is_not_served_after_it(redis_cache, db):
    def load_then_get_revoked():
        answer = {"id": 5, "valid": True}  # read from the database before the revocation ...
        keycache.invalidate("open311-keys")  # ... which commits while this worker is still busy
        return answer

    assert keycache.lookup("open311-keys", "k5", load_then_get_revoked, timeout=60) == {
        "id": 5,
        "valid": True,
    }
    assert keycache.lookup("open311-keys", "k5", lambda: None, timeout=60) is None


def test_values_round_trip_as_json(redis_cache):
    value = {"id": 3, "quarter_id": 7, "returns_token": False, "tags": ["a"]}
    assert keycache.lookup("test", "x", lambda: value, timeout=60) == value
    assert json.dumps(keycache.lookup("test", "x", lambda: None, timeout=60)) == json.dumps(value)


def test_categories_and_quarter_outlines_are_cached_as_plain_values(
    client, quarter, category, user_with_role, redis_cache
):
    import redis

    _api_client, key = services.create_api_client(
        quarter=quarter, name="Stadt-App", by=user_with_role("staff")
    )
    for _ in range(2):  # the second request is served from the cache
        assert post(client, api_key=key, service_code="streetlight", lat=LAT, long=LON).status_code == 201
    raw = redis.Redis.from_url(REDIS_URL)
    for pattern, model in (("category-rows", b"reports.category"), ("quarter-rows", b"core.quarter")):
        (entry,) = raw.scan_iter(match=f"{redis_cache}*open311:{pattern}:*")
        stored = raw.get(entry)
        assert model in stored
        assert b"django.db" not in stored and b"quartierwerk" not in stored and b"Model" not in stored
