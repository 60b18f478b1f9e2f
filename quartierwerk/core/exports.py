"""Spreadsheet exports: every cell, header cells included, guarded against formula injection."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A CSV cell that spreadsheet programs will not run as a formula (a leading apostrophe if needed)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def safe_row(values) -> list[str]:
    """One CSV row, header or data, with every cell guarded."""
    return [safe_cell(value) for value in values]
