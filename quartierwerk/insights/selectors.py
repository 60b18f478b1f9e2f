"""Reads shared by the pages, the PDF and the API: a report's sections, the city's quarters side by side."""

from quartierwerk.core.models import Quarter

from . import charts
from .figures import figures, value_of
from .models import AnnualReport, PublicFigure, PublishedReport

SPARK_YEARS = 5


def report_view_context(report: AnnualReport, *, colour: str = "currentColor") -> dict:
    """What the report page and its PDF show: the office's sections, figures per module with a chart each."""
    grouped: dict[str, list[dict]] = {}
    for row in report.figures or []:
        grouped.setdefault(row.get("section", ""), []).append(row)
    sections = []
    for title, rows in grouped.items():
        bars = [
            (row["label"], _first_value(row), _first_cell(row).get("display", ""))
            for row in rows
            if row.get("unit") == "count"
        ]
        chart = charts.bars(bars, colour=colour) if len(bars) > 1 else ""
        sections.append({"title": title, "rows": rows, "chart": chart})
    return {"report": report, "quarter": report.quarter, "sections": sections}


def _first_cell(row: dict) -> dict:
    return next(iter((row.get("values") or {}).values()), None) or {}


def _first_value(row: dict):
    """The value of a report's figure row for its one quarter (0 where it is held back or missing)."""
    return _first_cell(row).get("value") or 0


def latest_version(report: AnnualReport) -> PublishedReport | None:
    return report.versions.defer("pdf").order_by("-version").first()


def city_quarters(city) -> list[Quarter]:
    return list(Quarter.objects.filter(city=city).order_by("name"))


def public_keys(quarter_ids: list[int]) -> set[tuple[int, str]]:
    return set(PublicFigure.objects.filter(quarter_id__in=quarter_ids).values_list("quarter_id", "key"))


def city_overview(quarters: list[Quarter], year: int, *, everything: bool) -> dict:
    """Every quarter side by side on the same figures, with a sparkline over the last years per cell.

    A fixed number of queries whatever the number of quarters: one figure set per year for all quarters.
    Without `everything` (visitors who are not city staff) only cells the office has marked public are shown.
    """
    ids = [q.pk for q in quarters]
    years = list(range(year - SPARK_YEARS + 1, year + 1))
    by_year = {y: figures(ids, y) for y in years}
    allowed = None if everything else public_keys(ids)
    history: dict[str, dict[int, list]] = {}
    for y in years:
        for f in by_year[y]:
            for quarter_id in ids:
                history.setdefault(f.key, {}).setdefault(quarter_id, []).append((y, value_of(f, quarter_id)))
    rows = []
    for f in by_year[year]:
        if not everything and not f.public:
            continue
        cells = []
        for quarter_id in ids:
            visible = allowed is None or (quarter_id, f.key) in allowed
            series = dict(history.get(f.key, {}).get(quarter_id, []))
            cells.append(
                {
                    "quarter_id": quarter_id,
                    "visible": visible,
                    "value": value_of(f, quarter_id),
                    "spark": charts.sparkline([series.get(y) for y in years]) if visible else "",
                }
            )
        if everything or any(c["visible"] for c in cells):
            rows.append({"figure": f, "cells": cells})
    return {"quarters": quarters, "rows": rows, "years": years, "public": not everything}
