"""The explanation in German Sign Language (BITV 2.0 § 4): who may put the video up, what files are
accepted, the page before and after a video exists, the video served in ranges, and the API."""

import pytest
from django.urls import reverse

from quartierwerk.core.explain import media, services
from quartierwerk.core.explain.models import SignLanguageVideo
from quartierwerk.core.files import UploadRejected
from tests.conftest import permission_matrix

from .sign_video_files import VTT, mp4, upload, webm


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _post(client, url, **extra):
    data = {
        "title": "Erklärung in Deutscher Gebärdensprache",
        "video": upload("erklaerung.mp4", mp4()),
        "captions": upload("erklaerung.vtt", VTT),
    }
    data.update(extra)
    return client.post(url, data)


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": True,
        "city_staff_other_city": False,
        "admin": True,
    }
)
def test_who_may_put_up_the_quarters_video(role, allowed, client, login_as, user_with_role, quarter):
    login_as(user_with_role(role))
    url = reverse("explain:manage_quarter_video", args=[quarter.slug])
    assert (client.get(url).status_code == 200) is allowed
    response = _post(client, url)
    assert SignLanguageVideo.objects.filter(quarter=quarter).exists() is allowed
    if allowed:
        assert response.status_code == 302
    else:
        assert response.status_code in (302, 403) and (role == "anonymous") == (response.status_code == 302)


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": False,
        "staff_other_quarter": False,
        "city_staff": True,
        "city_staff_other_city": False,
        "admin": True,
    }
)
def test_who_may_put_up_the_citys_video(role, allowed, client, login_as, user_with_role, quarter):
    login_as(user_with_role(role))
    url = reverse("explain:manage_city_video", args=[quarter.city.slug])
    _post(client, url)
    assert SignLanguageVideo.objects.filter(city=quarter.city, quarter__isnull=True).exists() is allowed


def test_the_page_is_ready_before_a_video_exists(client, quarter):
    page = client.get(reverse("explain:sign_language")).content.decode()
    assert "data-sign-video-placeholder" in page and "kommt bald" in page
    assert "<video" not in page
    home = client.get(reverse("core:home")).content.decode()
    assert reverse("explain:sign_language") in home and reverse("core:easy_language") in home


def test_the_video_shows_with_captions_size_and_duration(client, login_as, user_with_role, quarter):
    login_as(user_with_role("city_staff"))
    assert _post(client, reverse("explain:manage_city_video", args=[quarter.city.slug])).status_code == 302
    video = SignLanguageVideo.objects.get()
    assert (video.content_type, video.duration, video.size) == ("video/mp4", 96, len(mp4()))
    client.logout()
    page = client.get(reverse("explain:sign_language")).content.decode()
    # Leipzig shows its video; Marburg (the other quarter's city) has none yet and keeps its placeholder.
    assert page.count("<video") == 1 and page.count("data-sign-video-placeholder") == 1
    assert f'<track kind="captions" src="{reverse("explain:sign_video_captions", args=[video.pk])}"' in page
    assert "1:36 Minuten" in page and "(MP4, 4 KB)" in page
    captions = client.get(reverse("explain:sign_video_captions", args=[video.pk]))
    assert captions["Content-Type"] == "text/vtt; charset=utf-8" and captions.content.decode() == VTT
    download = client.get(reverse("explain:sign_video_file", args=[video.pk]) + "?download=1")
    assert download["Content-Disposition"].startswith("attachment")


def test_a_second_upload_replaces_the_first_and_its_files(
    client, login_as, user_with_role, quarter, tmp_path, django_capture_on_commit_callbacks
):
    login_as(user_with_role("staff"))
    url = reverse("explain:manage_quarter_video", args=[quarter.slug])
    _post(client, url)
    first = SignLanguageVideo.objects.get()
    first_file = tmp_path / first.video.name
    assert first_file.exists()
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, url, video=upload("neu.webm", webm()))
    second = SignLanguageVideo.objects.get()
    assert second.pk != first.pk and second.content_type == "video/webm" and second.duration == 61
    assert not first_file.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"take_down": "1"})
    assert not SignLanguageVideo.objects.exists() and not (tmp_path / second.video.name).exists()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("video.mp4", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
        ("video.mp4", b"Das ist kein Video, nur Text.\n" * 10, "text/plain"),
        ("video.mkv", b"\x1a\x45\xdf\xa3\x84\x42\x82\x88matroska" + bytes(200), "MP4, WebM"),
        ("video.mp4", b"", "empty"),
    ],
)
def test_only_real_mp4_and_webm_videos_are_accepted(name, data, message, user_with_role, quarter):
    with pytest.raises(UploadRejected) as error:
        services.put_up_video(
            by=user_with_role("staff"),
            city=quarter.city,
            quarter=quarter,
            title="DGS",
            video=upload(name, data),
            captions=upload("c.vtt", VTT),
        )
    assert message in str(error.value) or error.value.field == "video"
    assert not SignLanguageVideo.objects.exists()


def test_a_video_over_the_limit_is_refused_with_the_limit_named(
    settings, client, login_as, user_with_role, quarter
):
    settings.SIGN_VIDEO_MAX_BYTES = 1000
    login_as(user_with_role("staff"))
    response = _post(client, reverse("explain:manage_quarter_video", args=[quarter.slug]))
    assert response.status_code == 400 and "ist zu groß" in response.content.decode()
    assert not SignLanguageVideo.objects.exists()


