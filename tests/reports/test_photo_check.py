"""Residents' photos wait for a staff check: held back, or shown blurred, as the quarter's office chooses."""

import io

import pytest
from django.urls import reverse
from PIL import Image, ImageStat

from quartierwerk.core.errors import NotAllowed
from quartierwerk.reports import services
from quartierwerk.reports.models import PhotoSettings, ReportPhoto

from ..conftest import permission_matrix
from .conftest import LAT, LON, jpeg_with_gps


def _sharp_jpeg():
    """A photo with hard black and white stripes: blurring it shows in its contrast."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    img = Image.new("RGB", (400, 300), "white")
    for x in range(0, 400, 20):
        img.paste((0, 0, 0), (x, 0, x + 10, 300))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=95)
    return SimpleUploadedFile("streifen.jpg", out.getvalue(), content_type="image/jpeg")


def _new_report(quarter, category, photo=None):
    return services.create_report(
        quarter=quarter,
        category=category,
        description="Laterne",
        lat=LAT,
        lon=LON,
        email="anna@test.example",
        photos=[photo or jpeg_with_gps()],
    )


EN = {"accept-language": "en"}


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _contrast(data: bytes) -> float:
    return ImageStat.Stat(Image.open(io.BytesIO(data)).convert("L")).stddev[0]


def test_an_unchecked_photo_is_nowhere_public_where_the_office_holds_photos(client, quarter, category):
    report = _new_report(quarter, category)
    photo = report.photos.get()
    assert photo.review == "pending" and not photo.is_public and not photo.blurred
    url = reverse("reports:photo", args=[photo.pk])
    assert client.get(url).status_code == 404
    assert client.get(f"{url}?t={report.follow_token}").status_code == 404
    assert url not in client.get(reverse("reports:detail", args=[quarter.slug, report.pk])).content.decode()
    assert client.get(f"/api/v1/reports/{report.pk}").json()["photos"] == []
    assert client.get(f"/open311/v2/requests/{report.pk}.json").json()[0]["media_url"] == ""
    assert url not in client.get(f"/api/v1/reports/geojson?quarter={quarter.slug}").content.decode()
    assert url not in client.get(reverse("reports:geojson", args=[quarter.slug])).content.decode()


def test_after_approval_the_original_is_public_everywhere(client, quarter, category, user_with_role):
    report = _new_report(quarter, category)
    photo = services.set_photo_public(photo=report.photos.get(), by=user_with_role("staff"), public=True)
    assert photo.review == "approved" and photo.reviewed_by and photo.reviewed_at
    url = reverse("reports:photo", args=[photo.pk])
    assert client.get(url).status_code == 200
    assert url in client.get(reverse("reports:detail", args=[quarter.slug, report.pk])).content.decode()
    assert client.get(f"/api/v1/reports/{report.pk}").json()["photos"] == [url]
    assert client.get(f"/open311/v2/requests/{report.pk}.json").json()[0]["media_url"].endswith(url)


def test_a_rejected_photo_stays_private(client, quarter, category, user_with_role, login_as):
    report = _new_report(quarter, category)
    photo = services.set_photo_public(photo=report.photos.get(), by=user_with_role("staff"), public=False)
    assert photo.review == "rejected"
    url = reverse("reports:photo", args=[photo.pk])
    assert client.get(url).status_code == 404
    login_as(user_with_role("staff"))
    assert client.get(url).status_code == 200


def test_where_the_office_blurs_the_public_sees_only_a_blurred_copy(
    client, quarter, category, user_with_role, login_as
):
    services.set_photo_mode(quarter=quarter, by=user_with_role("staff"), mode="blur")
    report = _new_report(quarter, category, photo=_sharp_jpeg())
    photo = report.photos.get()
    assert photo.blurred and photo.review == "pending" and not photo.is_public
    with photo.image.open("rb") as fh:
        original = fh.read()
    url = reverse("reports:photo", args=[photo.pk])
    public = client.get(url)
    assert public.status_code == 200 and public["Content-Type"] == "image/jpeg"
    assert public["Cache-Control"] == "no-cache"
    blurred = _body(public)
    assert blurred != original
    assert _contrast(blurred) < _contrast(original) / 3
    assert Image.open(io.BytesIO(blurred)).size == Image.open(io.BytesIO(original)).size
    # The page, the API and Open311 point at the address that serves the blurred copy.
    assert url in client.get(reverse("reports:detail", args=[quarter.slug, report.pk])).content.decode()
    assert client.get(f"/api/v1/reports/{report.pk}").json()["photos"] == [url]
    assert client.get(f"/open311/v2/requests/{report.pk}.json").json()[0]["media_url"].endswith(url)
    # The office sees the original.
    staff_client = login_as(user_with_role("staff"), client.__class__())
    assert _body(staff_client.get(url)) == original
    # Approved, the same address serves the original to everyone.
    services.set_photo_public(photo=photo, by=user_with_role("staff"), public=True)
    assert _body(client.get(url)) == original


def test_the_database_refuses_a_public_photo_nobody_approved(quarter, category):
    from django.db import IntegrityError, transaction

    photo = _new_report(quarter, category).photos.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportPhoto.objects.filter(pk=photo.pk).update(is_public=True)


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": False,
        "city_staff_other_city": False,
        "admin": True,
    }
)
def test_who_may_check_photos(role, allowed, client, quarter, category, user_with_role, login_as):
    photo = _new_report(quarter, category).photos.get()
    user = user_with_role(role)
    login_as(user)
    queue = reverse("reports:photo_checks", args=[quarter.slug])
    page = client.get(queue)
    assert (page.status_code == 200) is allowed
    response = client.post(queue, {"photo": photo.pk, "decision": "approve"})
    photo.refresh_from_db()
    assert (photo.review == "approved") is allowed
    assert (
        response.status_code == 302 if allowed or role == "anonymous" else response.status_code in (403, 404)
    )
    client.post(queue, {"mode": "blur"})
    assert (PhotoSettings.mode_of(quarter.pk) == "blur") is allowed
    if role != "anonymous":
        if not allowed:
            with pytest.raises(NotAllowed):
                services.set_photo_public(photo=photo, by=user, public=True)
            with pytest.raises(NotAllowed):
                services.set_photo_mode(quarter=quarter, by=user, mode="blur")


def test_staff_of_another_quarter_cannot_check_through_their_own_queue(
    client, quarter, other_quarter, category, user_with_role, login_as
):
    photo = _new_report(quarter, category).photos.get()
    login_as(user_with_role("staff_other_quarter"))
    response = client.post(
        reverse("reports:photo_checks", args=[other_quarter.slug]), {"photo": photo.pk, "decision": "approve"}
    )
    assert response.status_code == 404
    photo.refresh_from_db()
    assert photo.review == "pending"


def test_the_queue_lists_unchecked_photos_at_a_fixed_cost(
    client, quarter, category, user_with_role, login_as, django_assert_num_queries
):
    staff = user_with_role("staff")
    login_as(staff)
    queue = reverse("reports:photo_checks", args=[quarter.slug])
    _new_report(quarter, category)
    client.get(queue)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        page = client.get(queue).content.decode()
    assert "1 Foto wartet" in page or "1 photo waits" in page
    for _ in range(5):
        _new_report(quarter, category)
    checked = _new_report(quarter, category).photos.get()
    services.set_photo_public(photo=checked, by=staff, public=True)
    with CaptureQueriesContext(connection) as many:
        page = client.get(queue).content.decode()
    assert len(many) == len(few)
    assert page.count('name="decision" value="approve"') == 6


def test_a_bad_mode_is_refused_with_a_clear_message(quarter, user_with_role):
    from quartierwerk.core.errors import DomainError

    with pytest.raises(DomainError, match="unchecked photos"):
        services.set_photo_mode(quarter=quarter, by=user_with_role("staff"), mode="show")


@permission_matrix(
    {
        "anonymous": 401,
        "resident": 404,
        "actor_representative": 404,
        "award_team": 404,
        "staff": 200,
        "staff_other_quarter": 404,
        "city_staff": 403,
        "city_staff_other_city": 404,
        "admin": 200,
    }
)
def test_the_api_checks_photos_with_the_same_rule(
    role, allowed, client, quarter, category, user_with_role, login_as
):
    photo = _new_report(quarter, category).photos.get()
    login_as(user_with_role(role))
    response = client.post(
        f"/api/v1/reports/photos/{photo.pk}/check", {"approve": True}, content_type="application/json"
    )
    assert response.status_code == allowed
    photo.refresh_from_db()
    assert (photo.review == "approved") is (allowed == 200)
    if allowed == 200:
        assert response.json() == {
            "id": photo.pk,
            "report": photo.report_id,
            "review": "approved",
            "public": True,
        }


def test_the_photo_check_endpoint_is_in_the_openapi_schema(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/reports/photos/{photo_id}/check"]


def test_the_reporter_is_told_a_held_photo_arrived_and_waits_for_the_check(client, quarter, category):
    report = _new_report(quarter, category)
    page = client.get(reverse("reports:follow", args=[report.follow_token]), headers=EN).content.decode()
    assert "Your photo has arrived. It will be shown once the office has checked it." in page
    ReportPhoto.objects.filter(report=report).update(review=ReportPhoto.Review.REJECTED)
    page = client.get(reverse("reports:follow", args=[report.follow_token]), headers=EN).content.decode()
    assert "has arrived" not in page


def test_the_report_form_says_how_photos_appear_in_this_quarter(client, quarter, category, user_with_role):
    url = reverse("reports:new", args=[quarter.slug, category.code])
    assert "photos are shown once the office has checked them" in client.get(url, headers=EN).content.decode()
    services.set_photo_mode(quarter=quarter, by=user_with_role("staff"), mode="blur")
    assert (
        "photos are shown blurred until the office has checked them"
        in client.get(url, headers=EN).content.decode()
    )
