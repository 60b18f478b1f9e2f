"""Where a person's data lies (quarters and cities), so staff act only on subjects within their reach."""

from dataclasses import dataclass, field

from django.db import models

from quartierwerk.core.privacy import PersonalData, SubjectRef, register

from . import subjects

SKIPPED_TARGETS = ("core.User", "contenttypes.ContentType")


@dataclass
class Footprint:
    """The quarters and cities the rows about one person belong to."""

    quarter_ids: set[int] = field(default_factory=set)
    city_ids: set[int] = field(default_factory=set)  # rows of a city without a quarter

    @property
    def empty(self) -> bool:
        return not self.quarter_ids and not self.city_ids


def _paths(model, depth: int = 2, prefix: str = "") -> list[tuple[str, str]]:
    """(quarter path, city path) pairs from `model` through foreign keys up to `depth` steps; either may be ""."""
    names = {f.name: f for f in model._meta.get_fields()}
    quarter = "quarter" in names and names["quarter"].is_relation
    city = "city" in names and names["city"].is_relation
    if quarter or city:
        return [(f"{prefix}quarter" if quarter else "", f"{prefix}city" if city else "")]
    found = []
    if depth <= 1:
        return found
    for fk in model._meta.fields:
        if not isinstance(fk, models.ForeignKey) or fk.related_model._meta.label in SKIPPED_TARGETS:
            continue
        if fk.related_model is not model:
            found += _paths(fk.related_model, depth - 1, f"{prefix}{fk.name}__")
    return found


def paths_for(declaration: PersonalData) -> list[tuple[str, str]]:
    """The quarter and city paths of one declared model (none for account-level rows: sessions, mails)."""
    return _paths(declaration.model_class())


def footprint(ref: SubjectRef) -> Footprint:
    """The quarters of every row the register ties to the person, and the cities of rows without a quarter."""
    found = Footprint()
    for declaration in register():
        pairs = paths_for(declaration)
        if not pairs:
            continue
        rows = subjects.rows_about(ref, declaration).order_by()
        for quarter_path, city_path in pairs:
            if quarter_path:
                ids = rows.values_list(f"{quarter_path}_id", flat=True).distinct()
                found.quarter_ids.update(i for i in ids if i)
            if city_path:
                city_rows = rows.filter(**{f"{quarter_path}__isnull": True}) if quarter_path else rows
                ids = city_rows.values_list(f"{city_path}_id", flat=True).distinct()
                found.city_ids.update(i for i in ids if i)
    return found


def require_reach(by, ref: SubjectRef) -> None:
    """Refuse, with the reason, when the person's data lies (also) outside the quarters or city of `by`.

    The whole erasure or export is refused rather than scoped to part of the data: a half-erased person
    would believe their request answered, and a partial copy would be an incomplete answer under Art. 15.
    """
    from django.utils.translation import gettext as _

    from quartierwerk.core.errors import NotAllowed
    from quartierwerk.core.rules import can_act_on_subject

    if not can_act_on_subject(by, footprint(ref)):
        raise NotAllowed(
            _(
                "Data is held about this person outside the quarters you look after (or in no quarter at all). "
                "Ask the city's staff or an administrator to answer the request; nothing was changed."
            )
        )
