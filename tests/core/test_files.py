import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from quartierwerk.core.files import UploadRejected, clean_upload


def jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Kamera GmbH"  # Make
    gps = {1: "N", 2: (51.0, 19.0, 30.0), 3: "E", 4: (12.0, 16.0, 50.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_image_is_reencoded_without_exif_gps():
    raw = jpeg_with_gps()
    with Image.open(io.BytesIO(raw)) as original:
        assert original.getexif().get_ifd(0x8825), "the fixture must carry GPS data"
    cleaned = clean_upload(SimpleUploadedFile("lampe.jpg", raw, content_type="image/jpeg"), kinds=("image",))
    assert cleaned.content_type == "image/jpeg"
    data = cleaned.content.read()
    with Image.open(io.BytesIO(data)) as img:
        exif = img.getexif()
        assert not exif.get_ifd(0x8825)
        assert 0x010F not in exif
    assert b"Kamera GmbH" not in data
    assert cleaned.content.name.endswith(".jpg") and "lampe" not in cleaned.content.name


def test_html_disguised_as_jpeg_is_refused_with_clear_message():
    html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    with pytest.raises(UploadRejected) as exc:
        clean_upload(SimpleUploadedFile("foto.jpg", html, content_type="image/jpeg"), kinds=("image",))
    assert "foto.jpg" in str(exc.value) and "text/html" in str(exc.value)


def test_oversize_file_is_refused():
    with pytest.raises(UploadRejected) as exc:
        clean_upload(
            SimpleUploadedFile("gross.pdf", b"%PDF-1.4\n" + b"0" * 2000), kinds=("document",), max_bytes=1000
        )
    assert exc.value.status == 413


def test_pdf_is_accepted_as_document_but_not_as_image():
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    assert (
        clean_upload(SimpleUploadedFile("kostenplan.pdf", pdf), kinds=("document",)).content_type
        == "application/pdf"
    )
    with pytest.raises(UploadRejected):
        clean_upload(SimpleUploadedFile("kostenplan.pdf", pdf), kinds=("image",))


def test_broken_image_is_refused():
    fake = b"\xff\xd8\xff\xe0" + b"\x00" * 100
    with pytest.raises(UploadRejected):
        clean_upload(SimpleUploadedFile("kaputt.jpg", fake), kinds=("image",))


def test_empty_file_is_refused():
    with pytest.raises(UploadRejected):
        clean_upload(SimpleUploadedFile("leer.jpg", b""), kinds=("image",))


def test_png_with_transparency_stays_png():
    img = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    out = io.BytesIO()
    img.save(out, format="PNG")
    assert (
        clean_upload(SimpleUploadedFile("x.png", out.getvalue()), kinds=("image",)).content_type
        == "image/png"
    )
