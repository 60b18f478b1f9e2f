"""Bounds on what a person or a client may send, shared by forms, services and API schemas.

Every string the API takes has a maximum length, every list a maximum number of items and every
number a minimum and a maximum (tests/core/test_openapi_bounds.py walks the OpenAPI schema for it).
The aliases below are the usual bounds; a field with its own column length says so with `Field`.
"""

from typing import Annotated

from ninja import Field
from pydantic import AfterValidator

from .text import EMAIL_MAX, is_email

# A single line (a name, a title, a subject) and a short free text.
LINE_MAX = 200
TEXT_MAX = 5000
# A token or private link pasted back to us.
TOKEN_MAX = 500
# Choices and slugs are short codes.
CODE_MAX = 50
# Lists of tags, languages, topics: a handful each.
LIST_MAX = 50
# Database ids fit a 32-bit signed integer on every backend.
ID_MAX = 2**31 - 1

Id = Annotated[int, Field(ge=1, le=ID_MAX)]
Code = Annotated[str, Field(max_length=CODE_MAX)]
Line = Annotated[str, Field(max_length=LINE_MAX)]
Text = Annotated[str, Field(max_length=TEXT_MAX)]
Tag = Annotated[str, Field(max_length=100)]


def _email_or_empty(value: str) -> str:
    if value.strip() and not is_email(value.strip()):
        raise ValueError("not an e-mail address")
    return value


# An e-mail address (RFC 5321: at most 254 characters), checked by Django's validator; "" for none.
Email = Annotated[str, Field(max_length=EMAIL_MAX), AfterValidator(_email_or_empty)]
Token = Annotated[str, Field(max_length=TOKEN_MAX)]
# A number answered to a question (an Open311 attribute, a count).
Number = Annotated[float, Field(ge=-1e9, le=1e9)]
Codes = Annotated[list[Code], Field(max_length=LIST_MAX)]
Tags = Annotated[list[Tag], Field(max_length=LIST_MAX)]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]
