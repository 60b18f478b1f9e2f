"""Reading address lists: CSV (semicolon or comma, UTF-8 or Latin-1) and GeoJSON, each row checked on its own.

The reader never writes; services.import_addresses stores what it yields. Every bad row becomes an
error with its line number (CSV: the line in the file; GeoJSON: the number of the feature).
"""

import csv
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from quartierwerk.core.errors import DomainError
from quartierwerk.core.text import clean_line

from . import crs, keys

# Column names seen in official lists (ALKIS/Hauskoordinaten extracts, OSM exports, open-data portals),
# compared after keys.fold.
COLUMNS = {
    "street": {"street", "strasse", "str", "strassenname", "stn", "addr street", "addr:street"},
    "number": {"house number", "housenumber", "hausnummer", "hnr", "hausnr", "nummer", "addr housenumber"},
    "suffix": {"suffix", "zusatz", "hnrzusatz", "hausnummerzusatz", "adressierungszusatz", "adz"},
    "postcode": {"postcode", "plz", "postleitzahl", "zip", "addr postcode"},
    "place": {"place", "ort", "gemeinde", "ortsname", "city", "addr city", "gemeindename"},
    "lat": {"lat", "latitude", "breite", "y wgs84"},
    "lon": {"lon", "lng", "long", "longitude", "laenge", "x wgs84"},
    "x": {"x", "east", "easting", "ostwert", "rechtswert", "rw", "e"},
    "y": {"y", "north", "northing", "nordwert", "hochwert", "hw", "n"},
}

MAX_ERRORS = 1000


class ImportFormatError(DomainError):
    """The file as a whole cannot be read (no header, unknown columns, unknown coordinate system)."""


@dataclass(frozen=True)
class Row:
    line: int
    street: str
    house_number: str
    postcode: str
    place: str
    lat: float
    lon: float


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


