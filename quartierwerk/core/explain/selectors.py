"""Reads of the sign-language page: each city with its video and its quarters' videos, in two queries."""

from dataclasses import dataclass, field

from quartierwerk.core.models import City, Quarter
from quartierwerk.core.rules import role_set

from .models import SignLanguageVideo


@dataclass
class CityVideos:
    city: City
    video: SignLanguageVideo | None = None
    quarter_videos: list[SignLanguageVideo] = field(default_factory=list)


def cities_with_videos() -> list[CityVideos]:
    """Every city with an active quarter, its own video (or None) and the videos of its quarters."""
    cities = {
        c.pk: CityVideos(city=c)
        for c in City.objects.filter(quarters__is_active=True).distinct().order_by("name")
    }
    for video in SignLanguageVideo.objects.select_related("city", "quarter").order_by("quarter__name"):
        entry = cities.get(video.city_id)
        if entry is None:
            continue
        if video.quarter_id is None:
            entry.video = video
        elif video.quarter.is_active:
            entry.quarter_videos.append(video)
    return list(cities.values())


def manageable_scopes(user) -> list[tuple[str, str, str | None]]:
    """(label, city slug, quarter slug) of every place whose video this person may change."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles = role_set(user)
    if roles.is_admin:
        cities, quarters = City.objects.all(), Quarter.objects.filter(is_active=True)
    else:
        cities = City.objects.filter(pk__in=roles.city_ids)
        quarters = Quarter.objects.filter(
            is_active=True, pk__in=roles.city_quarter_ids | roles.staff_quarter_ids
        )
    scopes = [(c.name, c.slug, None) for c in cities.order_by("name")]
    scopes += [(q.name, q.city.slug, q.slug) for q in quarters.select_related("city").order_by("name")]
    return scopes
