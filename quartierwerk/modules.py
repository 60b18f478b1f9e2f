"""The domain modules and what each one adds to the shared pages.

The list is explicit: each app keeps a `manifest.py` at its top level that says which links it puts on
the quarter page, which panel it shows on the staff dashboard, and what demo data it loads.
"""

from dataclasses import dataclass, field
from importlib import import_module

MODULE_NAMES = ("reports", "fund", "actors", "events", "participation", "planning")


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


def load_demo(demo) -> None:
    for m in manifests():
        m.load_demo(demo)
