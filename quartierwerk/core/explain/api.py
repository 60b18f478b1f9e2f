"""JSON API of the sign-language videos: what the start page's DGS explanation shows, for any client."""

import datetime

from django.urls import reverse
from ninja import Router, Schema

from quartierwerk.core.api_auth import AUTH_OPTIONAL

from .models import SignLanguageVideo

router = Router(tags=["explain"])


class SignVideoOut(Schema):
    id: int
    city: str
    quarter: str | None
    title: str
    content_type: str
    size_bytes: int
    duration_seconds: int
    video_url: str
    download_url: str
    captions_url: str
    created_at: datetime.datetime


def video_out(video: SignLanguageVideo) -> dict:
    file_url = reverse("explain:sign_video_file", args=[video.pk])
    return {
        "id": video.pk,
        "city": video.city.slug,
        "quarter": video.quarter.slug if video.quarter_id else None,
        "title": video.title,
        "content_type": video.content_type,
        "size_bytes": video.size,
        "duration_seconds": video.duration,
        "video_url": file_url,
        "download_url": f"{file_url}?download=1",
        "captions_url": reverse("explain:sign_video_captions", args=[video.pk]),
        "created_at": video.created_at,
    }


@router.get("/sign-language-videos", response=list[SignVideoOut], auth=AUTH_OPTIONAL)
def list_sign_videos(request, city: str | None = None):
    """The current sign-language videos (one per city and per quarter at most), public like the page."""
    videos = SignLanguageVideo.objects.select_related("city", "quarter").exclude(quarter__is_active=False)
    if city:
        videos = videos.filter(city__slug=city[:50])
    return [video_out(v) for v in videos.order_by("city__name", "quarter__name")]
