"""Two application servers behind HAProxy (deploy/balancer.py): whichever server answers, the site is one.

Round robin sends consecutive requests to alternate servers; HAProxy names the one that answered in
`X-Served-By`, and every check asserts that both servers took part. Runs once, in the PostgreSQL pass of
`make test`; there a missing HAProxy fails the test, and so does a missing Redis under QW_REQUIRE_REDIS.
"""

import importlib.util
import os
import re
import shutil
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from django.db import connection
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from quartierwerk.core.models import Membership
from quartierwerk.reports import services
from quartierwerk.reports.models import Category, ResponsibleBody, RoutingRule
from tests.conftest import REDIS_URL, create_user, make_quarter

ROOT = Path(__file__).resolve().parents[2]
LAT, LON = 51.05, 12.05  # inside make_quarter's square
PASSWORD = "test-password-123"

pytestmark = pytest.mark.postgres


def _missing(what: str, required: bool):
    if required:
        pytest.fail(f"{what} (required in this run)")
    pytest.skip(what)


def _load_balancer_module():
    spec = importlib.util.spec_from_file_location(
        "quartierwerk_deploy_balancer", ROOT / "deploy" / "balancer.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="") + (":" + quote(s["PASSWORD"], safe="") if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def balancer(django_db_setup, django_db_blocker):
    """HAProxy in front of two gunicorn instances on the test database and the local Redis."""
    import redis

    if shutil.which("haproxy") is None:
        _missing(
            "haproxy is not installed (Debian package haproxy)", bool(os.environ.get("QW_REQUIRE_POSTGRES"))
        )
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        _missing(f"Redis is not reachable at {REDIS_URL}", bool(os.environ.get("QW_REQUIRE_REDIS")))
    with django_db_blocker.unblock():
        database_url = _database_url()
    media = Path(os.environ.get("QW_TEST_MEDIA_ROOT") or "/tmp") / f"quartierwerk-balancer-{uuid.uuid4().hex}"
    balancer = _load_balancer_module().Balancer(
        database_url=database_url,
        redis_url=REDIS_URL,
        servers=2,
        workers=1,
        # The test settings (DEBUG off, the test key, files from the source tree): users made by the tests
        # log in with the same password hasher, and no collectstatic is needed.
        settings_module="quartierwerk.test_settings",
        env={
            "SECRET_KEY": "test-only-balancer-key-" + uuid.uuid4().hex,
            "QW_COUNT_QUERIES": "1",
            "QW_TEST_MEDIA_ROOT": str(media),  # one media storage for both servers
            "CONN_MAX_AGE": "0",
        },
    )
    with balancer:
        yield balancer
    for key in client.scan_iter(match=f"{balancer.cache_key_prefix}*"):
        client.delete(key)
    client.close()
    shutil.rmtree(media, ignore_errors=True)


class Browser:
    """One visitor with its own cookies, talking to the balancer; keeps which server answered each request."""

    def __init__(self, base_url: str):
        self.http = httpx.Client(base_url=base_url, follow_redirects=False, timeout=30)
        self.servers: list[str] = []

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        response = self.http.request(method, path, **kwargs)
        self.servers.append(response.headers["X-Served-By"])
        return response

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, data: dict, page: httpx.Response | None = None) -> httpx.Response:
        """POST a form with the CSRF token of `page` (or of the cookie the site set earlier)."""
        token = csrf_token(page) if page is not None else None
        return self.request("POST", path, data={**data, "csrfmiddlewaretoken": token or ""})

    def log_in(self, email: str, password: str = PASSWORD) -> httpx.Response:
        page = self.get("/account/login/")
        assert page.status_code == 200
        return self.post_form("/account/login/", {"username": email, "password": password}, page)

    @property
    def last(self) -> str:
        return self.servers[-1]


def csrf_token(page: httpx.Response) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert match, "no CSRF token in the form"
    return match.group(1)


def open311_post(browser: Browser, key: str) -> httpx.Response:
    return browser.request(
        "POST",
        "/open311/v2/requests.json",
        data={"api_key": key, "service_code": "streetlight", "lat": LAT, "long": LON, "description": "Lampe"},
    )


@pytest.fixture
def office():
    """A quarter of its own (a fresh slug: Redis keeps the servers' slug lookups across test runs), its staff
    with a second factor, and an Open311 category routed in its city."""
    from quartierwerk.core.models import City

    slug = "q" + uuid.uuid4().hex[:8]
    city = City.objects.create(name="Leipzig", slug="c" + slug)
    quarter = make_quarter(city, slug=slug)
    staff = create_user(f"staff-{slug}@test.example", display_name="Büro")
    Membership.objects.create(user=staff, role="staff", quarter=quarter)
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    body = ResponsibleBody.objects.create(
        city=city, name="Tiefbauamt", email="tiefbau@test.example", response_days=10
    )
    category, _ = Category.objects.get_or_create(
        code="streetlight", defaults={"name": "Straßenbeleuchtung", "group": "Straße"}
    )
    RoutingRule.objects.create(category=category, city=city, body=body)
    return quarter, staff


