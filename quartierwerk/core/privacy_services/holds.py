"""Legal holds: rows the register says must be kept for a duty, with the reason and the date they end."""

from django.db.models import Q
from django.utils import timezone

from quartierwerk.core.privacy import PersonalData, SubjectRef, register

from . import subjects


def held_rows(ref: SubjectRef, declaration: PersonalData, now=None):
    """The person's rows of this model that a legal hold still keeps (None when the model has no hold)."""
    hold = declaration.hold
    if hold is None:
        return None
    now = now or timezone.now()
    rows = subjects.rows_about(ref, declaration)
    if hold.when is not None:
        rows = rows.filter(hold.when)
    return rows.filter(Q(**{f"{hold.start}__gt": now - hold.period}) | Q(**{f"{hold.start}__isnull": True}))


def holds_for(ref: SubjectRef, now=None) -> list[dict]:
    """What erasure keeps, for the person to see: model, row, reason and end date."""
    found = []
    for declaration in register():
        rows = held_rows(ref, declaration, now)
        if rows is None:
            continue
        for pk, start in rows.values_list("pk", declaration.hold.start):
            until = start + declaration.hold.period if start else None
            found.append(
                {
                    "model": declaration.model,
                    "title": str(declaration.model_class()._meta.verbose_name),
                    "id": pk,
                    "reason": str(declaration.hold.reason),
                    "until": until.date() if hasattr(until, "hour") else until,
                }
            )
    return found
