"""The API's request parser: query, form and JSON body as ninja reads them, with NUL characters dropped.

PostgreSQL refuses a NUL (U+0000) in any text value, so a NUL sent in a slug, a name or a search would reach
the database only to fail there with a 500. It is never meaningful in our texts, and the web forms' text
cleaning (core/text.py) drops control characters the same way: here every string of the query and the body,
keys included, loses its NUL characters before any view or query runs (the same on SQLite). What remains is
checked as usual: a slug that names nothing is a 404 or 400, a text is cleaned and stored.
"""

import json

from django.http import QueryDict
from ninja.parser import Parser

NUL = "\x00"


def without_nul(value):
    """The value with every NUL dropped from its strings and keys, however deep."""
    if isinstance(value, str):
        return value.replace(NUL, "")
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    return value


class NoNulParser(Parser):
    def parse_body(self, request):
        return without_nul(json.loads(request.body))

    def parse_querydict(self, data, list_fields, request):
        if any(
            NUL in key or any(NUL in v for v in values if isinstance(v, str)) for key, values in data.lists()
        ):
            cleaned = QueryDict(mutable=True)
            for key, values in data.lists():
                cleaned.setlist(without_nul(key), [without_nul(v) for v in values])
            data = cleaned
        return super().parse_querydict(data, list_fields, request)