def totp_code(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def both(servers, balancer) -> bool:
    return set(servers) == set(balancer.names)


def round_robin_alternates_between_two_servers(balancer):
    browser = Browser(balancer.url)
    for _ in range(4):
        assert browser.get("/ping").status_code == 200
    assert browser.servers[0] != browser.servers[1]
    assert browser.servers[::2] == [browser.servers[0]] * 2 and both(browser.servers, balancer)


def a_session_made_on_one_server_works_on_the_other(balancer):
    create_user("anna-session@test.example")
    browser = Browser(balancer.url)
    logged_in = browser.log_in("anna-session@test.example")
    assert logged_in.status_code == 302, logged_in.text[:500]
    made_on = browser.last
    for _ in range(2):
        assert browser.get("/account/profile/").status_code == 200
    assert made_on in browser.servers[-2:] and both(browser.servers[-2:], balancer)

    page = browser.get("/account/profile/")
    assert browser.post_form("/account/logout/", {}, page).status_code == 302
    ended_on = browser.last
    after = browser.get("/account/profile/")
    assert after.status_code == 302 and "/account/login/" in after.headers["Location"]
    assert browser.last != ended_on


def a_lockout_on_one_server_holds_on_the_other(balancer):
    create_user("bert-lockout@test.example")
    browser = Browser(balancer.url)
    page = browser.get("/account/login/")
    answers = [
        browser.post_form(
            "/account/login/", {"username": "bert-lockout@test.example", "password": "falsch-1"}, page
        )
        for _ in range(6)
    ]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert both(browser.servers[1:6], balancer)
    # The right password is refused now, on either server.
    for _ in range(2):
        refused = browser.post_form(
            "/account/login/", {"username": "bert-lockout@test.example", "password": PASSWORD}, page
        )
        assert refused.status_code == 429
    assert both(browser.servers[-2:], balancer)
    assert "sessionid" not in browser.http.cookies


def _wait_for_a_fresh_minute_window(margin: float = 12) -> None:
    """Rate limits count per clock minute: start well inside one, so the counts cannot straddle two."""
    into = time.time() % 60
    if into > 60 - margin:
        time.sleep(60.5 - into)


def a_rate_limit_counts_across_both_servers(balancer, office):
    quarter, staff = office
    _client, key = services.create_api_client(quarter=quarter, name="Stadt-App", by=staff, rate_limit=4)
    app = Browser(balancer.url)
    _wait_for_a_fresh_minute_window()
    answers = [open311_post(app, key) for _ in range(6)]
    assert [a.status_code for a in answers] == [201] * 4 + [429] * 2, [a.text[:200] for a in answers]
    assert both(app.servers[:4], balancer) and both(app.servers[4:], balancer)


def a_key_revoked_on_one_server_is_refused_on_the_other_at_once(balancer, office):
    quarter, staff = office
    api_client, key = services.create_api_client(quarter=quarter, name="Stadt-App", by=staff)
    app = Browser(balancer.url)
    assert [open311_post(app, key).status_code for _ in range(2)] == [201, 201]
    assert both(app.servers, balancer)  # both servers have looked the key up

    office_browser = Browser(balancer.url)
    assert office_browser.log_in(staff.email).headers["Location"] == "/account/login/verify/"
    page = office_browser.get("/account/login/verify/")
    assert (
        office_browser.post_form("/account/login/verify/", {"token": totp_code(staff)}, page).status_code
        == 302
    )
    keys_url = f"/q/{quarter.slug}/staff/reports/open311-keys/"
    page = office_browser.get(keys_url)
    assert page.status_code == 200
    assert office_browser.post_form(keys_url, {"revoke": api_client.pk}, page).status_code == 302
    revoked_on = office_browser.last

    # The app's next requests: the first lands where the revocation did not happen.
    refused = [open311_post(app, key) for _ in range(2)]
    assert [r.status_code for r in refused] == [403, 403]
    assert both(app.servers[-2:], balancer) and revoked_on in app.servers[-2:]


def a_cached_page_is_the_same_on_both_and_a_write_through_one_shows_on_the_other(balancer, office):
    quarter, staff = office
    _client, key = services.create_api_client(quarter=quarter, name="Stadt-App", by=staff)
    app = Browser(balancer.url)
    first = open311_post(app, key)
    assert first.status_code == 201
    feed = f"/open311/v2/requests.json?jurisdiction_id={quarter.slug}"

    visitor = Browser(balancer.url)
    for path in (feed, f"/q/{quarter.slug}/"):
        # The first answer is rendered (a page with forms carries this visitor's CSRF token; the stored copy
        # does not); the next two come from the shared cache, one from each server.
        assert visitor.get(path).status_code == 200
        served = [visitor.get(path) for _ in range(2)]
        assert [s.status_code for s in served] == [200, 200] and both(visitor.servers[-2:], balancer)
        assert (
            served[0].content == served[1].content and served[0].headers["ETag"] == served[1].headers["ETag"]
        )
        assert [s.headers["X-Query-Count"] for s in served] == ["0", "0"]
        assert "public" in served[0].headers["Cache-Control"]
    first_id = str(first.json()[0]["service_request_id"])
    before = {str(r["service_request_id"]) for r in visitor.get(feed).json()}
    assert first_id in before

    second = open311_post(app, key)
    assert second.status_code == 201
    written_on = app.last
    seen = [visitor.get(feed) for _ in range(2)]
    assert both(visitor.servers[-2:], balancer) and written_on in visitor.servers[-2:]
    for answer in seen:
        assert {str(r["service_request_id"]) for r in answer.json()} == before | {
            str(second.json()[0]["service_request_id"])
        }


# One test, one pair of servers: the steps share the servers (started once, even with pytest-xdist) and the
# committed rows, which the servers read and which are emptied once, afterwards.
@pytest.mark.django_db(transaction=True)
def test_two_servers_behind_a_balancer_act_as_one_site(balancer, office):
    round_robin_alternates_between_two_servers(balancer)
    a_session_made_on_one_server_works_on_the_other(balancer)
    a_lockout_on_one_server_holds_on_the_other(balancer)
    a_rate_limit_counts_across_both_servers(balancer, office)
    a_key_revoked_on_one_server_is_refused_on_the_other_at_once(balancer, office)
    a_cached_page_is_the_same_on_both_and_a_write_through_one_shows_on_the_other(balancer, office)
