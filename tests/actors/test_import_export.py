"""Import from CSV/XLSX with preview and per-row errors; export as CSV, XLSX and vCard."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quartierwerk.actors import transfer
from quartierwerk.actors.models import GroupMembership, ImportBatch, Organisation
from quartierwerk.core.errors import DomainError, NotAllowed

from .conftest import make_org, make_person

HEADER = [
    "name",
    "kind",
    "topics",
    "languages",
    "offers",
    "street",
    "postcode",
    "town",
    "lat",
    "lon",
    "email",
    "public",
]


def _csv(rows, header=HEADER, delimiter=";") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _big_file():
    """5,000 data rows; every 100th row (line numbers 101, 201, …) is bad in a different way."""
    rows, bad_lines = [], []
    for i in range(5000):
        line = i + 2
        row = [
            f"Verein Nummer {i}",
            "association",
            "youth;culture",
            "de,ar",
            "rooms",
            f"Weg {i}",
            "04209",
            "Leipzig",
            "51.3",
            "12.3",
            f"v{i}@example.org",
            "ja",
        ]
        if i % 100 == 99:
            kind = (i // 100) % 5
            if kind == 0:
                row[0] = ""  # no name
            elif kind == 1:
                row[10] = "keine-mail"
            elif kind == 2:
                row[1] = "raumschiff"
            elif kind == 3:
                row[8] = "nördlich"
            else:
                row[3] = "klingonisch"
            bad_lines.append(line)
        rows.append(row)
    return _csv(rows), bad_lines


@pytest.mark.django_db
def test_5000_row_csv_imports_good_rows_reports_bad_lines_and_creates_no_duplicates_twice(quarter, staff):
    data, bad_lines = _big_file()
    upload = SimpleUploadedFile("verzeichnis.csv", data, content_type="text/csv")
    batch = transfer.parse_upload(by=staff, quarter=quarter, uploaded=upload)
    assert [e["line"] for e in batch.errors] == bad_lines
    assert len(batch.rows) == 5000 - len(bad_lines)
    assert Organisation.objects.count() == 0, "the preview writes nothing"
    messages = {e["line"]: " ".join(e["messages"]) for e in batch.errors}
    assert "name" in messages[bad_lines[0]].lower() or "Name" in messages[bad_lines[0]]
    assert "keine-mail" in messages[bad_lines[1]]
    assert "raumschiff" in messages[bad_lines[2]]

    result = transfer.run_import(by=staff, batch=batch)
    assert result == {"created": 4950, "updated": 0, "failed": 50}
    assert Organisation.objects.filter(quarter=quarter).count() == 4950
    org = Organisation.objects.get(slug="verein-nummer-0")
    assert org.topics == ["youth", "culture"] and org.languages == ["de", "ar"] and org.is_listed

    again = transfer.parse_upload(
        by=staff,
        quarter=quarter,
        uploaded=SimpleUploadedFile("verzeichnis.csv", data, content_type="text/csv"),
    )
    assert transfer.run_import(by=staff, batch=again) == {"created": 0, "updated": 4950, "failed": 50}
    assert Organisation.objects.filter(quarter=quarter).count() == 4950
    # The imported rows are searchable through the index at once.
    from quartierwerk.actors import selectors

    assert selectors.public_organisations(quarter, selectors.DirectoryFilter(q="Nummer 4321")).count() == 1


@pytest.mark.django_db
def test_import_rejects_duplicates_in_the_file_and_keeps_the_first(quarter, staff):
    data = _csv(
        [
            ["Kita Sonne", "daycare", "", "", "", "", "", "", "", "", "", ""],
            ["Kita  Sonne", "daycare", "", "", "", "", "", "", "", "", "", ""],
        ]
    )
    batch = transfer.parse_upload(by=staff, quarter=quarter, uploaded=SimpleUploadedFile("k.csv", data))
    assert [r["line"] for r in batch.rows] == [2]
    assert batch.errors[0]["line"] == 3 and "2" in batch.errors[0]["messages"][0]


@pytest.mark.django_db
def test_import_strips_html_and_neutralises_nothing_else(quarter, staff):
    data = _csv(
        [
            [
                "<b>Treff</b><script>alert(1)</script>",
                "Initiative",
                "Jugend",
                "Arabisch",
                "Beratung",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        ]
    )
    batch = transfer.parse_upload(by=staff, quarter=quarter, uploaded=SimpleUploadedFile("x.csv", data))
    assert not batch.errors, batch.errors
    transfer.run_import(by=staff, batch=batch)
    org = Organisation.objects.get()
    assert org.name == "Treff"
    assert (org.kind, org.topics, org.languages, org.offers) == (
        "initiative",
        ["youth"],
        ["ar"],
        ["counselling"],
    )


@pytest.mark.django_db
def test_xlsx_import_with_german_headers(quarter, staff):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Name", "Art", "Sprachen", "E-Mail", "Öffentlich"])
    ws.append(["Moschee-Verein", "religious_community", "ar;tr", "info@moschee.example", "ja"])
    ws.append(["Ohne Mail", "school", "de", "kaputt@", "vielleicht"])
    out = io.BytesIO()
    wb.save(out)
    batch = transfer.parse_upload(
        by=staff, quarter=quarter, uploaded=SimpleUploadedFile("a.xlsx", out.getvalue())
    )
    assert [r["line"] for r in batch.rows] == [2]
    assert batch.errors[0]["line"] == 3 and len(batch.errors[0]["messages"]) == 2


@pytest.mark.django_db
def test_disguised_or_unreadable_files_are_refused_with_a_message(quarter, staff):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    with pytest.raises(DomainError, match="erlaubte Datei"):
        transfer.parse_upload(by=staff, quarter=quarter, uploaded=SimpleUploadedFile("liste.csv", png))
    with pytest.raises(DomainError):
        transfer.parse_upload(
            by=staff, quarter=quarter, uploaded=SimpleUploadedFile("leer.csv", b"a;b\n1;2\n")
        )
    assert ImportBatch.objects.count() == 0


@pytest.mark.django_db
def test_import_pages_preview_then_run(client, login_as, quarter, staff):
    login_as(staff)
    data = _csv(
        [
            ["Treff A", "initiative", "", "", "", "", "", "", "", "", "", ""],
            ["", "initiative", "", "", "", "", "", "", "", "", "", ""],
        ]
    )
    response = client.post(
        reverse("actors:staff_import", args=[quarter.slug]), {"file": SimpleUploadedFile("t.csv", data)}
    )
    batch = ImportBatch.objects.get()
    assert response.url == reverse("actors:staff_import_preview", args=[quarter.slug, batch.pk])
    page = client.get(response.url).content.decode()
    assert "Treff A" in page and "<td>3</td>" in page
    client.post(response.url, {"action": "run"})
    assert Organisation.objects.filter(name="Treff A").exists()
    again = client.post(response.url, {"action": "run"}, follow=True)
    assert Organisation.objects.count() == 1 and "bereits" in again.content.decode()


@pytest.mark.django_db
def test_resident_may_not_import(quarter, user_with_role):
    with pytest.raises(NotAllowed):
        transfer.parse_upload(
            by=user_with_role("resident"), quarter=quarter, uploaded=SimpleUploadedFile("a.csv", b"name\nA\n")
        )


@pytest.mark.django_db
def test_group_contact_list_exports_csv_xlsx_vcard(client, login_as, quarter, group, staff):
    org = make_org(quarter, name='=HYPERLINK("x")', email="org@example.org")
    person = make_person(quarter, first="Jörg", last="Müller-Lüdenscheidt", email="joerg@example.org")
    no_invites = make_person(
        quarter, first="Nur", last="Verzeichnis", email="nur@example.org", purposes=("directory",)
    )
    for member in ({"organisation": org}, {"person": person}, {"person": no_invites}):
        GroupMembership.objects.create(group=group, **member)
    login_as(staff)
    base = (quarter.slug, group.pk)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("actors:staff_group_contacts", args=[*base, "csv"])).content.decode(
                    "utf-8-sig"
                )
            ),
            delimiter=";",
        )
    )
    assert rows[0][:4] == ["name", "organisation", "role", "email"]
    emails = {r[3] for r in rows[1:]}
    assert emails == {"org@example.org", "joerg@example.org"}, (
        "persons without consent for invitations are left out"
    )
    assert any(r[1].startswith("'=") for r in rows[1:]), "formulas are neutralised"
    from openpyxl import load_workbook

    xlsx = client.get(reverse("actors:staff_group_contacts", args=[*base, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 3
    vcf = client.get(reverse("actors:staff_group_contacts", args=[*base, "vcf"]))
    assert vcf["Content-Type"].startswith("text/vcard")
    text = vcf.content.decode()
    assert text.count("BEGIN:VCARD") == 2 and "FN:Jörg Müller-Lüdenscheidt" in text and "\r\n" in text
    assert client.get(reverse("actors:staff_group_contacts", args=[*base, "exe"])).status_code == 404


@pytest.mark.django_db
def test_saved_filter_export(client, login_as, quarter, staff):
    make_org(quarter, name="Jugendclub", kind="youth_facility", email="jc@example.org")
    make_org(quarter, name="Schule", kind="school", email="s@example.org")
    login_as(staff)
    client.post(
        reverse("actors:staff_save_filter", args=[quarter.slug]),
        {"name": "Alle Jugendeinrichtungen", "kind": "youth_facility"},
    )
    from quartierwerk.actors.models import SavedFilter

    saved = SavedFilter.objects.get()
    assert saved.params == {"kind": "youth_facility"}
    body = client.get(
        reverse("actors:staff_export", args=[quarter.slug, "csv"]) + f"?saved={saved.pk}"
    ).content.decode()
    assert "jc@example.org" in body and "s@example.org" not in body
    dup = client.post(
        reverse("actors:staff_save_filter", args=[quarter.slug]),
        {"name": "Alle Jugendeinrichtungen"},
        follow=True,
    )
    assert SavedFilter.objects.count() == 1 and "existiert" in dup.content.decode()
