"""Import of organisations from CSV/XLSX (preview with per-row errors, natural key, no duplicates) and
export of contact lists as CSV, XLSX and vCard."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from quartierwerk.core import audit, exports
from quartierwerk.core.errors import DomainError, require
from quartierwerk.core.files import UploadRejected, clean_upload, sniff
from quartierwerk.core.text import clean_line

from . import rules
from .models import ImportBatch, Language, Offer, Organisation, Topic
from .services import plain_field
from .workflows import IMPORT

MAX_IMPORT_BYTES = 8 * 1024 * 1024
MAX_IMPORT_ROWS = 20000
BATCH = 1000

# Column → how the value is read. The natural key of a row is (quarter, slug of the name).
COLUMNS = (
    "name",
    "kind",
    "description",
    "topics",
    "languages",
    "offers",
    "street",
    "postcode",
    "town",
    "lat",
    "lon",
    "email",
    "phone",
    "website",
    "opening_hours",
    "accessibility",
    "public",
    "tags",
)
ALIASES = {
    "art": "kind",
    "beschreibung": "description",
    "themen": "topics",
    "sprachen": "languages",
    "angebote": "offers",
    "straße": "street",
    "strasse": "street",
    "plz": "postcode",
    "ort": "town",
    "e-mail": "email",
    "telefon": "phone",
    "webseite": "website",
    "öffnungszeiten": "opening_hours",
    "barrierefreiheit": "accessibility",
    "öffentlich": "public",
    "schlagworte": "tags",
}
TRUE_WORDS = {"1", "yes", "ja", "true", "x", "wahr"}
FALSE_WORDS = {"", "0", "no", "nein", "false", "falsch"}


def _split(value: str) -> list[str]:
    return [v.strip() for v in re.split(r"[;,|]", value or "") if v.strip()]


def _read_rows(data: bytes, content_type: str) -> list[list[str]]:
    if content_type.endswith("spreadsheetml.sheet"):
        return exports.read_xlsx(data, max_rows=MAX_IMPORT_ROWS + 2)
    return exports.read_csv(data)


def _choice(value: str, choices, labels_lower: dict) -> str | None:
    v = value.strip()
    if v in choices:
        return v
    return labels_lower.get(v.lower())


def _labels(choice_cls) -> dict:
    from django.utils import translation

    out = {}
    for lang in ("de", "en"):
        with translation.override(lang):
            for value, label in choice_cls.choices:
                out[str(label).lower()] = value
    return out


def validate_row(raw: dict, labels: dict) -> tuple[dict, list[str]]:
    """Turn one raw row into clean field values and a list of problems (empty when the row is good)."""
    errors = []
    data = {}
    name = clean_line(raw.get("name", ""), max_length=200, truncate=True)
    if not name:
        errors.append(_("The name is missing."))
    data["name"] = name
    kind = raw.get("kind", "").strip()
    if kind:
        k = _choice(kind, Organisation.Kind.values, labels["kind"])
        if k is None:
            errors.append(_("Unknown kind “%(v)s”.") % {"v": kind[:60]})
        data["kind"] = k or Organisation.Kind.OTHER
    else:
        data["kind"] = Organisation.Kind.OTHER
    for column, choices, key in (
        ("topics", Topic.values, "topic"),
        ("languages", Language.values, "language"),
        ("offers", Offer.values, "offer"),
    ):
        values = []
        for item in _split(raw.get(column, "")):
            v = _choice(item, choices, labels[key])
            if v is None:
                errors.append(_("Unknown value “%(v)s” in %(column)s.") % {"v": item[:60], "column": column})
            elif v not in values:
                values.append(v)
        data[column] = values
    for column in ("description", "street", "postcode", "town", "opening_hours", "accessibility", "phone"):
        try:
            data[column] = plain_field(column, raw.get(column, ""))[:5000]
        except DomainError as exc:
            errors.append(f"{column}: {exc}")
    email = raw.get("email", "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("“%(v)s” is not a valid e-mail address.") % {"v": email[:100]})
    data["email"] = email
    website = raw.get("website", "").strip()
    if website:
        if not website.startswith(("http://", "https://")):
            website = "https://" + website
        try:
            URLValidator()(website)
        except ValidationError:
            errors.append(_("“%(v)s” is not a valid web address.") % {"v": website[:100]})
    data["website"] = website
    lat, lon = raw.get("lat", "").strip(), raw.get("lon", "").strip()
    data["lat"] = data["lon"] = None
    if lat or lon:
        try:
            data["lat"], data["lon"] = float(exports.parse_decimal(lat)), float(exports.parse_decimal(lon))
            if not (-90 <= data["lat"] <= 90 and -180 <= data["lon"] <= 180):
                raise ValueError
        except ValueError:
            errors.append(_("Latitude and longitude must be numbers in range."))
            data["lat"] = data["lon"] = None
    public = raw.get("public", "").strip().lower()
    if public in TRUE_WORDS:
        data["is_public"] = True
    elif public in FALSE_WORDS:
        data["is_public"] = public == ""  # an empty cell keeps the default: listed
    else:
        errors.append(_("“public” must be yes or no."))
        data["is_public"] = False
    data["tags"] = [clean_line(t, max_length=60, truncate=True).lower() for t in _split(raw.get("tags", ""))][
        :30
    ]
    return data, errors


def _checked_upload(uploaded) -> tuple[bytes, str, str]:
    """The upload's bytes and type, checked by content. Plain text of any flavour is read as CSV (a cell with
    HTML in it makes libmagic say text/html); anything else must be a real XLSX."""
    head = uploaded.read(8192)
    uploaded.seek(0)
    if head and sniff(head).startswith("text/") and b"\x00" not in head:
        name = (getattr(uploaded, "name", "") or "file").rsplit("/", 1)[-1][:120]
        data = uploaded.read(MAX_IMPORT_BYTES + 1)
        if len(data) > MAX_IMPORT_BYTES:
            raise UploadRejected(
                _("“%(name)s” is too large; at most %(max)s are accepted.")
                % {"name": name, "max": filesizeformat(MAX_IMPORT_BYTES)},
                status=413,
            )
        return data, "text/csv", name
    clean = clean_upload(uploaded, kinds=("spreadsheet",), max_bytes=MAX_IMPORT_BYTES)
    return clean.content.read(), clean.content_type, clean.original_name


def parse_upload(*, by, quarter, uploaded) -> ImportBatch:
    """Read an uploaded CSV or XLSX and store a preview: the good rows and, per line, what is wrong."""
    require(rules.can_import(by, quarter))
    data, content_type, filename = _checked_upload(uploaded)
    try:
        rows = _read_rows(data, content_type)
    except Exception:
        raise DomainError(_("The file could not be read as CSV or XLSX."))
    if not rows:
        raise DomainError(_("The file is empty."))
    header = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in rows[0]]
    if "name" not in header:
        raise DomainError(_("The first line must name the columns; a “name” column is required."))
    if len(rows) - 1 > MAX_IMPORT_ROWS:
        raise DomainError(_("At most %(n)s rows can be imported at once.") % {"n": MAX_IMPORT_ROWS})
    labels = {
        "kind": _labels(Organisation.Kind),
        "topic": _labels(Topic),
        "language": _labels(Language),
        "offer": _labels(Offer),
    }
    good, bad, first_line = [], [], {}
    for index, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        raw = {
            header[i]: (row[i] if i < len(row) else "") for i in range(len(header)) if header[i] in COLUMNS
        }
        values, errors = validate_row(raw, labels)
        key = slugify(values["name"])[:200]
        if values["name"] and not key:
            errors.append(_("The name needs at least one letter or digit."))
        if key and key in first_line:
            errors.append(_("The same organisation appears already in line %(n)s.") % {"n": first_line[key]})
        elif key:
            first_line[key] = index
        if errors:
            bad.append({"line": index, "name": values["name"][:200], "messages": errors})
        else:
            good.append({"line": index, "key": key, "data": values})
    batch = ImportBatch.objects.create(
        quarter=quarter, filename=filename, rows=good, errors=bad, created_by=by
    )
    audit.record(by, "actors.import_previewed", batch, good=len(good), bad=len(bad))
    return batch


def run_import(*, by, batch: ImportBatch) -> dict:
    """Write the good rows of a previewed import: new organisations are created, existing ones (same quarter
    and name) updated, so running the same file twice creates nothing twice."""
    require(rules.can_import(by, batch.quarter))
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        IMPORT.check(by, batch, "run", message=_("This import has already been run or discarded."))
        quarter = batch.quarter
        rows = batch.rows
        keys = [r["key"] for r in rows]
        existing = {}
        for start in range(0, len(keys), BATCH):
            chunk = keys[start : start + BATCH]
            for org in Organisation.objects.filter(quarter=quarter, slug__in=chunk):
                existing[org.slug] = org
        now = timezone.now()
        to_create, to_update = [], []
        for r in rows:
            data = dict(r["data"])
            org = existing.get(r["key"])
            if org is None:
                org = Organisation(
                    quarter=quarter,
                    slug=r["key"],
                    status=Organisation.Status.VERIFIED,
                    verified_at=now,
                    created_at=now,
                    updated_at=now,
                    **data,
                )
                org.refresh_derived()
                to_create.append(org)
                existing[r["key"]] = org
            else:
                if org.status == Organisation.Status.MERGED:
                    continue
                for k, v in data.items():
                    if k == "tags":
                        v = list(dict.fromkeys((org.tags or []) + v))
                    setattr(org, k, v)
                org.updated_at = now
                org.refresh_derived()
                to_update.append(org)
        Organisation.objects.bulk_create(to_create, batch_size=BATCH)
        fields = list(COLUMNS_TO_FIELDS) + ["facets", "search_document", "updated_at"]
        Organisation.objects.bulk_update(to_update, fields, batch_size=BATCH)
        batch.status = IMPORT.target(batch, "run")
        batch.result = {"created": len(to_create), "updated": len(to_update), "failed": len(batch.errors)}
        batch.save(update_fields=["status", "result"])
        audit.record(by, "actors.import_run", batch, **batch.result)
    return batch.result


COLUMNS_TO_FIELDS = (
    "name",
    "kind",
    "description",
    "topics",
    "languages",
    "offers",
    "street",
    "postcode",
    "town",
    "lat",
    "lon",
    "email",
    "phone",
    "website",
    "opening_hours",
    "accessibility",
    "is_public",
    "tags",
)


def discard_import(*, by, batch: ImportBatch) -> None:
    require(rules.can_import(by, batch.quarter))
    IMPORT.check(by, batch, "discard", message=_("This import has already been run or discarded."))
    batch.status = IMPORT.target(batch, "discard")
    batch.rows = []
    batch.save(update_fields=["status", "rows"])


# --- Export --------------------------------------------------------------------------------------------

CONTACT_HEADER = ("name", "organisation", "role", "email", "phone", "street", "postcode", "town")


def _contact_rows(contacts):
    return ([getattr(c, h) for h in CONTACT_HEADER] for c in contacts)


def contacts_csv(contacts, dialect: str = exports.EXCEL_DE) -> bytes:
    return exports.csv_bytes(CONTACT_HEADER, _contact_rows(contacts), dialect)


def contacts_xlsx(contacts, title: str = "Kontakte") -> bytes:
    return exports.xlsx_bytes(CONTACT_HEADER, _contact_rows(contacts), title or "Kontakte")


def _vcard_escape(value: str) -> str:
    return (value or "").replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += b
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def contacts_vcard(contacts) -> bytes:
    """vCard 4.0 (RFC 6350): one card per contact, an organisation card when no person is named."""
    cards = []
    for c in contacts:
        lines = ["BEGIN:VCARD", "VERSION:4.0"]
        if c.name:
            lines.append("FN:" + _vcard_escape(c.name))
            parts = c.name.rsplit(" ", 1)
            family, given = (parts[1], parts[0]) if len(parts) == 2 else (parts[0], "")
            lines.append(f"N:{_vcard_escape(family)};{_vcard_escape(given)};;;")
        else:
            lines.append("KIND:org")
            lines.append("FN:" + _vcard_escape(c.organisation))
        if c.organisation:
            lines.append("ORG:" + _vcard_escape(c.organisation))
        if c.role:
            lines.append("TITLE:" + _vcard_escape(c.role))
        if c.email:
            lines.append("EMAIL:" + _vcard_escape(c.email))
        if c.phone:
            lines.append("TEL;VALUE=uri:tel:" + re.sub(r"[^\d+]", "", c.phone))
        if c.street or c.town:
            lines.append(
                f"ADR:;;{_vcard_escape(c.street)};{_vcard_escape(c.town)};;{_vcard_escape(c.postcode)};"
            )
        lines.append("END:VCARD")
        cards.append("\r\n".join(_fold(line) for line in lines))
    return ("\r\n".join(cards) + "\r\n").encode("utf-8")
