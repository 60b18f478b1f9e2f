"""Every write the API takes is bounded: request-body strings have a maximum length, arrays a maximum
number of items, numbers a minimum and a maximum. Walks the served OpenAPI schema (every module's router),
so an endpoint added later is held to the same rule."""

import pytest

pytestmark = pytest.mark.django_db

METHODS = ("post", "put", "patch", "delete")


def _resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def _unbounded(schema: dict, spec: dict, path: str, seen: frozenset = frozenset()) -> list[str]:
    """Every place below `schema` that lacks a bound, as readable paths."""
    ref = schema.get("$ref")
    if ref in seen:
        return []
    if ref:
        seen = seen | {ref}
    schema = _resolve(schema, spec)
    problems = []
    for key in ("anyOf", "oneOf", "allOf"):
        for index, part in enumerate(schema.get(key, ())):
            problems += _unbounded(part, spec, f"{path}|{index}", seen)
    kind = schema.get("type")
    if kind == "string" and "maxLength" not in schema and "enum" not in schema:
        # Dates, times and binary files are bounded by their format (and uploads by core.files).
        if schema.get("format") not in ("date", "date-time", "time", "binary", "email"):
            problems.append(f"{path}: string without maxLength")
        elif schema.get("format") == "email":
            problems.append(f"{path}: e-mail without maxLength")
    if kind == "array":
        if "maxItems" not in schema:
            problems.append(f"{path}: array without maxItems")
        problems += _unbounded(schema.get("items", {}), spec, f"{path}[]", seen)
    if kind in ("integer", "number") and not (
        ("minimum" in schema or "exclusiveMinimum" in schema)
        and ("maximum" in schema or "exclusiveMaximum" in schema)
    ):
        problems.append(f"{path}: {kind} without minimum and maximum")
    if kind == "object" or "properties" in schema:
        for name, prop in schema.get("properties", {}).items():
            problems += _unbounded(prop, spec, f"{path}.{name}", seen)
        extra = schema.get("additionalProperties", False)
        if extra is not False and "maxProperties" not in schema:
            problems.append(f"{path}: object without maxProperties")
        if extra is True:
            problems.append(f"{path}: object with values of any kind")
        elif isinstance(extra, dict):
            problems += _unbounded(extra, spec, f"{path}.*", seen)
    return problems


def _request_bodies(spec: dict):
    for url, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            for media, body in operation.get("requestBody", {}).get("content", {}).items():
                yield f"{method.upper()} {url} ({media})", body["schema"]


def test_every_request_body_field_is_bounded(client):
    spec = client.get("/api/v1/openapi.json").json()
    bodies = list(_request_bodies(spec))
    assert len(bodies) > 20, "the walk found too few request bodies to be meaningful"
    problems = []
    for name, schema in bodies:
        problems += _unbounded(schema, spec, name)
    assert not problems, "Unbounded request-body fields:\n" + "\n".join(problems)


def test_the_walk_finds_an_unbounded_field():
    """The checker itself: nested objects behind $ref and lists of them are looked into."""
    spec = {
        "components": {
            "schemas": {
                "Line": {"type": "object", "properties": {"text": {"type": "string"}}},
                "Body": {
                    "type": "object",
                    "properties": {
                        "lines": {
                            "type": "array",
                            "maxItems": 3,
                            "items": {"$ref": "#/components/schemas/Line"},
                        },
                        "tags": {"type": "array", "items": {"type": "string", "maxLength": 5}},
                        "count": {"type": "integer", "minimum": 0},
                        "ok": {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "null"}]},
                        "answers": {"type": "object", "additionalProperties": True},
                    },
                },
            }
        }
    }
    problems = _unbounded({"$ref": "#/components/schemas/Body"}, spec, "B")
    assert sorted(problems) == [
        "B.answers: object with values of any kind",
        "B.answers: object without maxProperties",
        "B.count: integer without minimum and maximum",
        "B.lines[].text: string without maxLength",
        "B.tags: array without maxItems",
    ]


def test_the_bounds_are_enforced_not_only_documented(client, quarter):
    from quartierwerk.reports.models import Category, Report

    Category.objects.create(code="streetlight", name="Straßenbeleuchtung", group="Straße")
    report = {"quarter": quarter.slug, "category": "streetlight", "lat": 51.05, "lon": 12.05}

    def create(**fields):
        return client.post("/api/v1/reports/", {**report, **fields}, content_type="application/json")

    assert create(description="x" * 4001).status_code == 422
    assert create(description="Laterne", attributes={f"a{i}": "x" for i in range(51)}).status_code == 422
    assert create(description="Laterne", lat=91).status_code == 422
    assert create(description="Laterne", email="a" * 250 + "@b.de").status_code == 422
    assert Report.objects.count() == 0
    assert create(description="x" * 4000).status_code == 201
