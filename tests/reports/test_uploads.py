"""Uploaded photos: GPS data gone after upload; files that only pretend to be images are refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from quartierwerk.core.errors import DomainError
from quartierwerk.reports import services
from quartierwerk.reports.models import Report, ReportPhoto

from .conftest import LAT, LON, html_as_jpg, jpeg_with_gps, png_file


def test_exif_gps_is_gone_after_upload(quarter, category):
    upload = jpeg_with_gps()
    original = Image.open(io.BytesIO(upload.read()))
    assert original.getexif().get_ifd(0x8825), "the test photo really carries GPS data"
    upload.seek(0)
    report = services.create_report(
        quarter=quarter, category=category, description="Laterne", lat=LAT, lon=LON, photos=[upload]
    )
    photo = report.photos.get()
    with photo.image.open("rb") as fh:
        data = fh.read()
    stored = Image.open(io.BytesIO(data))
    assert stored.format == "JPEG"
    assert not stored.getexif().get_ifd(0x8825)
    assert 0x010F not in stored.getexif()
    assert b"PhoneMaker" not in data and b"GPS" not in data


def test_photo_served_to_the_browser_has_no_gps(client, quarter, category):
    client.post(
        f"/q/{quarter.slug}/reports/new/{category.code}/",
        {"lat": LAT, "lon": LON, "description": "Laterne", "photos": [jpeg_with_gps()]},
    )
    photo = ReportPhoto.objects.get()
    photo.review, photo.is_public = "approved", True
    photo.save()
    response = client.get(f"/reports/photos/{photo.pk}/")
    body = b"".join(response.streaming_content)
    assert not Image.open(io.BytesIO(body)).getexif().get_ifd(0x8825)
    assert response["X-Content-Type-Options"] == "nosniff"


def test_disguised_html_named_jpg_is_refused_with_a_clear_message(quarter, category):
    with pytest.raises(DomainError) as exc:
        services.create_report(
            quarter=quarter, category=category, description="x", lat=LAT, lon=LON, photos=[html_as_jpg()]
        )
    assert "foto.jpg" in str(exc.value) and "text/html" in str(exc.value)
    assert Report.objects.count() == 0


def test_pdf_and_oversize_files_are_refused(quarter, category, settings):
    pdf = SimpleUploadedFile(
        "plan.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", content_type="image/jpeg"
    )
    with pytest.raises(DomainError, match="not an accepted file"):
        services.clean_photos([pdf])
    big = SimpleUploadedFile("gross.png", b"\x89PNG" + b"0" * (services.MAX_PHOTO_BYTES + 10))
    with pytest.raises(DomainError, match="too large"):
        services.clean_photos([big])


def test_png_is_accepted(quarter, category):
    report = services.create_report(
        quarter=quarter, category=category, description="x", lat=LAT, lon=LON, photos=[png_file()]
    )
    assert report.photos.get().content_type in ("image/jpeg", "image/png")


def _files_under(root) -> list:
    import os

    return [os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files]


def test_photo_stored_before_a_failure_in_the_transaction_leaves_no_file(
    quarter, category, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = str(tmp_path)

    def mail_server_gone(*args, **kwargs):
        raise RuntimeError("the outbox could not be written")

    monkeypatch.setattr(services.intake, "queue_templated_mail", mail_server_gone)
    with pytest.raises(RuntimeError):
        services.create_report(
            quarter=quarter,
            category=category,
            description="Laterne",
            lat=LAT,
            lon=LON,
            email="erika@test.example",
            photos=[jpeg_with_gps(), png_file()],
        )
    assert not Report.objects.exists() and not ReportPhoto.objects.exists()
    assert _files_under(tmp_path) == []


def test_worker_stopped_after_storing_a_reporters_photo_leaves_no_file(
    report, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = str(tmp_path)

    def timeout(*args, **kwargs):
        raise SystemExit(1)  # what gunicorn's worker timeout raises inside the request

    monkeypatch.setattr(services.answers, "_add_update", timeout)
    with pytest.raises(SystemExit):
        services.add_reporter_info(report=report, text="Noch ein Foto", photos=[jpeg_with_gps()])
    assert not ReportPhoto.objects.exists()
    assert _files_under(tmp_path) == []


def test_photo_of_a_committed_report_stays(quarter, category, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    services.create_report(
        quarter=quarter, category=category, description="Laterne", lat=LAT, lon=LON, photos=[png_file()]
    )
    assert len(_files_under(tmp_path)) == 1
