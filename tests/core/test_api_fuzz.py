"""schemathesis over the whole JSON API and over Open311: no request, however odd, is answered with a 5xx.

The JSON API is read from its own OpenAPI document and tried as anonymous, resident, staff and city staff
(each by an API token) on the demo data; Open311, which has no OpenAPI document of its own, through the
small one in this file. Ids and quarter slugs are drawn from existing rows half of the time, so requests
reach the services and not only the 404 path. Fixed seed, derandomized, at most EXAMPLES per operation;
PostgreSQL only (it runs in the PostgreSQL pass of `make test`).
"""

import json
import time
import traceback
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core import NotSet

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

EXAMPLES = 20
SEED = 20261204
ROLES = ["anonymous", "resident", "staff", "city_staff"]
FIXED = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # every 5xx is collected; none is shrunk
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def demo_world(db, settings):
    """The demo data, plus the ids of existing rows that path parameters are drawn from."""
    from quartierwerk.actors.models import (
        Group,
        GroupMembership,
        Organisation,
        Person,
        Relationship,
        VolunteerEngagement,
    )
    from quartierwerk.core import demo
    from quartierwerk.core.models import Quarter
    from quartierwerk.events.models import ActionItem, Event
    from quartierwerk.fund.models import AgendaItem, Application, AwardSession, ProofOfUse
    from quartierwerk.modules import load_demo
    from quartierwerk.reports.models import Category, Report

    settings.AXES_ENABLED = False
    load_demo(demo.load())

    def ids(model):
        return list(model.objects.order_by("pk").values_list("pk", flat=True)[:20])

    return {
        "quarter": list(Quarter.objects.values_list("slug", flat=True)),
        "report_id": ids(Report),
        "app_id": ids(Application),
        "proof_id": ids(ProofOfUse),
        "session_id": ids(AwardSession),
        "item_id": ids(AgendaItem) + ids(ActionItem),
        "org_id": ids(Organisation),
        "group_id": ids(Group),
        "person_id": ids(Person),
        "relationship_id": ids(Relationship),
        "membership_id": ids(GroupMembership),
        "engagement_id": ids(VolunteerEngagement),
        "event_id": ids(Event),
        "code": list(Category.objects.values_list("code", flat=True)),
    }


KNOWN_ALIASES = {"slug": "quarter", "pk": "report_id", "service_code": "code"}


def _known(world, name):
    return world.get(KNOWN_ALIASES.get(name, name)) or []


def _use_known_values(case, world, data) -> None:
    """Replace generated ids and slugs by existing ones half of the time."""
    for container in (case.path_parameters, case.query):
        if not container:
            continue
        for name in list(container):
            values = _known(world, name)
            if values and data.draw(st.booleans(), label=f"known {name}"):
                container[name] = data.draw(st.sampled_from(values), label=name)
    if isinstance(case.body, dict):
        for name in [n for n in ("quarter", "api_key", "service_code") if n in case.body]:
            if data.draw(st.booleans(), label=f"known {name}"):
                case.body[name] = data.draw(st.sampled_from(_known(world, name)), label=name)


def _query_string(query) -> str:
    pairs = []
    for name, value in (query or {}).items():
        for item in value if isinstance(value, list) else [value]:
            if item is None:
                continue
            pairs.append((name, str(item).lower() if isinstance(item, bool) else str(item)))
    return urlencode(pairs)


