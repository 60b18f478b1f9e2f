"""The readable summary of an export names each field as the person reads it, in their language, and comes
as HTML and as PDF inside the ZIP."""

import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from quartierwerk.core import privacy_services
from quartierwerk.core.models import User
from quartierwerk.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def _zip_for(quarter, language):
    user = User.objects.create_user(
        email="ada@test.example", password="x-long-password-1", display_name="Ada Beispiel"
    )
    User.objects.filter(pk=user.pk).update(preferred_language=language)
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        city=quarter.city,
        quarter=quarter,
        title="Hoffest",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    Registration.objects.create(
        event=event, user=user, name="Ada Beispiel", email=user.email, status="confirmed"
    )
    return zipfile.ZipFile(io.BytesIO(privacy_services.build_zip(privacy_services.for_user(user))))


def _terms(html: str) -> list[str]:
    return re.findall(r"<dt>([^<]*)</dt>", html)


def test_summary_shows_verbose_names_in_german(quarter):
    archive = _zip_for(quarter, "de")
    html = archive.read("summary.html").decode()
    terms = _terms(html)
    assert "E-Mail" in terms and "Nummer" in terms
    assert "email" not in terms and "display_name" not in terms and "id" not in terms
    assert 'lang="de"' in html
    assert '"email"' in archive.read("data.json").decode()  # the machine-readable copy keeps the field names


def test_summary_shows_verbose_names_in_english_for_an_english_account(quarter):
    terms = _terms(_zip_for(quarter, "en").read("summary.html").decode())
    assert "e-mail" in terms and "Number" in terms and "E-Mail" not in terms


def test_summary_is_also_a_pdf_in_the_zip(quarter):
    from pypdf import PdfReader

    data = _zip_for(quarter, "de").read("summary.pdf")
    assert data.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Ada Beispiel" in text and "E-Mail" in text
