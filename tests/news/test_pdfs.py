"""A post as a press release and as an A4 poster: both name who is responsible for content and carry the
funders' marks; the poster's QR code, read back from a picture of the printed page, leads to the post."""

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quartierwerk.core import pdf
from quartierwerk.core.models import ResponsibleParty
from quartierwerk.news import pdfs

from .conftest import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(quarter):
    quarter.funders = ["staedtebaufoerderung", "eu"]
    quarter.save()
    ResponsibleParty.objects.create(
        city=quarter.city,
        kind="city",
        name="Stadt Leipzig",
        content_responsible="Erika Beispiel, Pressestelle",
    )
    return make_post(
        quarter,
        title="Sommerfest im Rabet",
        teaser="Alle sind eingeladen.",
        embargo_until=timezone.now() + timedelta(days=1),
    )


def test_the_press_release_names_the_editor_the_embargo_and_the_funders(post):
    text = pdf.pdf_text("news/pdf/press_release.html", pdfs._context(post))
    assert "Sommerfest im Rabet" in text and "V.i.S.d.P.: Erika Beispiel, Pressestelle" in text
    assert "Sperrfrist" in text or "Embargo" in text
    assert "Gefördert" in text or "Funded by" in text
    assert pdfs.press_release(post).startswith(b"%PDF")


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_the_posters_qr_code_decodes_to_the_posts_url(post, tmp_path):
    import zxingcpp
    from PIL import Image

    (tmp_path / "poster.pdf").write_bytes(pdfs.poster(post))
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "150",
            "-singlefile",
            str(tmp_path / "poster.pdf"),
            str(tmp_path / "poster"),
        ],
        check=True,
    )
    found = zxingcpp.read_barcodes(Image.open(tmp_path / "poster.png"))
    assert [code.text for code in found] == [pdfs.post_url(post)]
    assert pdfs.post_url(post).endswith(reverse("news:post", args=[post.pk]))
    text = pdf.pdf_text("news/pdf/poster.html", {**pdfs._context(post), "qr": ""})
    assert "V.i.S.d.P.: Erika Beispiel, Pressestelle" in text


def test_the_office_downloads_both_and_others_may_not(client, post, user_with_role, login_as):
    for kind in ("press", "poster"):
        url = reverse("news:staff_pdf", args=[post.pk, kind])
        login_as(user_with_role("resident"))
        assert client.get(url).status_code in (302, 403)
        login_as(user_with_role("staff"))
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
