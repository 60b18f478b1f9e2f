"""Open311 GeoReport v2 at /open311/v2/: discovery, services, requests, tokens, updates, in JSON and XML.

Plain Django views, because the standard fixes the exact shapes: lists as JSON arrays, XML with fixed
element names, errors as `[{"code": 400, "description": "…"}]` or `<errors><error>…</error></errors>`.
`shapes` writes those, `discovery` describes the endpoint and its services, `filing` takes new requests and
`queries` answers searches.
"""

from .discovery import discovery, root, service_definition, services_list
from .queries import request_detail, requests_view, service_request_updates, token_detail

__all__ = [
    "discovery",
    "request_detail",
    "requests_view",
    "root",
    "service_definition",
    "service_request_updates",
    "services_list",
    "token_detail",
]
