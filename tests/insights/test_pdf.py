"""The annual report of a demo quarter as PDF: rendered to PNG pages with pdftoppm, its text read with
pdftotext, with every section title and three figures the test counts itself from the database."""

import re
import subprocess

import pytest

from quartierwerk.core import clock, demo
from quartierwerk.fund.models import Application
from quartierwerk.insights import services
from quartierwerk.insights.models import AnnualReport, ContactLogEntry
from quartierwerk.insights.pdf import report_pdf
from quartierwerk.reports.models import Report

pytestmark = pytest.mark.django_db


def _public(n: int) -> str:
    return "weniger als 3" if n < 3 else str(n)


def test_the_annual_report_pdf_of_a_demo_quarter(tmp_path):
    demo.load()
    year = clock.today().year
    report = AnnualReport.objects.get(quarter__slug="gruenau", year=year, kind="public")
    quarter = report.quarter
    report = services.generate(report.pk)
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf(report))

    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(p.read_bytes().startswith(b"\x89PNG") for p in pages)

    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    for title in (
        f"Jahresbericht (öffentlich) {year}",
        "Einleitung",
        "Höhepunkte",
        "Meldungen",
        "Verfügungsfonds",
        "Beteiligung",
        "Veranstaltungen",
        "Netzwerk",
        "Anlaufstelle",
        "Ausblick",
    ):
        assert title in text, title
    assert report.introduction[:40] in " ".join(text.split())

    contacts = ContactLogEntry.objects.filter(quarter=quarter, day__year=year).count()
    received = Report.objects.filter(quarter=quarter, created_at__year=year).count()
    applications = (
        Application.objects.filter(quarter=quarter, fund__year=year).exclude(status="draft").count()
    )
    assert contacts > 3
    for label, expected in (
        ("Kontakte in der Anlaufstelle", contacts),
        ("Meldungen eingegangen", received),
        ("Anträge", applications),
    ):
        assert re.search(rf"^\s*{re.escape(label)}\s+{re.escape(_public(expected))}\s*$", text, re.M), (
            label,
            expected,
        )
    # The team's hours are internal: never in the public report.
    assert "Stunden:" not in text
