"""The one export writer: German Excel CSV by default, RFC 4180 beside it, XLSX, formula guard; the reader
that imports take both dialects with."""

import datetime
import io
from decimal import Decimal

import pytest
from django.test import RequestFactory

from quartierwerk.core import exports

HEADER = ["=Titel", "Betrag", "Datum", "Text"]
ROWS = [["A", Decimal("1234.50"), datetime.date(2026, 3, 1), "=HYPERLINK(1)"], ["B", -2.5, None, "@x"]]


def test_german_excel_csv_has_bom_semicolons_decimal_comma_and_german_dates():
    data = exports.csv_bytes(HEADER, ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "'=Titel;Betrag;Datum;Text", "header cells are guarded too"
    assert lines[1] == "A;1234,50;01.03.2026;'=HYPERLINK(1)"
    assert lines[2] == "B;-2,5;;'@x", "numbers written by the writer are not guarded, text is"


def test_rfc4180_csv_has_commas_dot_decimals_iso_dates_and_no_bom():
    data = exports.csv_bytes(HEADER, ROWS, exports.RFC4180)
    assert not data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8").split("\r\n")
    assert lines[0] == "'=Titel,Betrag,Datum,Text"
    assert lines[1] == "A,1234.50,2026-03-01,'=HYPERLINK(1)"
    assert lines[2] == "B,-2.5,,'@x"


def test_datetimes_are_local_in_german_and_iso_for_machines(settings):
    moment = datetime.datetime(2026, 7, 1, 10, 30, tzinfo=datetime.UTC)
    assert exports.csv_cell(moment) == "01.07.2026 12:30"
    assert exports.csv_cell(moment, exports.RFC4180) == "2026-07-01T10:30:00+00:00"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_guarded(value):
    assert exports.guard(value) == "'" + value
    assert exports.csv_cell(value, exports.RFC4180) == "'" + value


def test_xlsx_keeps_numbers_typed_and_guards_text_and_header():
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes(HEADER, ROWS, title="a/b"))).active
    rows = list(sheet.values)
    assert rows[0][0] == "'=Titel" and sheet.title == "a b"
    assert rows[1][1] == 1234.5 and rows[1][3] == "'=HYPERLINK(1)"


def test_dialect_follows_the_format_parameter():
    rf = RequestFactory()
    assert exports.dialect_for(rf.get("/x.csv")) == exports.EXCEL_DE
    assert exports.dialect_for(rf.get("/x.csv", {"format": "csv-rfc4180"})) == exports.RFC4180
    assert exports.dialect_for(rf.get("/x.csv", {"format": "nonsense"})) == exports.EXCEL_DE


@pytest.mark.parametrize("dialect", exports.DIALECTS)
def test_reader_reads_back_what_the_writer_wrote(dialect):
    header = ["name", "lat", "town"]
    rows = [['Café; Treff, "Ecke"', 51.3397, "Leipzig"], ["Zwei", Decimal("12.5"), "Grünau"]]
    read = exports.read_csv(exports.csv_bytes(header, rows, dialect))
    assert read[0] == header
    assert read[1][0] == 'Café; Treff, "Ecke"'
    assert [float(exports.parse_decimal(r[1])) for r in read[1:]] == [51.3397, 12.5]


def test_reader_accepts_windows_1252_tabs_and_a_single_column():
    assert exports.read_csv("name\tort\nMüller\tGrünau\n".encode("cp1252")) == [
        ["name", "ort"],
        ["Müller", "Grünau"],
    ]
    assert exports.read_csv(b"name\nA\n") == [["name"], ["A"]]


def test_numbers_and_dates_are_read_in_both_ways():
    assert exports.parse_decimal("1.234,56") == Decimal("1234.56")
    assert exports.parse_decimal("1234.56") == Decimal("1234.56")
    assert exports.parse_decimal("-0,5") == Decimal("-0.5")
    with pytest.raises(ValueError):
        exports.parse_decimal("zwölf")
    assert exports.parse_date("01.03.2026") == exports.parse_date("2026-03-01") == datetime.date(2026, 3, 1)
