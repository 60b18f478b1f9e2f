"""Contact exports in both CSV dialects, and imports that read both (the one writer and reader in core)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quartierwerk.actors import transfer
from quartierwerk.actors.models import Organisation
from quartierwerk.core import exports

from .conftest import make_org

HEADER = ["name", "kind", "topics", "lat", "lon", "email", "public"]
ROWS = [
    ["Treff; Ecke", "initiative", "youth, culture", 51.3125, 12.375, "t@example.org", "ja"],
    ["Kita Sonne", "daycare", "", "", "", "", ""],
]


@pytest.mark.django_db
@pytest.mark.parametrize("dialect", exports.DIALECTS)
def test_import_reads_what_either_dialect_wrote(quarter, staff, dialect):
    data = exports.csv_bytes(HEADER, ROWS, dialect)
    assert data.startswith(b"\xef\xbb\xbf") is (dialect == exports.EXCEL_DE)
    if dialect == exports.EXCEL_DE:
        assert b"51,3125" in data, "the German file writes a decimal comma"
    batch = transfer.parse_upload(by=staff, quarter=quarter, uploaded=SimpleUploadedFile("a.csv", data))
    assert not batch.errors, batch.errors
    transfer.run_import(by=staff, batch=batch)
    treff = Organisation.objects.get(name="Treff; Ecke")
    assert (treff.lat, treff.lon, treff.topics) == (51.3125, 12.375, ["youth", "culture"])
    assert Organisation.objects.filter(name="Kita Sonne", kind="daycare").exists()


@pytest.mark.django_db
def test_contact_export_in_both_dialects_guards_formulas(client, login_as, quarter, staff):
    make_org(quarter, name='=HYPERLINK("x")', email="org@example.org")
    login_as(staff)
    url = reverse("actors:staff_export", args=[quarter.slug, "csv"])
    german = client.get(url).content
    assert german.startswith(b"\xef\xbb\xbf")
    rows = exports.read_csv(german)
    assert rows[0][:4] == ["name", "organisation", "role", "email"]
    assert german.decode("utf-8-sig").splitlines()[0].startswith("name;organisation;")
    assert any(r[1].startswith("'=HYPERLINK") for r in rows[1:])
    machine = client.get(url, {"format": "csv-rfc4180"}).content
    assert not machine.startswith(b"\xef\xbb\xbf")
    assert machine.decode("utf-8").splitlines()[0].startswith("name,organisation,")
    assert any(r[1].startswith("'=HYPERLINK") for r in exports.read_csv(machine)[1:])
