"""Every OParl object and list page the API publishes is valid against the OParl 1.1 JSON schemas.

A crawler starts at the System object and follows every link the schemas declare (`references`, external
lists, embedded objects' ids, `links.next`), so no page is hand-picked. It checks each object against the
schema of its `type` (offline: the schemas are registered under both spellings they use for each other,
`File.json` and `Organization`), `format: url` and the date formats with a format checker, and that every
referenced object has the type the schema names.
"""

import datetime
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource

from quartierwerk.council.models import Paper, ResolutionPoint
from tests.council.conftest import make_decision

SCHEMAS = Path(__file__).parent / "oparl_schema"
BASE = "https://schema.oparl.org/1.1/"
TYPES = sorted(p.stem for p in SCHEMAS.glob("*.json"))


def _registry() -> Registry:
    resources = []
    for name in TYPES:
        schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema)
        for uri in (f"{BASE}{name}", f"{BASE}{name}.json", name, f"{name}.json"):
            resources.append((uri, resource))
    return Registry().with_resources(resources)


REGISTRY = _registry()
CHECKER = FormatChecker()


@CHECKER.checks("url")
def _is_url(value) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@CHECKER.checks("date", raises=ValueError)
def _is_date(value) -> bool:
    datetime.date.fromisoformat(value)
    return len(value) == 10


@CHECKER.checks("date-time", raises=ValueError)
def _is_datetime(value) -> bool:
    parsed = datetime.datetime.fromisoformat(value)
    return "T" in value and parsed.tzinfo is not None


def validator(type_name: str) -> Draft7Validator:
    schema = REGISTRY.contents(f"{BASE}{type_name}")
    return Draft7Validator(schema, registry=REGISTRY, format_checker=CHECKER)


def type_of(obj: dict) -> str:
    assert obj["type"].startswith(BASE), obj["type"]
    return obj["type"][len(BASE) :]


def check(obj: dict, expected: str | None = None) -> str:
    name = type_of(obj)
    if expected:
        assert name == expected, f"{obj['id']} is a {name}, the schema references a {expected}"
    errors = sorted(validator(name).iter_errors(obj), key=str)
    assert not errors, f"{obj.get('id')}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
    return name


def _ref_type(ref: str) -> str:
    return ref.rsplit("/", 1)[-1].removesuffix(".json")


class Crawler:
    """Fetches every URL the API links to and checks what it finds."""

    def __init__(self, client):
        self.client = client
        self.queue: list[tuple[str, str, str]] = []  # (url, "object"|"list", expected type)
        self.seen: set[str] = set()
        self.objects: dict[str, int] = {}
        self.lists: dict[str, int] = {}

    def follow(self, url: str, how: str, expected: str) -> None:
        assert urlsplit(url).netloc == "testserver", url
        if (url, how) not in self.seen:
            self.seen.add((url, how))
            self.queue.append((url, how, expected))

    def run(self, start: str) -> None:
        self.follow(start, "object", "System")
        while self.queue:
            url, how, expected = self.queue.pop()
            response = self.client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"].startswith("application/json")
            data = response.json()
            if how == "list":
                self.page(data, expected)
            else:
                self.walk(data, expected)

    def page(self, data: dict, expected: str) -> None:
        assert set(data) >= {"data", "pagination", "links"}
        assert isinstance(data["data"], list)
        pagination = data["pagination"]
        assert {"totalElements", "elementsPerPage", "currentPage", "totalPages"} <= set(pagination)
        if pagination["currentPage"] < pagination["totalPages"]:
            self.follow(data["links"]["next"], "list", expected)
        else:
            assert "next" not in data["links"]
        for url in data["links"].values():
            assert _is_url(url)
        self.lists[expected] = self.lists.get(expected, 0) + 1
        for obj in data["data"]:
            self.walk(obj, expected)

    def walk(self, obj: dict, expected: str) -> None:
        """Check one object (fetched or embedded) and queue everything it links to."""
        name = check(obj, expected)
        self.objects[name] = self.objects.get(name, 0) + 1
        self.follow(obj["id"], "object", name)
        properties = REGISTRY.contents(f"{BASE}{name}")["properties"]
        for key, value in obj.items():
            spec = properties.get(key)
            if spec is None:
                assert key.startswith("quartierwerk:"), f"{name}.{key} is neither OParl nor vendor-prefixed"
                continue
            items = spec.get("items", {})
            target = spec.get("references") or items.get("references")
            if target == "externalList":
                self.follow(value, "list", _ref_type(items["$ref"]))
            elif target:
                for url in value if isinstance(value, list) else [value]:
                    self.follow(url, "object", target)
            elif "$ref" in spec:
                self.walk(value, _ref_type(spec["$ref"]))
            elif "$ref" in items:
                for embedded in value:
                    self.walk(embedded, _ref_type(items["$ref"]))


@pytest.fixture
def world(procedure, quarter):
    """The Connewitz procedure, a paper of another quarter and a deleted paper and point."""
    make_decision(quarter, reference="VII-A-02000")
    gone = make_decision(quarter, reference="VII-A-03000")
    Paper.objects.filter(pk=gone.pk).update(deleted=True)
    ResolutionPoint.objects.filter(paper=procedure).filter(number=3).update(deleted=True)
    return procedure


def test_every_object_and_list_reached_from_the_system_is_valid(client, world, settings):
    from quartierwerk.council import oparl

    settings.ALLOWED_HOSTS = ["testserver"]
    oparl_page = oparl.PAGE_SIZE
    oparl.PAGE_SIZE = 2  # so the crawler also walks `links.next`
    try:
        crawler = Crawler(client)
        crawler.run("http://testserver/oparl/v1/")
    finally:
        oparl.PAGE_SIZE = oparl_page
    for name in ("System", "Body", "Organization", "Meeting", "AgendaItem", "Paper", "Consultation", "File"):
        assert crawler.objects.get(name), f"no {name} reached"
    assert crawler.objects.get("LegislativeTerm")
    for name in ("Body", "Organization", "Person", "Membership", "Meeting", "Paper", "AgendaItem"):
        assert crawler.lists.get(name), f"no {name} list reached"
    assert crawler.lists["Paper"] >= 4  # 8 papers, 2 per page


def test_the_schemas_refuse_what_is_wrong():
    """The checks bite: a wrong type, a missing required property, a bad URL, a bad date."""
    good = {"id": "https://example.org/oparl/v1/paper/1", "type": BASE + "Paper", "date": "2020-05-20"}
    check(good)
    for bad in (
        {**good, "type": BASE + "File"},
        {**good, "id": "not a url"},
        {**good, "date": "20.05.2020"},
        {**good, "relatedPaper": "https://example.org/p/2"},
    ):
        with pytest.raises(AssertionError):
            check(bad, "Paper")