@pytest.mark.parametrize(
    "captions",
    [
        "00:00.000 --> 00:04.000\nOhne Kopfzeile\n",
        "WEBVTT\n\nnur Text ohne Zeitangaben\n",
        b"WEBVTT\n\x00\x01\x02\xff\xfe",
        "WEBVTT\n\n00:00.000 --> 00:04.000\n" + "x" * (media.MAX_CAPTION_BYTES + 10),
    ],
)
def test_captions_must_be_webvtt_text(captions, user_with_role, quarter):
    with pytest.raises(UploadRejected) as error:
        services.put_up_video(
            by=user_with_role("staff"),
            city=quarter.city,
            quarter=quarter,
            title="DGS",
            video=upload("v.mp4", mp4()),
            captions=upload("c.vtt", captions),
        )
    assert error.value.field == "captions"


def test_the_duration_is_read_from_the_file_or_asked_for(client, login_as, user_with_role, quarter):
    assert media.mp4_duration(upload("v.mp4", mp4(125, moov_last=True)), len(mp4(125, moov_last=True))) == 125
    login_as(user_with_role("staff"))
    url = reverse("explain:manage_quarter_video", args=[quarter.slug])
    response = _post(client, url, video=upload("live.webm", webm(None)))
    assert response.status_code == 400 and "Bitte geben Sie sie ein" in response.content.decode()
    assert _post(client, url, video=upload("live.webm", webm(None)), duration="2:05").status_code == 302
    assert SignLanguageVideo.objects.get().duration == 125
    assert _post(client, url, duration="2:75").status_code == 400


def test_the_video_is_served_in_ranges(client, user_with_role, quarter):
    data = mp4()
    video = services.put_up_video(
        by=user_with_role("admin"),
        city=quarter.city,
        title="DGS",
        video=upload("v.mp4", data),
        captions=upload("c.vtt", VTT),
    )
    url = reverse("explain:sign_video_file", args=[video.pk])
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert b"".join(whole.streaming_content) == data
    part = client.get(url, HTTP_RANGE="bytes=10-19")
    assert part.status_code == 206 and part["Content-Range"] == f"bytes 10-19/{len(data)}"
    assert b"".join(part.streaming_content) == data[10:20]
    tail = client.get(url, HTTP_RANGE="bytes=-5")
    assert tail.status_code == 206 and b"".join(tail.streaming_content) == data[-5:]
    assert client.get(url, HTTP_RANGE=f"bytes={len(data) + 5}-").status_code == 416
    assert client.get(reverse("explain:sign_video_file", args=[video.pk + 1])).status_code == 404


def test_the_api_reads_the_videos_metadata(client, user_with_role, quarter):
    assert client.get("/api/v1/explain/sign-language-videos").json() == []
    video = services.put_up_video(
        by=user_with_role("staff"),
        city=quarter.city,
        quarter=quarter,
        title="Unser Büro in DGS",
        video=upload("v.webm", webm()),
        captions=upload("c.vtt", VTT),
    )
    [row] = client.get("/api/v1/explain/sign-language-videos").json()
    assert row["quarter"] == quarter.slug and row["duration_seconds"] == 61
    assert row["size_bytes"] == video.size and row["content_type"] == "video/webm"
    assert row["captions_url"] == reverse("explain:sign_video_captions", args=[video.pk])
    assert client.get("/api/v1/explain/sign-language-videos?city=marburg").json() == []
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/explain/sign-language-videos" in schema["paths"]


@pytest.mark.parametrize(
    "topic, start",
    [
        ("problem-melden", ("reports:start", True)),
        ("geld-beantragen", ("fund:home", True)),
        ("termine-finden", ("events:calendar", True)),
        ("quartiers-buero", ("core:quarter", False)),
    ],
)
def test_each_main_task_has_a_leichte_sprache_page_linked_where_it_starts(client, quarter, topic, start):
    from quartierwerk.fund.models import Fund

    Fund.objects.create(quarter=quarter, year=2026, budget=1000)
    url = reverse("explain:easy_topic", args=[topic])
    page = client.get(url)
    assert page.status_code == 200 and 'lang="de"' in page.content.decode()
    name, by_quarter = start
    start_page = client.get(reverse(name, args=[quarter.slug])).content.decode()
    assert f'href="{url}" lang="de"' in start_page, name
    assert url in client.get(reverse("core:easy_language")).content.decode()
    assert client.get(reverse("explain:easy_topic", args=["unbekannt"])).status_code == 404


def test_the_start_pages_explanation_covers_what_bitv_names(client, db):
    page = client.get(reverse("core:easy_language")).content.decode()
    for heading in (
        "Was ist diese Internet-Seite?",  # the content
        "Wie finden Sie sich auf der Seite zurecht?",  # how to navigate
        "Barriere-Freiheit",  # the essentials of the accessibility statement
        "Mehr in Leichter Sprache",  # where more is found
        "Erklärung in Gebärden-Sprache",
    ):
        assert heading in page
    assert reverse("explain:sign_language") in page and reverse("core:accessibility") in page


@pytest.mark.parametrize("count", [3, 12])
def test_the_sign_language_page_and_api_cost_fixed_queries(
    count, client, city, django_assert_max_num_queries
):
    from quartierwerk.core.models import Quarter

    SignLanguageVideo.objects.create(
        city=city,
        title="Stadt",
        video="dgs/c.mp4",
        content_type="video/mp4",
        size=9,
        duration=60,
        captions="dgs/c.vtt",
    )
    for i in range(count):
        q = Quarter.objects.create(city=city, slug=f"q{i}", name=f"Quartier {i}", programme="social_cohesion")
        SignLanguageVideo.objects.create(
            city=city,
            quarter=q,
            title=f"Video {i}",
            video=f"dgs/{i}.mp4",
            content_type="video/mp4",
            size=9,
            duration=60,
            captions=f"dgs/{i}.vtt",
        )
    with django_assert_max_num_queries(6):
        page = client.get(reverse("explain:sign_language")).content.decode()
    assert page.count("<video") == count + 1
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/v1/explain/sign-language-videos").json()) == count + 1
