"""The one export writer (CSV and XLSX) and the one reader for imports.

CSV speaks German Excel by default, because offices open these files in Excel: semicolon, decimal comma,
dates as dd.mm.yyyy, UTF-8 with a byte order mark. RFC 4180 CSV (comma, dot decimals, ISO dates, UTF-8
without BOM) sits beside it for machines (`?format=csv-rfc4180`). Every text cell, header cells included,
is guarded against spreadsheet formulas (CSV injection). Imports read both dialects.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

EXCEL_DE = "excel-de"
RFC4180 = "rfc4180"
DIALECTS = (EXCEL_DE, RFC4180)
FORMAT_PARAMETER = "format"
RFC4180_PARAMETER_VALUE = "csv-rfc4180"

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(value):
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe; others pass."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def dialect_for(request) -> str:
    """The CSV dialect a request asks for: RFC 4180 with `?format=csv-rfc4180`, German Excel otherwise."""
    return RFC4180 if request.GET.get(FORMAT_PARAMETER) == RFC4180_PARAMETER_VALUE else EXCEL_DE


def _number(value, dialect: str) -> str:
    text = format(value, "f") if isinstance(value, Decimal) else repr(value)
    return text.replace(".", ",") if dialect == EXCEL_DE else text


def csv_cell(value, dialect: str = EXCEL_DE) -> str:
    """One value as CSV text in the dialect; text is guarded, numbers and dates are written, not guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal | float):
        return _number(value, dialect)
    if isinstance(value, datetime.datetime):
        if dialect != EXCEL_DE:
            return value.isoformat()
        return (timezone.localtime(value) if timezone.is_aware(value) else value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y") if dialect == EXCEL_DE else value.isoformat()
    if isinstance(value, int):
        return str(value)
    return guard(str(value))


class _Echo:
    def write(self, value):
        return value


def csv_lines(header: Sequence, rows: Iterable[Sequence], dialect: str = EXCEL_DE) -> Iterator[str]:
    """The CSV as lines of text, header first (the German dialect starts with a BOM), for streaming."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r}")
    writer = csv.writer(_Echo(), delimiter=";" if dialect == EXCEL_DE else ",", lineterminator="\r\n")
    head = writer.writerow([csv_cell(h, dialect) for h in header])
    yield (BOM + head) if dialect == EXCEL_DE else head
    for row in rows:
        yield writer.writerow([csv_cell(v, dialect) for v in row])


def csv_bytes(header: Sequence, rows: Iterable[Sequence], dialect: str = EXCEL_DE) -> bytes:
    """The whole CSV file as UTF-8 bytes."""
    return "".join(csv_lines(header, rows, dialect)).encode("utf-8")


def _xlsx_cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(timezone.localtime(value))
    return guard(value)


def xlsx_bytes(header: Sequence, rows: Iterable[Sequence], title: str = "Export") -> bytes:
    """An XLSX workbook with one sheet; numbers and dates stay typed, text is guarded."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Export")
    ws.append([guard(str(h)) for h in header])
    for row in rows:
        ws.append([_xlsx_cell(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(header, rows, filename: str, dialect: str = EXCEL_DE, *, stream: bool = False):
    """A CSV download; `stream` sends it line by line for large lists."""
    lines = csv_lines(header, rows, dialect)
    if stream:
        return _attachment(StreamingHttpResponse(lines, content_type=CSV_CONTENT_TYPE), filename)
    return _attachment(HttpResponse("".join(lines).encode("utf-8"), content_type=CSV_CONTENT_TYPE), filename)


def xlsx_response(header, rows, filename: str, title: str = "Export"):
    """An XLSX download."""
    return _attachment(
        HttpResponse(xlsx_bytes(header, rows, title), content_type=XLSX_CONTENT_TYPE), filename
    )


# --- Reading (imports) ----------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Text of an uploaded CSV: UTF-8 with or without BOM, else Windows-1252 (old Excel)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text, judged by its header line: semicolon, comma or tab."""
    first = text.lstrip(BOM).split("\n", 1)[0]
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes | str) -> list[list[str]]:
    """All rows of a CSV in either dialect (German Excel or RFC 4180), BOM and Windows-1252 accepted."""
    text = decode(data) if isinstance(data, bytes) else data.lstrip(BOM)
    return list(csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text)))


def read_xlsx(data: bytes, max_rows: int | None = None) -> list[list[str]]:
    """The rows of the first sheet of an XLSX workbook as text (at most `max_rows`)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    rows = []
    try:
        for row in wb.worksheets[0].iter_rows(values_only=True):
            rows.append(["" if c is None else str(c) for c in row])
            if max_rows is not None and len(rows) >= max_rows:
                break
    finally:
        wb.close()
    return rows


def parse_decimal(text: str) -> Decimal:
    """A number written either way: "1.234,5" or "1234,5" (German) and "1234.5" (machines)."""
    value = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc


def parse_date(text: str) -> datetime.date:
    """A date written either way: dd.mm.yyyy (German) or yyyy-mm-dd (ISO)."""
    value = (text or "").strip()
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", value):
        return datetime.datetime.strptime(value, "%d.%m.%Y").date()
    return datetime.date.fromisoformat(value[:10])
