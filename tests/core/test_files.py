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


def big_png(width: int, height: int) -> bytes:
    """A grey PNG of this size built row by row, so the test never holds the decoded pixels itself."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    packer = zlib.compressobj()
    row = b"\x00" * (width + 1)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_forty_megapixel_png_is_refused_before_decoding(monkeypatch):
    from PIL import ImageFile

    raw = big_png(8000, 5000)
    assert len(raw) < 1_000_000, "the fixture is small on the wire, like the attack"
    decoded = []
    original_load = ImageFile.ImageFile.load
    monkeypatch.setattr(
        ImageFile.ImageFile, "load", lambda self: decoded.append(self.size) or original_load(self)
    )
    with pytest.raises(UploadRejected) as exc:
        clean_upload(SimpleUploadedFile("riesig.png", raw), kinds=("image",))
    assert decoded == [], "pixel data must not be decoded before the size is checked"
    assert exc.value.status == 413 and "megapixel" in str(exc.value).lower()


def test_image_just_over_the_limit_is_refused_by_pillows_guard_too():
    # Between the limit and twice it Pillow only warns; the warning must still be a refusal.
    from PIL import Image as PILImage

    from quartierwerk.core.files import MAX_IMAGE_PIXELS

    assert PILImage.MAX_IMAGE_PIXELS == MAX_IMAGE_PIXELS
    with pytest.raises(UploadRejected):
        clean_upload(SimpleUploadedFile("gross.png", big_png(5000, 3500)), kinds=("image",))


def test_twelve_megapixel_phone_photo_is_kept_downscaled_and_upright():
    img = Image.new("RGB", (4000, 3000), (90, 140, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the phone was held upright, the sensor stores it sideways
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=70, exif=exif)
    cleaned = clean_upload(
        SimpleUploadedFile("handy.jpg", out.getvalue()), kinds=("image",), max_bytes=10 * 1024 * 1024
    )
    with Image.open(io.BytesIO(cleaned.content.read())) as stored:
        assert stored.size == (1920, 2560)
        assert not stored.getexif()


def test_jpeg_comment_xmp_and_icc_do_not_survive_the_reencode():
    img = Image.new("RGB", (80, 60), (10, 200, 30))
    out = io.BytesIO()
    img.save(
        out,
        format="JPEG",
        comment=b"QW-COMMENT-Wohnung 3. OG links",
        xmp=b"<x:xmpmeta>QW-XMP-Autor Erika</x:xmpmeta>",
        icc_profile=b"QW-ICC-" + b"x" * 200,
    )
    raw = out.getvalue()
    assert b"QW-COMMENT" in raw and b"QW-XMP" in raw and b"QW-ICC" in raw
    stored = clean_upload(SimpleUploadedFile("kommentar.jpg", raw), kinds=("image",)).content.read()
    assert b"QW-COMMENT" not in stored
    assert b"QW-XMP" not in stored
    assert b"QW-ICC" not in stored
    assert b"\xff\xfe" not in stored.split(b"\xff\xda", 1)[0], "no COM segment before the scan"


def test_png_text_and_icc_do_not_survive_the_reencode():
    from PIL import PngImagePlugin

    img = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "QW-PNG-TEXT")
    out = io.BytesIO()
    img.save(out, format="PNG", pnginfo=info, icc_profile=b"QW-ICC-" + b"y" * 100)
    stored = clean_upload(SimpleUploadedFile("text.png", out.getvalue()), kinds=("image",)).content.read()
    assert b"QW-PNG-TEXT" not in stored and b"QW-ICC" not in stored


def test_files_of_a_rolled_back_inner_block_go_and_of_a_committed_one_stay(db, settings, tmp_path):
    from django.core.files.base import ContentFile

    from quartierwerk.core.files import atomic_with_files, store
    from quartierwerk.reports.models import ReportPhoto

    settings.MEDIA_ROOT = str(tmp_path)
    kept, dropped, outer_dropped = ReportPhoto(), ReportPhoto(), ReportPhoto()
    with atomic_with_files():
        store(kept.image, ContentFile(b"kept", name="kept.jpg"))
        with pytest.raises(ValueError), atomic_with_files():
            store(dropped.image, ContentFile(b"dropped", name="dropped.jpg"))
            raise ValueError
    assert kept.image.storage.exists(kept.image.name)
    assert not dropped.image.storage.exists(dropped.image.name)

    # A nested block that succeeded hands its files to the enclosing one, which then rolls back.
    with pytest.raises(ValueError), atomic_with_files():
        with atomic_with_files():
            store(outer_dropped.image, ContentFile(b"nested", name="nested.jpg"))
        raise ValueError
    assert not outer_dropped.image.storage.exists(outer_dropped.image.name)


def test_storing_outside_a_file_transaction_is_a_programming_error(db):
    from django.core.files.base import ContentFile

    from quartierwerk.core.files import store
    from quartierwerk.reports.models import ReportPhoto

    with pytest.raises(RuntimeError):
        store(ReportPhoto().image, ContentFile(b"x", name="x.jpg"))


def test_orphaned_upload_is_removed_by_the_daily_command(quarter, settings, tmp_path):
    import os
    import time

    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from quartierwerk.core.files import atomic_with_files, store
    from quartierwerk.reports.models import Category, Report, ReportPhoto

    settings.MEDIA_ROOT = str(tmp_path)
    two_days_ago = time.time() - 2 * 86400
    report = Report.objects.create(
        quarter=quarter, category=Category.objects.create(code="licht", name="Licht"), description="Laterne"
    )
    with atomic_with_files():
        photo = ReportPhoto(report=report, content_type="image/jpeg")
        store(photo.image, ContentFile(b"kept", name="kept.jpg"))
        photo.save()
    kept = tmp_path / photo.image.name
    old, recent = kept.parent / "killed.jpg", kept.parent / "uploading-now.jpg"
    old.write_bytes(b"left by a killed worker")
    recent.write_bytes(b"a transaction still running")
    for path in (kept, old):
        os.utime(path, (two_days_ago, two_days_ago))

    call_command("remove_orphan_files")
    assert not old.exists()
    assert kept.exists() and recent.exists()
