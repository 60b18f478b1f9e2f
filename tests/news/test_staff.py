"""The office writes a post with an image, translations and an embargo, publishes it and takes it back."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from quartierwerk.core.errors import DomainError
from quartierwerk.core.models import AuditEntry
from quartierwerk.news import services
from quartierwerk.news.models import NewsPost

pytestmark = pytest.mark.django_db


def _jpeg() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(out, format="JPEG")
    return SimpleUploadedFile("fest.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def staff(user_with_role, login_as, quarter):
    quarter.city.languages = ["de", "ar", "uk"]
    quarter.city.save()
    user = user_with_role("staff")
    login_as(user)
    return user


def test_the_office_writes_publishes_and_takes_back_a_post(client, quarter, staff):
    when = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("news:staff_new", args=[quarter.slug]),
        {
            "title": "Sommerfest im Rabet",
            "teaser": "Alle sind eingeladen.",
            "body": "<p>Mit <em>Musik</em></p>",
            "topics": ["events", "neighbourhood"],
            "image": _jpeg(),
            "image_alt": "Bunte Lichterketten über der Wiese",
            "image_credit": "Foto: Stadtteilladen",
            "publish_at": when,
            "i18n_ar_title": "مهرجان الصيف",
            "i18n_uk_body": "<p>З <strong>музикою</strong><script>x</script></p>",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post = NewsPost.objects.get()
    assert post.status == "draft" and post.topics == ["neighbourhood", "events"]
    assert post.image and post.image_type == "image/jpeg"
    assert post.translations["ar"] == {"title": "مهرجان الصيف"}
    assert post.translations["uk"]["body"] == "<p>З <strong>музикою</strong></p>"
    assert client.get(reverse("news:post", args=[post.pk])).status_code == 200  # the office reads its draft
    client.post(reverse("news:staff_status", args=[post.pk, "publish"]))
    client.logout()
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'alt="Bunte Lichterketten über der Wiese"' in page and "Foto: Stadtteilladen" in page
    assert client.get(reverse("news:image", args=[post.pk]))["Content-Type"] == "image/jpeg"
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["news.post_created", "news.post_published"]


def test_an_image_needs_its_description(quarter, staff):
    with pytest.raises(DomainError) as caught:
        services.create_post(
            by=staff, city=quarter.city, quarter=quarter, title="T", teaser="K", image=_jpeg()
        )
    assert caught.value.field == "image_alt"


def test_a_file_that_is_no_image_is_refused(quarter, staff):
    fake = SimpleUploadedFile("bild.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    with pytest.raises(DomainError):
        services.create_post(
            by=staff, city=quarter.city, quarter=quarter, title="T", teaser="K", image=fake, image_alt="Bild"
        )


def test_an_embargoed_post_is_public_only_after_its_embargo(client, quarter, staff):
    post = services.create_post(
        by=staff,
        city=quarter.city,
        quarter=quarter,
        title="Pressemitteilung",
        teaser="Sperrfrist",
        embargo_until=timezone.now() + timedelta(hours=3),
    )
    services.publish(post=post, by=staff)
    client.logout()
    assert client.get(post.get_absolute_url()).status_code == 404
    NewsPost.objects.filter(pk=post.pk).update(embargo_until=timezone.now() - timedelta(seconds=1))
    assert client.get(post.get_absolute_url()).status_code == 200


def test_back_to_draft_leaves_the_feed(client, quarter, staff):
    post = services.create_post(by=staff, city=quarter.city, quarter=quarter, title="Weg damit", teaser="K")
    services.publish(post=post, by=staff)
    services.unpublish(post=post, by=staff)
    client.logout()
    assert b"Weg damit" not in client.get(reverse("news:quarter_rss", args=[quarter.slug])).content
