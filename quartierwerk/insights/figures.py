"""The figures every module declares in its manifest, read for a set of quarters and a year, cached under a key
of their inputs, and shown the same way on the page, in the PDF and in the API.

The key is made of the year, the quarters, the interface language (the labels) and the generations
(core/generations.py) of every module the figures come from: a write in any of them starts a new generation,
so cached figures are never invalidated by hand and never outlive the data they were computed from.
"""

import hashlib
from dataclasses import asdict

from django.core.cache import caches
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from quartierwerk import modules
from quartierwerk.core import formats, generations
from quartierwerk.modules import Figure

CACHE_ALIAS = "default"
CACHE_SECONDS = 60 * 60 * 24
# Counts below this are shown as "fewer than 3" wherever a figure is public.
SMALL_COUNT = 3


def cache_key(quarter_ids: list[int], year: int) -> str:
    """The key of these figures: year, quarters, language and the generations of every module."""
    ids = sorted(set(quarter_ids))
    scope = ids[0] if len(ids) == 1 else None
    stamp = generations.current(generations.MODULES, scope)
    text = f"{year}|{','.join(map(str, ids))}|{get_language()}|{stamp}"
    return "insights:figures:" + hashlib.sha256(text.encode()).hexdigest()


def figures(quarter_ids: list[int], year: int) -> list[Figure]:
    """Every module's figures for these quarters and year (computed once per set of inputs)."""
    ids = sorted(set(quarter_ids))
    if not ids:
        return []
    cache = caches[CACHE_ALIAS]
    key = cache_key(ids, year)
    stored = cache.get(key)
    if stored is None:
        stored = [asdict(f) for f in modules.figures(ids, year)]
        cache.set(key, stored, timeout=CACHE_SECONDS)
    return [Figure(**row) for row in stored]


def for_quarter(quarter, year: int) -> list[Figure]:
    return figures([quarter.pk], year)


def display(value, unit: str = "count", *, public: bool = False) -> str:
    """A figure as text: counts below 3 read "fewer than 3" in public; days with one decimal; amounts in euro."""
    if value is None or value == "":
        return "–"
    if unit == "count" and public and value < SMALL_COUNT:
        return _("fewer than 3")
    if unit == "euro":
        return formats.amount(value)
    if unit in ("days", "hours"):
        return formats.number(value, 1)
    return formats.number(value)


def as_json(figure_list: list[Figure], quarter_ids: list[int], *, public: bool) -> list[dict]:
    """Figures for the API and the published JSON: raw numbers, with small public counts held back."""
    rows = []
    for f in figure_list:
        values = {}
        for quarter_id in quarter_ids:
            value = f.values.get(quarter_id, f.values.get(str(quarter_id), 0 if f.unit == "count" else None))
            small = public and f.unit == "count" and value is not None and value < SMALL_COUNT
            values[str(quarter_id)] = {
                "value": None if small else value,
                "display": display(value, f.unit, public=public),
            }
        rows.append({"key": f.key, "label": f.label, "section": f.section, "unit": f.unit, "values": values})
    return rows


def value_of(figure: Figure, quarter_id: int):
    """The figure's value for a quarter; a quarter without rows has 0 of a count and nothing of the rest."""
    return figure.values.get(quarter_id, 0 if figure.unit == "count" else None)


def sections(figure_list: list[Figure]) -> list[tuple[str, list[Figure]]]:
    """The figures grouped by their module's section, in the order the modules declare them."""
    grouped: dict[str, list[Figure]] = {}
    for f in figure_list:
        grouped.setdefault(f.section, []).append(f)
    return list(grouped.items())
