"""Audit history: one call records who did what to which object, with the changed values."""

from decimal import Decimal

from django.db import models

from . import generations
from .models import AuditEntry, Quarter
from .text import clean_line, strip_controls


def _plain(value):
    if isinstance(value, str):
        # Lone surrogates and control characters cannot be stored in JSON on PostgreSQL (jsonb).
        return strip_controls(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def target_type(obj: models.Model) -> str:
    return obj._meta.label_lower


def record(actor, action: str, target: models.Model, *, quarter=None, **changes) -> AuditEntry:
    """Add an audit entry; `changes` holds the values that matter for this action."""
    if quarter is None:
        quarter_id = getattr(target, "quarter_id", None)
    else:
        quarter_id = quarter.pk
    # Every audited write changes what some page of its module shows: start a new generation of it.
    module = target._meta.app_label if target._meta.app_label in generations.MODULES else "core"
    generations.bump(module, target.pk if isinstance(target, Quarter) else quarter_id)
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = str(actor) if user else (str(actor) if isinstance(actor, str) else "")
    return AuditEntry.objects.create(
        actor=user,
        actor_label=clean_line(label, max_length=200, truncate=True),
        action=action,
        target_type=target_type(target),
        target_id=str(target.pk),
        quarter_id=quarter_id,
        changes=_plain(changes),
    )


def diff(before: dict, after: dict) -> dict:
    """The fields whose values differ, as {field: [old, new]}."""
    return {k: [_plain(before.get(k)), _plain(after.get(k))] for k in after if before.get(k) != after.get(k)}


def history_for(obj: models.Model):
    """The audit entries of one object, newest first."""
    return AuditEntry.objects.filter(target_type=target_type(obj), target_id=str(obj.pk)).select_related(
        "actor"
    )
