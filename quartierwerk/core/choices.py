"""Display labels of model choices, built once per field and language instead of on every call.

Django's `get_FOO_display()` rebuilds a dict of the field's choices on every call and, to hash the lazy
labels, translates every one of them. On a page or feed that shows hundreds of rows that was most of the
response time. Choices here are static class-level lists, so a table per (field, language) is always the
same as what Django would compute. Django's own method is left as it is: code that shows many rows asks
`display(obj, "status")` (templates: `{{ obj|label:"status" }}`), a single call may keep using Django's.
"""

import functools

from django.utils.hashable import make_hashable
from django.utils.translation import get_language, override


@functools.lru_cache(maxsize=2048)
def _labels(field, language: str | None) -> dict:
    with override(language):
        return {make_hashable(value): str(label) for value, label in field.flatchoices}


def field_label(field, value):
    """The label of `value` in the active language, or the value itself if it is not a choice."""
    if not field.choices or callable(field.choices):
        raise ValueError(f"{field} has no static choices")
    return _labels(field, get_language()).get(make_hashable(value), value)


def display(obj, field_name: str):
    """What `obj.get_<field_name>_display()` returns, from the cached table: `display(report, "status")`."""
    field = obj._meta.get_field(field_name)
    return field_label(field, getattr(obj, field.attname))


@functools.lru_cache(maxsize=256)
def _enum_labels(choices_class, language: str | None) -> dict:
    with override(language):
        return {value: str(label) for value, label in choices_class.choices}


def choice_labels(choices_class) -> dict:
    """{value: label} of a TextChoices/IntegerChoices class in the active language."""
    return _enum_labels(choices_class, get_language())


# The tone of a state's badge (KERN's badge variants success, warning, danger), per model label and state
# field; states not listed show a neutral badge. Read by `{% status_badge obj %}`.
STATUS_TONES: dict[tuple[str, str], dict[str, str]] = {
    ("reports.Report", "status"): {"solved": "ok", "closed": "ok", "open": "warn"},
    ("actors.Organisation", "status"): {"verified": "ok", "pending": "warn"},
    ("events.Event", "status"): {"cancelled": "error", "postponed": "warn"},
    ("participation.Idea", "status"): {
        "taken_up": "ok",
        "under_consideration": "warn",
        "not_feasible": "error",
    },
    ("participation.Process", "status"): {"published": "ok", "draft": "warn"},
    ("fund.Application", "status"): {
        "approved": "ok",
        "proof_submitted": "ok",
        "closed": "ok",
        "repayment_due": "ok",
        "changes_requested": "warn",
        "rejected": "error",
    },
}


def tone(obj, field_name: str = "status") -> str:
    """The badge tone of an object's state ("ok", "warn", "error"), or "" for a plain badge."""
    meta = obj._meta
    return STATUS_TONES.get((meta.label, field_name), {}).get(getattr(obj, field_name), "")
