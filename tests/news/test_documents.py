"""The document library: public and internal documents, versions, search, uploads checked by their content."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quartierwerk.core.errors import DomainError
from quartierwerk.news import documents
from quartierwerk.news.models import Document

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _pdf(name="konzept.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def office(user_with_role, login_as):
    user = user_with_role("staff")
    login_as(user)
    return user


def test_the_office_publishes_a_concept_and_a_new_version(client, quarter, office):
    response = client.post(
        reverse("news:staff_document_new", args=[quarter.slug]),
        {
            "title": "Beteiligungskonzept",
            "category": "concept",
            "description": "Wie wir beteiligen",
            "is_public": "on",
            "file": _pdf(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    document = Document.objects.get()
    client.post(
        reverse("news:staff_document_version", args=[document.pk]),
        {"file": _pdf("v2.pdf"), "note": "Korrektur"},
    )
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    client.logout()
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Korrektur" in page
    version = document.versions.get(number=1)
    file = client.get(reverse("news:document_file", args=[document.pk, version.pk]))
    assert file.status_code == 200 and file["Content-Type"] == "application/pdf"


def test_internal_documents_are_for_the_office_only(client, quarter, office):
    internal = documents.add_document(
        by=office, quarter=quarter, title="Protokoll Steuerungsrunde", category="minutes", file=_pdf()
    )
    assert client.get(internal.get_absolute_url()).status_code == 200
    assert (
        "Protokoll Steuerungsrunde"
        in client.get(reverse("news:staff_documents", args=[quarter.slug])).content.decode()
    )
    client.logout()
    assert client.get(internal.get_absolute_url()).status_code == 404
    assert (
        "Protokoll Steuerungsrunde"
        not in client.get(reverse("news:documents", args=[quarter.slug])).content.decode()
    )


def test_search_finds_title_and_description(client, quarter, office):
    documents.add_document(
        by=office,
        quarter=quarter,
        title="Jahresbericht 2025",
        category="report",
        file=_pdf(),
        is_public=True,
        description="Sommerfest und Spielplatz",
    )
    documents.add_document(
        by=office, quarter=quarter, title="Flyer Hoffest", category="flyer", file=_pdf(), is_public=True
    )
    url = reverse("news:documents", args=[quarter.slug])
    found = client.get(url, {"q": "Spielplatz"}).content.decode()
    assert "Jahresbericht 2025" in found and "Flyer Hoffest" not in found
    by_category = client.get(url, {"category": "flyer"}).content.decode()
    assert "Flyer Hoffest" in by_category and "Jahresbericht 2025" not in by_category


def test_a_file_that_is_not_what_it_claims_is_refused(quarter, office):
    fake = SimpleUploadedFile("bericht.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    with pytest.raises(DomainError):
        documents.add_document(by=office, quarter=quarter, title="X", category="report", file=fake)
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    "role, allowed",
    [("resident", False), ("staff_other_quarter", False), ("city_staff", False), ("admin", True)],
)
def test_who_adds_documents(role, allowed, user_with_role, quarter):
    user = user_with_role(role)
    if allowed:
        assert documents.add_document(by=user, quarter=quarter, title="X", category="other", file=_pdf())
    else:
        with pytest.raises(DomainError):
            documents.add_document(by=user, quarter=quarter, title="X", category="other", file=_pdf())
