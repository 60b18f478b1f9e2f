"""Pages in Leichte Sprache for the main tasks, the sign-language page, its video files and the upload."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from quartierwerk.core import formats
from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import ranged_file_response
from quartierwerk.core.models import City, Quarter

from . import media, rules, selectors, services
from .forms import SignVideoForm
from .models import SignLanguageVideo

# The tasks explained in Leichte Sprache: address part -> template.
EASY_TOPICS = {
    "problem-melden": "explain/leichte_sprache/report.html",
    "geld-beantragen": "explain/leichte_sprache/fund.html",
    "termine-finden": "explain/leichte_sprache/events.html",
    "quartiers-buero": "explain/leichte_sprache/office.html",
}


def easy_topic(request, topic: str):
    """One main task explained in Leichte Sprache."""
    if topic not in EASY_TOPICS:
        raise Http404
    return render(request, EASY_TOPICS[topic], {"topics": EASY_TOPICS})


def sign_language(request):
    """The explanation in German Sign Language: each city's video, or what will be shown here."""
    cities = selectors.cities_with_videos()
    manageable = selectors.manageable_scopes(request.user)
    return render(request, "explain/sign_language.html", {"cities": cities, "manageable": manageable})


def sign_video_file(request, pk: int):
    """The video itself, in ranges for the player; with ?download=1 as a file to keep."""
    video = get_object_or_404(SignLanguageVideo.objects.select_related("city"), pk=pk)
    extension = video.video.name.rsplit(".", 1)[-1]
    return ranged_file_response(
        request,
        video.video,
        content_type=video.content_type,
        filename=f"gebaerdensprache-{video.city.slug}-{video.pk}.{extension}",
        inline="download" not in request.GET,
    )


def sign_video_captions(request, pk: int):
    """The captions of a video (WebVTT), for the player's track and to download."""
    video = get_object_or_404(SignLanguageVideo, pk=pk)
    with video.captions.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="text/vtt; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="untertitel-{video.pk}.vtt"'
    return response


def _scope(request, city_slug: str | None, slug: str | None):
    if slug:
        quarter = get_object_or_404(Quarter.objects.select_related("city"), slug=slug, is_active=True)
        city = quarter.city
    else:
        quarter, city = None, get_object_or_404(City, slug=city_slug)
    if not rules.can_manage_sign_video(request.user, quarter or city):
        raise PermissionDenied
    return city, quarter


@login_required
def manage_sign_video(request, city_slug: str | None = None, slug: str | None = None):
    """Put up, replace or take down the sign-language video of a city or a quarter."""
    city, quarter = _scope(request, city_slug, slug)
    current = SignLanguageVideo.objects.filter(city=city, quarter=quarter).first()
    form = SignVideoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "take_down" in request.POST:
        if current:
            services.take_down_video(by=request.user, video=current)
            messages.success(request, _("The video was taken down; the page shows its placeholder again."))
        return redirect(request.path)
    if request.method == "POST" and form.is_valid():
        try:
            services.put_up_video(
                by=request.user,
                city=city,
                quarter=quarter,
                title=form.cleaned_data["title"],
                video=form.cleaned_data["video"],
                captions=form.cleaned_data["captions"],
                duration=form.cleaned_data["duration"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The video is online."))
            return redirect(request.path)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "city": city,
        "quarter": quarter,
        "current": current,
        "max_size": formats.file_size(media.max_video_bytes()),
    }
    return render(request, "explain/manage_video.html", context, status=status)
