"""Erasure (Art. 17 GDPR) and retention: what the register says to delete, pseudonymise or keep, done."""

import secrets
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from quartierwerk.core import audit
from quartierwerk.core.privacy import PSEUDONYM, Erasure, Kind, PersonalData, SubjectRef, register

from . import subjects
from .holds import held_rows, holds_for
from .scrub import scrub_json, strip_image_metadata

BLANKED = (Kind.NAME, Kind.EMAIL, Kind.PHONE, Kind.IP, Kind.TECHNICAL, Kind.BIRTH_DATE)
SCRUBBED = (Kind.FREE_TEXT, Kind.COPY, Kind.ADDRESS)


@dataclass
class ErasureResult:
    deleted: dict = field(default_factory=dict)  # model -> rows
    pseudonymised: dict = field(default_factory=dict)
    scrubbed: dict = field(default_factory=dict)
    holds: list = field(default_factory=list)

    def count(self, bucket: dict, model: str, n: int) -> None:
        if n:
            bucket[model] = bucket.get(model, 0) + n


def _blank(model_field: models.Field):
    if model_field.null:
        return None
    if model_field.unique:  # a secret's hash or a token: a fresh random value no one holds
        return secrets.token_hex(min(32, (model_field.max_length or 64) // 2))
    if isinstance(model_field, models.JSONField):
        return (
            type(model_field.get_default())() if callable(model_field.default) else model_field.get_default()
        )
    return ""


def _delete_files(row, declaration: PersonalData) -> None:
    for name, kind in declaration.fields.items():
        if kind == Kind.FILE and getattr(row, name):
            getattr(row, name).delete(save=False)


def pseudonymise_row(row, declaration: PersonalData, needles) -> None:
    """Blank the identifying fields of one row and scrub the person's strings from its texts."""
    meta = row._meta
    changed = []
    for name, kind in declaration.fields.items():
        model_field = meta.get_field(name)
        if name in declaration.pseudonym:
            value = declaration.pseudonym[name]
            value = value(row) if callable(value) else value
        elif kind == Kind.USER:
            if not model_field.null:
                continue  # a required link (a vote) stays; the account itself is pseudonymised
            value = None
        elif kind in BLANKED:
            value = _blank(model_field)
        elif kind in SCRUBBED:
            value = scrub_json(getattr(row, name), needles)
        elif kind == Kind.FILE:
            strip_image_metadata(getattr(row, name))
            continue
        else:  # PERSON (the person row is anonymised itself), LOCATION (the public place of a report)
            continue
        setattr(row, name, value)
        changed.append(meta.get_field(name).attname)
    for name, value in declaration.pseudonym.items():
        if name not in declaration.fields:
            setattr(row, name, value(row) if callable(value) else value)
            changed.append(name)
    if changed:
        type(row).objects.filter(pk=row.pk).update(**{f: getattr(row, f) for f in changed})


def _apply(rows, declaration: PersonalData, needles, result: ErasureResult) -> None:
    rows = list(rows)
    if declaration.erasure == Erasure.DELETE:
        for row in rows:
            _delete_files(row, declaration)
        declaration.model_class().objects.filter(pk__in=[r.pk for r in rows]).delete()
        result.count(result.deleted, declaration.model, len(rows))
    else:  # PSEUDONYMISE, and KEEP whose hold has ended
        for row in rows:
            pseudonymise_row(row, declaration, needles)
        result.count(result.pseudonymised, declaration.model, len(rows))


def _scrub_everywhere(declaration: PersonalData, needles, result: ErasureResult) -> None:
    """Remove the person's strings from labels, logs, minutes and mails that are not theirs."""
    if not needles:
        return
    model = declaration.model_class()
    for name, kind in declaration.fields.items():
        if kind not in (Kind.COPY, Kind.FREE_TEXT):
            continue
        if name == "attachments":  # the text inside files is not searchable in SQL: read each one
            candidates = model.objects.exclude(**{name: []})
        else:
            q = Q(pk__in=[])
            for needle in needles:
                q |= Q(_text__icontains=needle)
            candidates = model.objects.annotate(_text=Cast(name, TextField())).filter(q)
        for row in candidates:
            value = getattr(row, name)
            clean = scrub_json(value, needles)
            if clean != value:
                model.objects.filter(pk=row.pk).update(**{name: clean})
                result.count(result.scrubbed, declaration.model, 1)


def erase(ref: SubjectRef, *, by, reason: str = "") -> ErasureResult:
    """Erase everything the register ties to the person, except what a legal hold keeps (listed in the result)."""
    result = ErasureResult()
    needles = ref.needles()
    with transaction.atomic():
        result.holds = holds_for(ref)
        # Rows are chosen first, then changed: pseudonymising one table must not hide another's rows.
        plan = []
        for declaration in register():
            rows = subjects.rows_about(ref, declaration)
            held = held_rows(ref, declaration)
            if held is not None:
                rows = rows.exclude(pk__in=list(held.values_list("pk", flat=True)))
            if declaration.erasure == Erasure.KEEP and held is None:
                continue
            plan.append((declaration, list(rows)))
        for declaration, rows in reversed(plan):  # dependants (versions, mails) before what they point at
            _apply(rows, declaration, needles, result)
        wide = [n for n in needles if "@" in n or " " in n.strip() or any(c.isdigit() for c in n)]
        for declaration in register():
            if declaration.scrub_everywhere or declaration.hold is None:
                _scrub_everywhere(declaration, wide, result)
        if getattr(by, "pk", None) is not None and by.pk == ref.user_id:
            by = "account holder"  # the entry about the erasure must not name the person erased
        audit.record(
            by,
            "core.personal_data_erased",
            _audit_target(by, ref),
            reason=reason,
            deleted=result.deleted,
            pseudonymised=result.pseudonymised,
            holds=[{"model": h["model"], "id": h["id"], "until": h["until"]} for h in result.holds],
        )
    return result


def _audit_target(by, ref: SubjectRef | None = None):
    """The audit entry's target: the erased account, else the acting account (0 for the scheduled job)."""
    from quartierwerk.core.models import User

    if ref is not None and ref.user_id:
        return User(pk=ref.user_id)
    return by if isinstance(by, User) else User(pk=0)


def enforce_retention(*, now=None, dry_run: bool = False, app_label: str = "") -> list[dict]:
    """The scheduled job: every declared period that has passed, applied (or only listed, with `dry_run`).

    Declarations are visited in reverse order, dependants (versions, labels) before the rows they point at,
    so a snapshot is scrubbed while its application still names the person.
    """
    now = now or timezone.now()
    report = []
    for declaration in reversed(register()):
        if not declaration.retention or (app_label and declaration.app_label != app_label):
            continue
        model = declaration.model_class()
        due = Q(pk__in=[])
        for rule in declaration.retention:
            due |= rule.due(now)
        rows = model.objects.filter(due)
        if declaration.erasure == Erasure.PSEUDONYMISE:
            rows = rows.filter(_still_identifying(declaration))
        if declaration.hold is not None:
            active = Q(**{f"{declaration.hold.start}__gt": now - declaration.hold.period})
            rows = rows.exclude((declaration.hold.when or Q()) & active)
        rows = list(rows.distinct())
        if not rows:
            continue
        report.append(
            {"model": declaration.model, "action": str(declaration.erasure), "ids": [r.pk for r in rows]}
        )
        if dry_run:
            continue
        with transaction.atomic():
            result = ErasureResult()
            for row in rows:
                needles = _row_needles(row, declaration) if declaration.erasure != Erasure.DELETE else ()
                _apply([row], declaration, needles, result)
            audit.record(
                "retention job",
                "core.retention_applied",
                _audit_target(None),
                model=declaration.model,
                erasure=str(declaration.erasure),
                rows=len(rows),
            )
    return report


def _row_needles(row, declaration: PersonalData) -> tuple[str, ...]:
    """The strings of the person a row belongs to: through its subject paths, everything the register holds."""
    model = type(row)
    emails, user_id = [], None
    if declaration.subject.email:
        emails = [
            e for e in model.objects.filter(pk=row.pk).values_list(declaration.subject.email, flat=True) if e
        ]
    if declaration.subject.user:
        user_id = model.objects.filter(pk=row.pk).values_list(declaration.subject.user, flat=True).first()
    own = [getattr(row, n) for n, k in declaration.fields.items() if k in (Kind.NAME, Kind.EMAIL, Kind.PHONE)]
    ref = subjects.resolve(SubjectRef(user_id=user_id, emails=tuple(e.lower() for e in emails)))
    found = {v for v in own if isinstance(v, str) and len(v) >= 4 and v != PSEUDONYM} | set(ref.needles())
    return tuple(sorted(found, key=len, reverse=True))


def _still_identifying(declaration: PersonalData) -> Q:
    """Rows that still hold a name or an address, so the job does not rewrite pseudonymised rows every run."""
    own = [n for n, k in declaration.fields.items() if k in (Kind.NAME, Kind.EMAIL, Kind.PHONE)]
    paths = own or ([declaration.subject.email] if declaration.subject.email else [])
    if not paths:
        return Q()
    q = Q(pk__in=[])
    for path in paths:
        q |= ~Q(**{path: ""}) & ~Q(**{f"{path}__endswith": "@invalid.example"}) & ~Q(**{path: PSEUDONYM})
    return q
