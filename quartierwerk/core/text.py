"""One text cleaner for everything a person or a client types: used once, when text is stored.

Stored text is plain Unicode in NFC; control characters (other than line breaks and tabs in multi-line
text) and lone surrogates are dropped, because they break XML (Open311), iCal, CSV and PDF output and
cannot be encoded at all. Markup is removed (and escaped again on output); the rare rich text keeps a
small set of tags through nh3.
"""

import html
import re
import unicodedata

import nh3
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .errors import DomainError

# C0 and C1 controls except TAB (\x09) and LF (\x0a), plus DEL; lone surrogates; non-characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES = re.compile(r"\s+")

RICH_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "blockquote"}
RICH_ATTRIBUTES = {"a": {"href", "title"}}


def strip_controls(value: str) -> str:
    """The text in NFC with line breaks as LF and control characters and lone surrogates removed."""
    text = _LINE_BREAKS.sub("\n", value)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_text(
    value,
    *,
    max_length: int | None = None,
    field: str | None = None,
    multiline: bool = True,
    truncate: bool = False,
) -> str:
    """Plain text as stored: markup removed, controls dropped, trimmed; too long raises (or truncates)."""
    if value is None:
        return ""
    text = strip_controls(str(value))
    if "<" in text or "&" in text:
        text = html.unescape(nh3.clean(text, tags=set()))
        text = strip_controls(text)
    if not multiline:
        text = _SPACES.sub(" ", text)
    text = text.strip()
    if max_length is not None and len(text) > max_length:
        if truncate:
            return text[:max_length].rstrip()
        raise DomainError(
            _("The text is too long: at most %(max)d characters, this has %(n)d.")
            % {"max": max_length, "n": len(text)},
            field=field,
        )
    return text


def clean_line(
    value, *, max_length: int | None = None, field: str | None = None, truncate: bool = False
) -> str:
    """A single line (a title, a name): line breaks and runs of white space become one space."""
    return clean_text(value, max_length=max_length, field=field, multiline=False, truncate=truncate)


def clean_rich_text(value, *, max_length: int | None = None, field: str | None = None) -> str:
    """Rich text (news, descriptions): a small set of tags kept, every other tag and attribute removed."""
    if value is None:
        return ""
    text = nh3.clean(
        strip_controls(str(value)),
        tags=RICH_TAGS,
        attributes=RICH_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()
    if max_length is not None and len(text) > max_length:
        raise DomainError(
            _("The text is too long: at most %(max)d characters, this has %(n)d.")
            % {"max": max_length, "n": len(text)},
            field=field,
        )
    return text


def clean_for_column(model, name: str, value, *, truncate: bool = False) -> str:
    """Text for one model column: a CharField as a single line, a TextField as text, both to its max_length."""
    column = model._meta.get_field(name)
    if column.get_internal_type() == "TextField":
        return clean_text(value, max_length=column.max_length, field=name, truncate=truncate)
    return clean_line(value, max_length=column.max_length, field=name, truncate=truncate)


EMAIL_MAX = 254


def is_email(value) -> bool:
    """True for one plain e-mail address: no white space, no control characters, no second header."""
    if not isinstance(value, str) or not value or len(value) > EMAIL_MAX:
        return False
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def clean_email(value, *, field: str = "email", required: bool = False) -> str:
    """An e-mail address as stored: trimmed and lower-case; anything that is not one address raises."""
    text = "" if value is None else str(value).strip().lower()
    if not text:
        if required:
            raise DomainError(_("Please give an e-mail address."), field=field)
        return ""
    if not is_email(text):
        raise DomainError(_("Please give a valid e-mail address."), field=field)
    return text
