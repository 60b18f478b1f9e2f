"""A readable comparison of two plan versions: what was added, removed or changed, part by part.

Parts are matched by their lineage (kept when a plan is revised for the next year), so a renamed goal shows
as changed, not as one removed and one added. Changed texts are compared word by word with difflib.
"""

import difflib
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import ActionPlan, FieldOfAction, Goal, Indicator, Measure

LEVELS = {
    "field": _("Field of action"),
    "goal": _("Goal"),
    "measure": _("Measure"),
    "indicator": _("Indicator"),
}


@dataclass
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Change:
    kind: str  # "added", "removed" or "changed"
    level: str  # a key of LEVELS
    title: str
    parent: str = ""
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return str(LEVELS[self.level])


def words(old: str, new: str) -> list[Segment]:
    """The new text against the old, word by word."""
    a, b = old.split(), new.split()
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", " ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("delete", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(Segment("insert", " ".join(b[j1:j2])))
    return segments


def _snapshot(plan: ActionPlan) -> dict:
    """Every part of a plan by (level, lineage): four queries."""
    parts = {}
    fields = {f.pk: f for f in FieldOfAction.objects.filter(plan=plan)}
    for f in fields.values():
        parts[("field", f.lineage)] = (f, "")
    goals = {
        g.pk: g for g in Goal.objects.filter(field_of_action__plan=plan).select_related("field_of_action")
    }
    for g in goals.values():
        parts[("goal", g.lineage)] = (g, g.field_of_action.title)
    for m in Measure.objects.filter(goal__field_of_action__plan=plan).select_related("goal"):
        parts[("measure", m.lineage)] = (m, m.goal.title)
    for i in Indicator.objects.filter(goal__field_of_action__plan=plan).select_related("goal"):
        parts[("indicator", i.lineage)] = (i, i.goal.title)
    return parts


def _title(item) -> str:
    return item.name if isinstance(item, Indicator) else item.title


def _compare(old, new) -> list[FieldChange]:
    changes = []
    if isinstance(new, Indicator):
        pairs = [
            (_("Name"), old.name, new.name),
            (_("Unit"), old.unit, new.unit),
            (_("Baseline"), str(old.baseline), str(new.baseline)),
            (_("Target"), str(old.target), str(new.target)),
        ]
    else:
        pairs = [(_("Title"), old.title, new.title), (_("Description"), old.description, new.description)]
    for label, a, b in pairs:
        if a != b:
            changes.append(FieldChange(str(label), a, b, words(a, b)))
    return changes


def compare(old: ActionPlan, new: ActionPlan) -> list[Change]:
    """What changed from `old` to `new`, in the order of the new plan (removed parts last)."""
    before, after = _snapshot(old), _snapshot(new)
    order = list(LEVELS)
    changes = []
    for key, (item, parent) in sorted(after.items(), key=lambda kv: (order.index(kv[0][0]), kv[1][0].pk)):
        if key not in before:
            changes.append(Change("added", key[0], _title(item), parent))
            continue
        fields = _compare(before[key][0], item)
        if fields:
            changes.append(Change("changed", key[0], _title(item), parent, fields))
    for key, (item, parent) in sorted(before.items(), key=lambda kv: (order.index(kv[0][0]), kv[1][0].pk)):
        if key not in after:
            changes.append(Change("removed", key[0], _title(item), parent))
    return changes


def as_text(changes: list[Change]) -> str:
    """The comparison as plain text lines (for the API and the print)."""
    sign = {"added": "+", "removed": "-", "changed": "~"}
    lines = []
    for c in changes:
        lines.append(f"{sign[c.kind]} {c.level_label}: {c.title}")
        for f in c.fields:
            lines.append(f"    {f.label}: {f.old} → {f.new}")
    return "\n".join(lines)
