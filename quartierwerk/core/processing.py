"""Processing activities as the privacy statement and the Art. 30 record show them, read from the
register of personal data (`core/privacy.py` and each app's `privacy.py`).

The register declares data per model and field; people read it per purpose. This module groups the
declarations by purpose and says which legal basis applies to which responsible party: a private
operator that is not a public body cannot rely on the public task (Art. 6 (1) e) and processes under its
legitimate interest in running the office it was commissioned with (Art. 6 (1) f).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .selectors import PartyRole

BASIS_LABELS = {
    "a": _("Art. 6 (1) a GDPR: consent"),
    "b": _("Art. 6 (1) b GDPR: contract or steps before a contract"),
    "c": _("Art. 6 (1) c GDPR: legal obligation"),
    "e": _("Art. 6 (1) e GDPR: task in the public interest"),
    "f": _("Art. 6 (1) f GDPR: legitimate interest"),
}


def legal_basis_labels() -> dict:
    return BASIS_LABELS


@dataclass
class Activity:
    """One purpose of processing with everything Art. 13 and Art. 30 ask about it."""

    purpose: str
    legal_basis: str  # a, b, c, e or f
    data_categories: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    retention: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)

    def basis_for(self, party) -> str:
        """The legal basis this party processes under."""
        if self.legal_basis == "e" and party.relies_on_legitimate_interest:
            return "f"
        return self.legal_basis


def activities() -> list[Activity]:
    """Every processing activity the register declares, grouped by purpose and legal basis."""
    from . import privacy

    grouped: dict[tuple[str, str], Activity] = {}
    for entry in privacy.entries():
        key = (str(entry.purpose), entry.legal_basis)
        activity = grouped.setdefault(
            key, Activity(purpose=str(entry.purpose), legal_basis=entry.legal_basis)
        )
        _add(activity.data_categories, str(entry.data_label))
        _add(activity.subjects, str(entry.subjects_label))
        for recipient in entry.recipients:
            _add(activity.recipients, str(recipient))
        _add(activity.retention, str(entry.retention_label))
        _add(activity.modules, entry.app_label)
    return sorted(grouped.values(), key=lambda a: a.purpose)


def _add(items: list[str], value: str) -> None:
    if value and value not in items:
        items.append(value)


@dataclass
class StatementRow:
    activity: Activity
    bases: list[tuple[str, str]]  # (party name or "", basis label)


def activities_for_statement(parties: list[PartyRole]) -> list[StatementRow]:
    """Activities with the legal basis per controller; one basis when all controllers share it."""
    controllers = [p.party for p in parties if p.is_controller]
    rows = []
    for activity in activities():
        per_party = [(c.name, activity.basis_for(c)) for c in controllers]
        codes = {code for _name, code in per_party}
        if len(codes) <= 1:
            bases = [("", str(BASIS_LABELS[codes.pop() if codes else activity.legal_basis]))]
        else:
            bases = [(name, str(BASIS_LABELS[code])) for name, code in per_party]
        rows.append(StatementRow(activity, bases))
    return rows


@dataclass
class RecordRow:
    activity: Activity
    basis: str


def record_rows(this: PartyRole) -> list[RecordRow]:
    """The rows of one party's Art. 30 record, with the legal basis that party processes under."""
    return [RecordRow(a, str(BASIS_LABELS[a.basis_for(this.party)])) for a in activities()]