def decode(data: bytes) -> str:
    """The text of an upload: UTF-8 (with or without BOM) if it is valid UTF-8, else Latin-1/Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read(data: bytes, *, filename: str = "", epsg: int | None = None) -> Iterator[Row | RowError]:
    """Rows and row errors of an address file, CSV or GeoJSON (judged by content, not by name)."""
    text = decode(data)
    if text.lstrip()[:1] == "{":
        return _read_geojson(text, epsg)
    return _read_csv(text, epsg)


def count_lines(data: bytes) -> int:
    """How many data lines (or features) a file has, roughly, for progress output."""
    return max(data.count(b"\n"), 1)


# CSV -------------------------------------------------------------------------------------------------


def _delimiter(header: str) -> str:
    return max((";", ",", "\t", "|"), key=header.count)


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        folded = keys.fold(name)
        for role, names in COLUMNS.items():
            if (folded in names or folded.replace(" ", "") in names) and role not in found:
                found[role] = index
    if "street" not in found:
        raise ImportFormatError(_("No street column found. Expected a header such as 'Straße' or 'street'."))
    has_wgs = "lat" in found and "lon" in found
    has_xy = "x" in found and "y" in found
    if not (has_wgs or has_xy):
        raise ImportFormatError(
            _(
                "No coordinate columns found. Expected 'lat'/'lon' or easting/northing ('x'/'y', 'Ostwert'/'Nordwert')."
            )
        )
    return found


def _number(value: str) -> float:
    value = value.strip().replace(" ", "")
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")  # German decimal comma
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def guess_epsg(x: float, y: float) -> int | None:
    """The system of an easting/northing pair where its size tells it (Gauß-Krüger zones, UTM with zone prefix)."""
    if 2_400_000 <= x < 6_000_000 and 5_200_000 <= y <= 6_200_000:
        return 31464 + int(x // 1_000_000)  # 2 → 31466 … 5 → 31469
    if 32_000_000 <= x < 34_000_000:
        return 25800 + int(x // 1_000_000)  # 32xxxxxx → 25832, 33xxxxxx → 25833
    return None


def _wgs84(x: float, y: float, epsg: int | None) -> tuple[float, float]:
    system = epsg or guess_epsg(x, y)
    if system is None:
        raise ValueError(_("Coordinate system unknown: give the EPSG code (e.g. 25832 or 25833)."))
    if system in (25832, 25833) and x >= 32_000_000:
        x -= (system - 25800) * 1_000_000  # easting written with its zone number in front
    return crs.to_wgs84(x, y, system)


def _read_csv(text: str, epsg: int | None) -> Iterator[Row | RowError]:
    lines = io.StringIO(text, newline="")
    first = text.split("\n", 1)[0]
    reader = csv.reader(lines, delimiter=_delimiter(first))
    try:
        header = next(reader)
    except StopIteration as exc:
        raise ImportFormatError(_("The file is empty.")) from exc
    columns = _columns(header)
    if epsg:
        try:
            crs.check(epsg)
        except crs.UnknownCRS as exc:
            raise ImportFormatError(_("Unknown coordinate system EPSG:%(code)s.") % {"code": epsg}) from exc
    wgs = "lat" in columns and "lon" in columns and (epsg in (None, 4326) or "x" not in columns)

    def cell(values, role):
        index = columns.get(role)
        return values[index].strip() if index is not None and index < len(values) else ""

    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        try:
            if wgs:
                lat, lon = _number(cell(values, "lat")), _number(cell(values, "lon"))
            else:
                lat, lon = _wgs84(_number(cell(values, "x")), _number(cell(values, "y")), epsg)
        except ValueError as exc:
            message = str(exc) if "EPSG" in str(exc) else _("The coordinates are missing or not numbers.")
            yield RowError(line, message)
            continue
        number = cell(values, "number") + cell(values, "suffix")
        yield from _row(
            line, cell(values, "street"), number, cell(values, "postcode"), cell(values, "place"), lat, lon
        )


# GeoJSON ---------------------------------------------------------------------------------------------


def _geojson_epsg(data: dict) -> int | None:
    name = ((data.get("crs") or {}).get("properties") or {}).get("name", "")
    digits = name.rsplit(":", 1)[-1]
    if digits.isdigit():
        return 4326 if digits == "84" else int(digits)
    return None


def _read_geojson(text: str, epsg: int | None) -> Iterator[Row | RowError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            _("The file is not valid JSON (line %(line)s).") % {"line": exc.lineno}
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportFormatError(_("A GeoJSON FeatureCollection of points is expected."))
    system = epsg or _geojson_epsg(data) or 4326
    for number, feat in enumerate(data.get("features") or [], start=1):
        props = (feat or {}).get("properties") or {}
        folded = {keys.fold(k).replace(" ", ""): v for k, v in props.items() if isinstance(k, str)}

        def prop(role, folded=folded):
            for name in COLUMNS[role]:
                value = folded.get(name.replace(" ", ""))
                if value not in (None, ""):
                    return str(value).strip()
            return ""

        geometry = (feat or {}).get("geometry") or {}
        coords = geometry.get("coordinates")
        if geometry.get("type") != "Point" or not isinstance(coords, list) or len(coords) < 2:
            yield RowError(number, _("The feature has no point geometry."))
            continue
        try:
            x, y = float(coords[0]), float(coords[1])
            lat, lon = (y, x) if system == 4326 else _wgs84(x, y, system)
        except (TypeError, ValueError):
            yield RowError(number, _("The coordinates are missing or not numbers."))
            continue
        yield from _row(
            number, prop("street"), prop("number") + prop("suffix"), prop("postcode"), prop("place"), lat, lon
        )


def _row(line, street, number, postcode, place, lat, lon) -> Iterator[Row | RowError]:
    if not street:
        yield RowError(line, _("The street is missing."))
        return
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        yield RowError(line, _("The coordinates lie outside valid latitude/longitude."))
        return
    try:
        yield Row(
            line=line,
            street=clean_line(street, max_length=160),
            house_number=clean_line(number, max_length=20),
            postcode=clean_line(postcode, max_length=10),
            place=clean_line(place, max_length=120),
            lat=round(lat, 7),
            lon=round(lon, 7),
        )
    except DomainError as exc:
        yield RowError(line, str(exc))
