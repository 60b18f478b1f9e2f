"""The domain modules and what each one adds to the shared pages.

The list is explicit: each app keeps a `manifest.py` at its top level that says which links it puts on
the quarter page, which panel it shows on the staff dashboard, and what demo data it loads.
"""

from dataclasses import dataclass, field
from importlib import import_module

MODULE_NAMES = (
    "reports",
    "fund",
    "actors",
    "events",
    "participation",
    "resources",
    "news",
    "insights",
    "council",
    "planning",
)


@dataclass
class Link:
    label: str
    url: str
    description: str = ""


@dataclass
class Panel:
    title: str
    rows: list[tuple[str, int | str, str]] = field(default_factory=list)  # (label, figure, url)
    links: list[Link] = field(default_factory=list)
    empty_text: str = ""


@dataclass
class Figure:
    """One figure a module declares for the reports and dashboards: one value per quarter for one year.

    `unit` is "count", "days", "euro" or "hours"; counts below 3 are shown as "fewer than 3" in public.
    `public` says whether the figure may be published at all (internal figures stay with the office and city).
    """

    key: str
    label: str
    values: dict[int, int | float]  # quarter id -> value
    unit: str = "count"
    section: str = ""
    public: bool = True


def per_quarter(rows, name: str) -> dict[int, int | float]:
    """`{quarter id: row[name]}` from aggregate rows grouped by `quarter_id` (rows without a value give 0)."""
    return {row["quarter_id"]: row[name] or 0 for row in rows}


def median_days(durations) -> dict:
    """`{group: median in days, one decimal}` from `(group, timedelta)` pairs."""
    from statistics import median

    grouped: dict = {}
    for group, delta in durations:
        grouped.setdefault(group, []).append(delta.total_seconds() / 86400)
    return {group: round(median(days), 1) for group, days in grouped.items()}


def manifests():
    return [import_module(f"quartierwerk.{name}.manifest") for name in MODULE_NAMES]


def quarter_links(quarter) -> list[Link]:
    return [link for m in manifests() for link in m.quarter_links(quarter)]


def city_links() -> list[Link]:
    return [link for m in manifests() for link in m.city_links()]


def dashboard_panels(request, quarter) -> list[Panel]:
    return [p for m in manifests() if (p := m.dashboard_panel(request, quarter)) is not None]


def my_work_links(user) -> list[Link]:
    """Links to what the user works on, for "My work" (modules without such work add nothing)."""
    return [link for m in manifests() for link in getattr(m, "my_work_links", lambda user: [])(user)]


def figures(quarter_ids: list[int], year: int) -> list[Figure]:
    """Every module's figures for these quarters and year, each module in a fixed number of queries."""
    return [f for m in manifests() for f in getattr(m, "figures", lambda ids, year: [])(quarter_ids, year)]


def load_demo(demo) -> None:
    for m in manifests():
        m.load_demo(demo)