class Run:
    """Sends schemathesis cases through Django's test client and collects every 5xx."""

    def __init__(self, headers=None):
        self.client = Client(raise_request_exception=False, **(headers or {}))
        self.examples = 0
        self.operations = 0
        self.failures: dict[tuple, str] = {}  # one example per operation and cause
        self._last_exception = ""
        got_request_exception.connect(self._remember, dispatch_uid=f"fuzz-{id(self)}")

    def _remember(self, sender, request=None, **kwargs):
        self._last_exception = traceback.format_exc(limit=-3)

    def close(self):
        got_request_exception.disconnect(dispatch_uid=f"fuzz-{id(self)}")

    def send(self, case, label: str):
        path = case.formatted_path
        query = _query_string(case.query)
        url = f"{path}?{query}" if query else path
        kwargs = {}
        body = case.body
        if isinstance(body, NotSet):
            pass
        elif isinstance(body, bytes):
            kwargs = {"data": body, "content_type": case.media_type or "application/octet-stream"}
        elif case.media_type == "application/x-www-form-urlencoded" and isinstance(body, dict):
            kwargs = {"data": _query_string(body), "content_type": case.media_type}
        else:
            kwargs = {"data": json.dumps(body, default=str), "content_type": "application/json"}
        headers = {k: str(v) for k, v in (case.headers or {}).items() if str(v).isprintable()}
        self._last_exception = ""
        # Each request in its own savepoint: it sees the demo data and leaves it as it was.
        with transaction.atomic():
            response = self.client.generic(case.method.upper(), url, headers=headers, **kwargs)
            transaction.set_rollback(True)
        self.examples += 1
        if response.status_code >= 500:
            cause = (self._last_exception.strip().splitlines() or ["?"])[-1]
            key = (label, cause)
            if key not in self.failures:
                self.failures[key] = (
                    f"{label}: {case.method.upper()} {url} body={body!r:.300} -> {response.status_code}\n"
                    f"{self._last_exception}"
                )

    def operation(self, operation, label: str, world):
        strategies = [operation.as_strategy(generation_mode=GenerationMode.POSITIVE)]
        try:
            strategies.append(operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
        except Exception:  # an operation without anything to make invalid
            pass
        self.operations += 1

        @seed(SEED)
        @FIXED
        @given(data=st.data())
        def run(data):
            case = data.draw(st.one_of(*strategies), label="case")
            _use_known_values(case, world, data)
            self.send(case, label)

        run()


def _api_schema():
    from quartierwerk.api import api

    return schemathesis.openapi.from_dict(api.get_openapi_schema())


def _token_headers(role: str) -> dict:
    from quartierwerk.core.demo import USERS
    from quartierwerk.core.models import ApiToken, User

    if role == "anonymous":
        return {}
    email = next(e for r, e, _n, _w in USERS if r == role)
    _token, key = ApiToken.issue(User.objects.get(email=email), "fuzz")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _report(run: Run, what: str, started: float) -> str:
    return (
        f"{what}: {run.operations} operations, {run.examples} examples, {len(run.failures)} distinct 5xx causes, "
        f"{time.monotonic() - started:.1f} s"
    )


@pytest.mark.parametrize("role", ROLES)
def test_no_api_operation_answers_5xx(demo_world, role):
    started = time.monotonic()
    run = Run(_token_headers(role))
    try:
        for result in _api_schema().get_all_operations():
            operation = result.ok()
            run.operation(operation, f"[{role}] {operation.method.upper()} {operation.path}", demo_world)
    finally:
        run.close()
    print(_report(run, f"JSON API as {role}", started))
    assert run.operations >= 80
    assert not run.failures, "\n\n".join(run.failures.values())


# Open311 GeoReport v2 has no OpenAPI document of its own; this one lists its operations and parameters.
_FORMAT = {"name": "format", "in": "path", "required": True, "schema": {"enum": ["json", "xml"]}}
_JURISDICTION = {"name": "jurisdiction_id", "in": "query", "schema": {"type": "string"}}


def _query(*names, kind="string"):
    return [{"name": n, "in": "query", "schema": {"type": kind}} for n in names]


_OK = {"responses": {"200": {"description": "ok"}}}
OPEN311 = {
    "openapi": "3.0.3",
    "info": {"title": "Open311 GeoReport v2", "version": "2"},
    "paths": {
        "/open311/v2/discovery.{format}": {"get": {"parameters": [_FORMAT], **_OK}},
        "/open311/v2/services.{format}": {"get": {"parameters": [_FORMAT, _JURISDICTION], **_OK}},
        "/open311/v2/services/{service_code}.{format}": {
            "get": {
                "parameters": [
                    _FORMAT,
                    _JURISDICTION,
                    {"name": "service_code", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                **_OK,
            }
        },
        "/open311/v2/requests.{format}": {
            "get": {
                "parameters": [
                    _FORMAT,
                    _JURISDICTION,
                    *_query("service_request_id", "service_code", "start_date", "end_date", "status"),
                    *_query("page", "page_size", kind="integer"),
                ],
                **_OK,
            },
            "post": {
                "parameters": [_FORMAT],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/x-www-form-urlencoded": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    **{
                                        n: {"type": "string"}
                                        for n in (
                                            "api_key",
                                            "service_code",
                                            "jurisdiction_id",
                                            "address_string",
                                            "address_id",
                                            "email",
                                            "device_id",
                                            "account_id",
                                            "first_name",
                                            "last_name",
                                            "phone",
                                            "description",
                                            "media_url",
                                        )
                                    },
                                    "lat": {"type": "number"},
                                    "long": {"type": "number"},
                                },
                                "required": ["api_key", "service_code"],
                            }
                        }
                    },
                },
                **_OK,
            },
        },
        "/open311/v2/requests/{pk}.{format}": {
            "get": {
                "parameters": [
                    _FORMAT,
                    {"name": "pk", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                **_OK,
            }
        },
        "/open311/v2/tokens/{token}.{format}": {
            "get": {
                "parameters": [
                    _FORMAT,
                    {"name": "token", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                **_OK,
            }
        },
        "/open311/v2/servicerequestupdates.{format}": {
            "get": {
                "parameters": [
                    _FORMAT,
                    _JURISDICTION,
                    *_query("start_date", "end_date"),
                    *_query("page", "page_size", kind="integer"),
                ],
                **_OK,
            }
        },
    },
}


def test_no_open311_operation_answers_5xx(demo_world):
    from quartierwerk.core.demo import USERS
    from quartierwerk.core.models import Quarter, User
    from quartierwerk.reports import services
    from quartierwerk.reports.models import ApiClient

    started = time.monotonic()
    quarter = Quarter.objects.get(slug="gruenau")
    staff = User.objects.get(email=next(e for r, e, _n, _w in USERS if r == "staff"))
    _client, key = services.create_api_client(quarter=quarter, name="Fuzz", by=staff, rate_limit=100_000)
    assert ApiClient.objects.filter(name="Fuzz").exists()
    world = {**demo_world, "api_key": [key]}
    run = Run()
    try:
        for result in schemathesis.openapi.from_dict(OPEN311).get_all_operations():
            operation = result.ok()
            run.operation(operation, f"[open311] {operation.method.upper()} {operation.path}", world)
    finally:
        run.close()
    print(_report(run, "Open311", started))
    assert run.operations == 8
    assert not run.failures, "\n\n".join(run.failures.values())
