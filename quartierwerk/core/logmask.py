"""Private-link secrets are masked in request logs (Django's and gunicorn's access log).

A private link is the only key to a report, a fund application or a body's answer form; an access log kept
for weeks, read by more people than the database, must not hold them. The path segment after a private-link
prefix and the query parameters that carry a link secret are replaced by `***`.
"""

import logging
import re

MASK = "***"
# URL prefixes whose next path segment is a secret (see the apps' urls.py).
SECRET_PATH_PREFIXES = (
    "reports/follow",
    "reports/answer",
    "fund/a",
    "events/personal",
    "events/cancel",
    "actors/withdraw",
    "account/confirm",
    r"account/password-reset/[^/\s?#]+",
)
# Query parameters that carry a link secret (the photo view's `t` and `f`, API and Open311 keys).
SECRET_PARAMETERS = ("t", "f", "token", "key", "api_key")

_PATH = re.compile(r"(/(?:" + "|".join(SECRET_PATH_PREFIXES) + r")/)[^/\s?#\"']+")
_PARAM = re.compile(r"((?:^|[?&;])(?:" + "|".join(SECRET_PARAMETERS) + r")=)[^&;\s#\"']+")


def mask_secrets(text: str) -> str:
    """The text with every private-link secret in a URL, path or query string replaced by `***`."""
    if not text or not isinstance(text, str):
        return text
    return _PARAM.sub(r"\g<1>" + MASK, _PATH.sub(r"\g<1>" + MASK, text))


def _mask(value):
    if isinstance(value, str):
        return mask_secrets(value)
    if isinstance(value, tuple):
        return tuple(_mask(v) for v in value)
    if isinstance(value, dict):
        return {k: _mask(v) for k, v in value.items()}
    return value


class MaskSecretsFilter(logging.Filter):
    """A logging filter for handlers: masks secrets in the message and its arguments (django.request,
    django.server and anything else that logs a path)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask_secrets(record.msg)
        if record.args:
            record.args = _mask(record.args)
        return True
