""" "My work": what each module asks of the logged-in person, gathered for one page and one API answer.

Each module may keep a `landing.py` at its top level (found by that name, like `manifest.py`) with

    def sections(viewer: Viewer) -> list[Section]          what the person does there
    def office_rows(viewer: Viewer, quarters) -> dict       per quarter id: figures for the office

Both cost a fixed number of SQL queries whatever the amount of data: a module lists a bounded number of
items and counts the rest in the same aggregate. The page orders the sections so that what needs the person
now comes first. Nothing here decides a permission: each module asks its own `rules.py`.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module
from importlib.util import find_spec

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quartierwerk.core import clock
from quartierwerk.core.models import Quarter
from quartierwerk.core.rules import RoleSet, can_view_dashboard, role_set
from quartierwerk.modules import MODULE_NAMES

# How many items a section lists; the rest is behind its "show all" link.
ITEMS_PER_SECTION = 5

# The order of the sections when none of them needs the person now.
SECTION_ORDER = ("reports", "applications", "registrations", "sessions", "tasks", "organisations")


@dataclass
class Item:
    """One thing of the person's: where it is done, and what it needs from them."""

    label: str
    url: str
    detail: str = ""
    when: datetime.date | datetime.datetime | None = None  # a deadline or the next date
    needs_you: bool = False  # the person is asked to act (answer, vote, complete, hand in)


@dataclass
class Section:
    """One kind of work ("My reports"), its items and what it says when there are none."""

    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    empty_text: str = ""
    more_label: str = ""
    more_url: str = ""
    total: int | None = None  # all items, when more exist than are listed

    @property
    def count(self) -> int:
        return len(self.items) if self.total is None else self.total

    @property
    def needs_you(self) -> int:
        return sum(1 for item in self.items if item.needs_you)


@dataclass
class OfficeRow:
    """A figure of the office's work in one quarter: "3 new reports" and where to handle them."""

    label: str
    count: int
    url: str


@dataclass
class OfficeQuarter:
    quarter: Quarter
    url: str
    rows: list[OfficeRow] = field(default_factory=list)

    @property
    def open_count(self) -> int:
        return sum(row.count for row in self.rows)


@dataclass
class Viewer:
    """The person asking, with their roles loaded once."""

    user: object
    roles: RoleSet
    today: datetime.date
    now: datetime.datetime

    @classmethod
    def of(cls, user) -> "Viewer":
        return cls(user=user, roles=role_set(user), today=clock.today(), now=timezone.now())

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    def quarters_with(self, role: str) -> set[int]:
        return {qid for qid, roles in self.roles.by_quarter.items() if role in roles}

    @cached_property
    def office_quarters(self) -> list[Quarter]:
        """The quarters whose office work this person sees: their own as staff, their city's, all for admins."""
        if not self.is_authenticated:
            return []
        qs = Quarter.objects.filter(is_active=True).select_related("city").order_by("city__name", "name")
        if not self.roles.is_admin:
            ids = self.roles.staff_quarter_ids | self.roles.city_quarter_ids
            if not ids:
                return []
            qs = qs.filter(pk__in=ids)
        return [q for q in qs if can_view_dashboard(self.user, q)]


def landing_modules():
    """The modules that say what they ask of a person: `quartierwerk.<name>.landing`, where it exists."""
    found = []
    for name in MODULE_NAMES:
        dotted = f"quartierwerk.{name}.landing"
        if find_spec(dotted) is not None:
            found.append(import_module(dotted))
    return found


def office(viewer: Viewer) -> list[OfficeQuarter]:
    """The office's open work per quarter, one row per figure that is not zero."""
    quarters = viewer.office_quarters
    if not quarters:
        return []
    result = {q.pk: OfficeQuarter(quarter=q, url=reverse("core:dashboard", args=[q.slug])) for q in quarters}
    for module in landing_modules():
        rows_of = getattr(module, "office_rows", None)
        if rows_of is None:
            continue
        for quarter_id, rows in rows_of(viewer, quarters).items():
            if quarter_id in result:
                result[quarter_id].rows.extend(row for row in rows if row.count)
    return list(result.values())


def _merge(sections: list[Section]) -> list[Section]:
    """Sections of the same kind from several modules (group sessions, award sessions) become one."""
    merged: dict[str, Section] = {}
    for section in sections:
        if section.key not in merged:
            merged[section.key] = section
            continue
        into = merged[section.key]
        into.total = into.count + section.count
        into.items.extend(section.items)
        into.more_url = into.more_url or section.more_url
        into.more_label = into.more_label or section.more_label
    return list(merged.values())


def _sort_key(item: Item):
    when = item.when
    if isinstance(when, datetime.datetime):
        when = timezone.localtime(when).date() if timezone.is_aware(when) else when.date()
    return (not item.needs_you, when is None, when or datetime.date.max)


def my_work(user) -> tuple[list[Section], list[OfficeQuarter]]:
    """Everything that needs this person, what needs them now first: their sections, and the office's."""
    viewer = Viewer.of(user)
    if not viewer.is_authenticated:
        return [], []
    sections = []
    for module in landing_modules():
        sections.extend(module.sections(viewer))
    sections = _merge(sections)
    for section in sections:
        section.items.sort(key=_sort_key)
        section.items = section.items[:ITEMS_PER_SECTION]
    order = {key: i for i, key in enumerate(SECTION_ORDER)}
    sections.sort(key=lambda s: (s.needs_you == 0, order.get(s.key, len(order))))
    return sections, office(viewer)


def summary(sections: list[Section], quarters: list[OfficeQuarter]) -> str:
    """One sentence that says how much waits for the person, for the top of the page."""
    waiting = sum(s.needs_you for s in sections)
    if waiting:
        return ngettext(
            "%(n)d thing waits for you. It is listed first.",
            "%(n)d things wait for you. They are listed first.",
            waiting,
        ) % {"n": waiting}
    if any(q.open_count for q in quarters):
        return _("Nothing waits for you personally. The office's open work is listed below.")
    return _("Nothing waits for you at the moment.")
