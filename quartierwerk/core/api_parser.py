"""The API's request parser: query, form and JSON body as ninja reads them, without NUL characters.

PostgreSQL refuses a NUL (U+0000) in any text value, so a NUL sent in a slug, a name or a search would
reach the database only to fail there with a 500. It is never meaningful in our texts: every operation
answers it with a 400 that names the parameter, before any view or query runs (the same on SQLite).
"""

import json

from django.utils.translation import gettext as _
from ninja.parser import Parser

from .params import BadParameter

NUL = "\x00"


def _nul_field(value, path: str = "") -> str | None:
    """The dotted name of the first value holding a NUL (a key counts too), or None."""
    if isinstance(value, str):
        return path or "body" if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if NUL in str(key):
                return name.replace(NUL, "")
            found = _nul_field(item, name)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_field(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


def _refuse(field: str):
    raise BadParameter(_("The value must not contain a NUL character."), field=field)


class NoNulParser(Parser):
    def parse_body(self, request):
        data = json.loads(request.body)
        field = _nul_field(data)
        if field:
            _refuse(field)
        return data

    def parse_querydict(self, data, list_fields, request):
        for key, values in data.lists():
            for value in values:
                if NUL in key or (isinstance(value, str) and NUL in value):
                    _refuse(key.replace(NUL, ""))
        return super().parse_querydict(data, list_fields, request)
