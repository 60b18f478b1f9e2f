"""Shared test fixtures: quarters, a user for every role, the permission matrix, concurrency on PostgreSQL."""

import os
import threading

import pytest
from django.db import close_old_connections, connection, connections

from quartierwerk.core import geo
from quartierwerk.core.models import City, Membership, Quarter, User

# The roles every permission matrix covers (DEVELOPERS.md / issue 2).
ROLES = (
    "anonymous",
    "resident",
    "actor_representative",
    "award_team",
    "staff",
    "staff_other_quarter",
    "city_staff",
    "city_staff_other_city",
    "admin",
)

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[12.0, 51.0], [12.1, 51.0], [12.1, 51.1], [12.0, 51.1], [12.0, 51.0]]],
}
OTHER_SQUARE = {
    "type": "Polygon",
    "coordinates": [[[13.0, 52.0], [13.1, 52.0], [13.1, 52.1], [13.0, 52.1], [13.0, 52.0]]],
}


def pytest_configure(config):
    if os.environ.get("QW_REQUIRE_POSTGRES") and "postgres" not in os.environ.get("DATABASE_URL", ""):
        raise pytest.UsageError("QW_REQUIRE_POSTGRES is set but DATABASE_URL does not name PostgreSQL.")


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need real concurrent connections: on SQLite they are skipped, under
    QW_REQUIRE_POSTGRES they must run."""
    if connection.vendor == "postgresql" or "postgres" in os.environ.get("DATABASE_URL", ""):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (runs in the PostgreSQL pass of `make test`)")
    # Browser tests walk whole flows once, in the PostgreSQL pass, the production database.
    skip_browser = pytest.mark.skip(reason="browser tests run once, in the PostgreSQL pass of `make test`")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
        elif "tests/browser/" in str(item.path).replace(os.sep, "/") and not os.environ.get(
            "QW_BROWSER_SQLITE"
        ):
            item.add_marker(skip_browser)


@pytest.fixture
def city(db):
    return City.objects.create(name="Leipzig", slug="leipzig")


def make_quarter(city, slug="gruenau", name="Grünau", boundary=SQUARE) -> Quarter:
    quarter = Quarter(city=city, slug=slug, name=name, programme=Quarter.Programme.SOCIAL_COHESION)
    geo.set_boundary(quarter, boundary)
    quarter.save()
    return quarter


@pytest.fixture
def quarter(city):
    return make_quarter(city)


@pytest.fixture
def other_quarter(db):
    other_city = City.objects.create(name="Marburg", slug="marburg")
    return make_quarter(other_city, slug="stadtwald", name="Stadtwald", boundary=OTHER_SQUARE)


def create_user(email: str, **extra) -> User:
    return User.objects.create_user(email=email, password="test-password-123", **extra)


@pytest.fixture
def user_with_role(quarter, other_quarter):
    """Factory: `user_with_role("staff")` gives a user holding that role in `quarter`.

    `staff_other_quarter` is staff of `other_quarter` (another city); `city_staff` is city staff of
    `quarter`'s city; `city_staff_other_city` is city staff of `other_quarter`'s city; `admin` is a
    superuser; `anonymous` is the AnonymousUser.
    """
    from django.contrib.auth.models import AnonymousUser

    counter = {"n": 0}

    def make(role: str, target_quarter: Quarter | None = None):
        target = target_quarter or quarter
        counter["n"] += 1
        if role == "anonymous":
            return AnonymousUser()
        user = create_user(f"{role}-{counter['n']}@test.example", display_name=f"{role} {counter['n']}")
        if role == "admin":
            user.is_superuser = True
            user.is_staff = True
            user.save()
        elif role == "city_staff":
            Membership.objects.create(user=user, role=role, city=target.city)
        elif role == "city_staff_other_city":
            Membership.objects.create(user=user, role="city_staff", city=other_quarter.city)
        elif role == "staff_other_quarter":
            Membership.objects.create(user=user, role="staff", quarter=other_quarter)
        elif role == "registered":
            pass
        else:
            Membership.objects.create(user=user, role=role, quarter=target)
        return user

    return make


@pytest.fixture
def login_as(client):
    """Log a test client in as a user, with the second factor already verified (as after a TOTP log-in)."""

    def do(user, c=None):
        c = c or client
        if not getattr(user, "is_authenticated", False):
            c.logout()
            return c
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"name": "test", "confirmed": True})
        c.force_login(user)
        session = c.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        return c

    return do


def permission_matrix(expected: dict[str, object]):
    """Parametrise a test over every role; `expected` must name each role exactly once."""
    missing = set(ROLES) - set(expected)
    extra = set(expected) - set(ROLES)
    assert not missing and not extra, f"matrix must cover every role: missing {missing}, unknown {extra}"
    return pytest.mark.parametrize("role, allowed", list(expected.items()), ids=list(expected))


def run_concurrently(fn, args_list, *, timeout: float = 60):
    """Run `fn(*args)` for every entry in threads that start together, each on its own DB connection.

    Returns a list of (result, exception) in the order of `args_list`. Use with
    `@pytest.mark.django_db(transaction=True)` on PostgreSQL.
    """
    barrier = threading.Barrier(len(args_list))
    results: list = [None] * len(args_list)

    def worker(i, args):
        try:
            barrier.wait(timeout=timeout)
            results[i] = (fn(*args), None)
        except Exception as exc:  # collected for the test to inspect
            results[i] = (None, exc)
        finally:
            close_old_connections()
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(args_list)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    assert all(not t.is_alive() for t in threads), "a concurrent worker did not finish"
    return results


@pytest.fixture(autouse=True)
def _fresh_axes_and_cache(settings):
    from django.core.cache import cache

    cache.clear()
    yield


REDIS_URL = os.environ.get("QW_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_cache(settings):
    """The default cache in Redis (as in production), under a key prefix unique to this test; removed after."""
    import uuid

    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("QW_REQUIRE_REDIS"):
            pytest.fail(f"QW_REQUIRE_REDIS is set but Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    prefix = f"qwtest-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
    }
    yield prefix
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)
    client.close()
