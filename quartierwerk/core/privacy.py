"""The register of personal data: typed declarations of where a person's data lives and what happens to it.

Each domain app declares its own in `quartierwerk/<app>/privacy.py` as a module-level `DECLARATIONS` tuple;
core declares its own models and the framework's tables (sessions, admin log, log-in attempts, task queue)
here. `register()` collects them explicitly from `quartierwerk.modules.MODULE_NAMES`, so importing a module
never registers anything. Export, erasure, retention, the privacy statement and the Art. 30 record are built
from these declarations, and `tests/core/test_privacy_register.py` fails on a personal field nobody declared.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Kind(enum.StrEnum):
    """How a field identifies or describes a person."""

    USER = "user"  # a foreign key to the account
    PERSON = "person"  # a foreign key to a directory person
    NAME = "name"
    EMAIL = "email"
    PHONE = "phone"
    ADDRESS = "address"
    LOCATION = "location"  # coordinates that may point at a home
    BIRTH_DATE = "birth_date"
    FREE_TEXT = "free_text"  # written by the person, may say anything about them
    FILE = "file"  # an upload by or about the person
    IP = "ip"
    TECHNICAL = "technical"  # user agent, session key, token hash: identifies a device or a link
    COPY = "copy"  # a label, snapshot, mail or log that may repeat any of the above as text


class LegalBasis(enum.StrEnum):
    """Art. 6 (1) DSGVO."""

    ART6_1_A = "art6_1_a"
    ART6_1_B = "art6_1_b"
    ART6_1_C = "art6_1_c"
    ART6_1_E = "art6_1_e"
    ART6_1_F = "art6_1_f"


LEGAL_BASIS_LABELS = {
    LegalBasis.ART6_1_A: _("Consent (Art. 6 (1) a GDPR)"),
    LegalBasis.ART6_1_B: _("Contract or steps before a contract (Art. 6 (1) b GDPR)"),
    LegalBasis.ART6_1_C: _("Legal obligation (Art. 6 (1) c GDPR)"),
    LegalBasis.ART6_1_E: _("Task in the public interest (Art. 6 (1) e GDPR)"),
    LegalBasis.ART6_1_F: _("Legitimate interests (Art. 6 (1) f GDPR)"),
}


class Erasure(enum.StrEnum):
    """What erasure (Art. 17) and the end of the retention period do to a row."""

    DELETE = "delete"  # the row goes
    PSEUDONYMISE = "pseudonymise"  # the row stays for the public record; the declared fields are blanked
    KEEP = "keep"  # kept under a legal hold until its end; then pseudonymised


@dataclass(frozen=True)
class SubjectRef:
    """The person a request is about: an account, e-mail addresses, directory persons, and the strings
    (names, phone numbers) that erasure scrubs from labels, snapshots and mails."""

    user_id: int | None = None
    emails: tuple[str, ...] = ()
    person_ids: tuple[int, ...] = ()
    names: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()

    def needles(self) -> tuple[str, ...]:
        """The identifying strings, longest first, that may be repeated as text elsewhere."""
        found = {s.strip() for s in (*self.emails, *self.names, *self.phones) if s and len(s.strip()) >= 4}
        return tuple(sorted(found, key=len, reverse=True))


@dataclass(frozen=True)
class Subject:
    """How a row is tied to a person: ORM paths from the model to the account, an e-mail field, a directory person.

    `select` replaces the paths for tables that need decoding (sessions, task arguments): it takes a
    `privacy_services.SubjectRef` and returns the queryset of rows about that person.
    """

    user: str = ""
    email: str = ""
    person: str = ""
    select: Callable | None = None

    def q(self, ref) -> Q | None:
        """The filter for rows about `ref` (a SubjectRef), or None when no path applies."""
        q = Q()
        matched = False
        if self.user and ref.user_id:
            q |= Q(**{self.user: ref.user_id})
            matched = True
        if self.email and ref.emails:
            for address in ref.emails:
                q |= Q(**{f"{self.email}__iexact": address})
            matched = True
        if self.person and ref.person_ids:
            q |= Q(**{f"{self.person}__in": ref.person_ids})
            matched = True
        return q if matched else None


@dataclass(frozen=True)
class Retention:
    """How long rows are kept: `period` after the date in `start` (an ORM path), for rows matching `when`."""

    period: timedelta
    start: str = "created_at"
    when: Q | None = None
    text: str = ""  # the rule in words for the privacy statement, when more than the period is to say

    def due(self, now) -> Q:
        q = Q(**{f"{self.start}__lt": now - self.period})
        return q & self.when if self.when is not None else q

    def describe(self) -> str:
        """The rule in words for the privacy statement and the Art. 30 record."""
        if self.text:
            return str(self.text)
        return ngettext("%(days)d day", "%(days)d days", self.period.days) % {"days": self.period.days}


@dataclass(frozen=True)
class Hold:
    """A legal duty to keep a row: erasure keeps rows matching `when` until `period` after `start`."""

    reason: str
    period: timedelta
    start: str
    when: Q | None = None


@dataclass(frozen=True)
class PersonalData:
    """One model's personal data: which fields, whose, why, on what basis, for how long, what erasure does."""

    model: str  # "app_label.ModelName"
    fields: dict[str, Kind]
    subject: Subject
    purpose: str
    legal_basis: LegalBasis
    erasure: Erasure
    retention: tuple[Retention, ...] = ()
    hold: Hold | None = None
    recipients: tuple[str, ...] = ()
    # Values written on pseudonymisation (field -> value or callable); other fields follow their kind:
    # USER set to null, NAME/EMAIL/PHONE/IP/TECHNICAL/BIRTH_DATE blanked, FREE_TEXT/COPY/ADDRESS scrubbed of
    # the subject's strings, FILE re-encoded without metadata, PERSON and LOCATION kept.
    pseudonym: dict = field(default_factory=dict)
    # Exported under this heading; False for rows that only repeat data exported elsewhere (mails, logs).
    export: bool = True
    # COPY fields are scrubbed in every row, not only in the subject's own (labels, snapshots, mails).
    scrub_everywhere: bool = False
    # Declared for the statement but handled by the owning app's service (actors.erase_person, ...).
    note: str = ""

    @property
    def app_label(self) -> str:
        return self.model.split(".")[0]

    def model_class(self):
        from django.apps import apps

        return apps.get_model(self.model)


@dataclass(frozen=True)
class NotPersonal:
    """A field that looks personal by its name or type but is not, with the reason (reviewed allow-list)."""

    model: str
    fields: tuple[str, ...]
    reason: str


PSEUDONYM = "(gelöscht)"


def register() -> tuple[PersonalData, ...]:
    """Every declaration: core's (with the framework's tables), then each module's in `MODULE_NAMES` order."""
    from quartierwerk.modules import MODULE_NAMES

    from . import privacy_register as core_register

    declarations = list(core_register.DECLARATIONS)
    for name in MODULE_NAMES:
        declarations.extend(import_module(f"quartierwerk.{name}.privacy").DECLARATIONS)
    return tuple(declarations)


def not_personal() -> tuple[NotPersonal, ...]:
    """The reviewed allow-list: fields that look personal and are not."""
    from quartierwerk.modules import MODULE_NAMES

    from . import privacy_register as core_register

    allowed = list(core_register.NOT_PERSONAL)
    for name in MODULE_NAMES:
        allowed.extend(getattr(import_module(f"quartierwerk.{name}.privacy"), "NOT_PERSONAL", ()))
    return tuple(allowed)


def declaration_for(model_label: str) -> PersonalData | None:
    return next((d for d in register() if d.model == model_label), None)
