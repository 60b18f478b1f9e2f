"""Processing activities as the privacy statement and the Art. 30 record show them, read from the
register of personal data (`core/privacy.py` and each app's `privacy.py`).

The register declares data per model and field; people read it per purpose. This module groups the
declarations by purpose and says which legal basis applies to which responsible party: a private
operator that is not a public body cannot rely on the public task (Art. 6 (1) e) and processes under its
legitimate interest in running the office it was commissioned with (Art. 6 (1) f).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext
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


KIND_LABELS = {
    "user": _("account"),
    "person": _("directory entry"),
    "name": _("name"),
    "email": _("e-mail address"),
    "phone": _("phone number"),
    "address": _("postal address"),
    "location": _("location"),
    "birth_date": _("date of birth"),
    "free_text": _("texts the person wrote"),
    "file": _("uploaded files"),
    "ip": _("IP address"),
    "technical": _("technical data (device, session, keys)"),
    "copy": _("copies in e-mails, history and logs"),
}

SUBJECT_LABELS = {
    "user": _("account holders"),
    "email": _("people who gave an e-mail address"),
    "person": _("persons in the directory"),
}


def _period(days: int) -> str:
    if days and days % 365 == 0:
        return ngettext("%(n)d year", "%(n)d years", days // 365) % {"n": days // 365}
    if days and days % 30 == 0:
        return ngettext("%(n)d month", "%(n)d months", days // 30) % {"n": days // 30}
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}


def retention_texts(declaration) -> list[str]:
    """The declared retention rules and legal holds in words."""
    texts = []
    for rule in declaration.retention:
        if rule.text:
            texts.append(str(rule.text))
        elif rule.period.days == 0:
            texts.append(gettext("Deleted when it expires."))
        else:
            texts.append(
                gettext("Deleted %(period)s after it was stored or last used.")
                % {"period": _period(rule.period.days)}
            )
    if declaration.hold:
        texts.append(
            gettext("Kept for %(period)s where the law requires it: %(reason)s")
            % {"period": _period(declaration.hold.period.days), "reason": declaration.hold.reason}
        )
    if not texts:
        texts.append(gettext("As long as the purpose needs it; deleted with the account or on request."))
    return texts


def _subjects(declaration) -> list[str]:
    subject = declaration.subject
    found = [str(label) for key, label in SUBJECT_LABELS.items() if getattr(subject, key)]
    return found or [str(SUBJECT_LABELS["user"]), str(SUBJECT_LABELS["email"])]


def activities() -> list[Activity]:
    """Every processing activity the register declares, grouped by purpose and legal basis."""
    from . import privacy

    grouped: dict[tuple[str, str], Activity] = {}
    for declaration in privacy.register():
        basis = str(declaration.legal_basis.value)[-1]  # "art6_1_e" -> "e"
        key = (str(declaration.purpose), basis)
        activity = grouped.setdefault(key, Activity(purpose=key[0], legal_basis=basis))
        for kind in declaration.fields.values():
            _add(activity.data_categories, str(KIND_LABELS.get(str(kind.value), kind.value)))
        for label in _subjects(declaration):
            _add(activity.subjects, label)
        for recipient in declaration.recipients:
            _add(activity.recipients, str(recipient))
        for text in retention_texts(declaration):
            _add(activity.retention, text)
        _add(activity.modules, declaration.app_label)
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
