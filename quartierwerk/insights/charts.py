"""Charts drawn on the server as SVG: bars for a report, sparklines for the city's overview. Each chart is
decorative next to its data table (`aria-hidden`), so screen readers read the table and nobody misses a bar."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def bars(
    rows: list[tuple[str, float, str]],
    *,
    width: int = 520,
    bar_height: int = 16,
    colour: str = "currentColor",
) -> str:
    """A horizontal bar chart of (label, value, value as shown) rows, as inline SVG."""
    if not rows:
        return ""
    label_width = 270
    top = max((v or 0) for _label, v, _text in rows) or 1
    gap = 6
    height = len(rows) * (bar_height + gap)
    room = width - label_width - 90
    parts = [
        f'<svg class="insights-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">'
    ]
    for i, (label, value, text) in enumerate(rows):
        y = i * (bar_height + gap)
        length = max(1, round(room * (value or 0) / top))
        short = label if len(label) <= 44 else label[:43] + "…"
        parts.append(
            f'<text x="0" y="{y + bar_height - 4}" font-size="10">{escape(short)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="{escape(colour)}"/>'
            f'<text x="{label_width + length + 4}" y="{y + bar_height - 4}" font-size="10">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def sparkline(values: list[float | None], *, width: int = 80, height: int = 20) -> str:
    """A small line of a figure over the years, as inline SVG (decorative; the numbers are in the table)."""
    points = [v or 0 for v in values]
    if len(points) < 2:
        return ""
    top = max(points) or 1
    step = width / (len(points) - 1)
    coords = " ".join(
        f"{round(i * step, 1)},{round(height - 2 - (height - 4) * v / top, 1)}" for i, v in enumerate(points)
    )
    return format_html(
        '<svg class="insights-spark" xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" '
        'aria-hidden="true" focusable="false"><polyline points="{}" fill="none" stroke="currentColor" '
        'stroke-width="1.5"/></svg>',
        width,
        height,
        width,
        height,
        coords,
    )
