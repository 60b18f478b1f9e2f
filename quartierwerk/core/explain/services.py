"""Putting up and taking down the sign-language video of a city or a quarter."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from quartierwerk.core import audit, files
from quartierwerk.core.errors import Conflict, DomainError, NotAllowed

from . import media, rules
from .models import SignLanguageVideo


def _scope(city, quarter) -> dict:
    return {"city": city, "quarter": quarter} if quarter else {"city": city, "quarter__isnull": True}


def _delete_files_on_commit(videos) -> None:
    names = [(f.storage, f.name) for v in videos for f in (v.video, v.captions) if f]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def put_up_video(*, by, city, quarter=None, title: str, video, captions, duration: int | None = None):
    """Check the files, store them and make this the current video of the city or quarter (replacing one)."""
    target = quarter or city
    if quarter is not None and quarter.city_id != city.pk:
        raise DomainError(_("The quarter does not lie in this city."), field="quarter")
    if not rules.can_manage_sign_video(by, target):
        raise NotAllowed(_("You may not change the sign-language video here."))
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the video a title."), field="title")
    checked = media.check_video(video)
    vtt = media.check_captions(captions)
    seconds = checked.duration or duration
    if not seconds:
        raise DomainError(
            _("The length of the video could not be read from the file: please enter it."), field="duration"
        )
    try:
        with files.atomic_with_files():
            old = list(SignLanguageVideo.objects.select_for_update().filter(**_scope(city, quarter)))
            for row in old:
                row.delete()
            row = SignLanguageVideo(
                city=city,
                quarter=quarter,
                title=title[:200],
                content_type=checked.content_type,
                size=checked.size,
                duration=seconds,
                uploaded_by=by,
            )
            files.store(row.video, checked.file)
            files.store(row.captions, vtt)
            row.save()
            _delete_files_on_commit(old)
            audit.record(by, "explain.sign_video_put_up", row, replaced=len(old))
    except IntegrityError as exc:
        raise Conflict(_("Another video was put up at the same moment; please reload the page.")) from exc
    return row


def take_down_video(*, by, video: SignLanguageVideo) -> None:
    """Remove a video; the page shows its placeholder again."""
    if not rules.can_manage_sign_video(by, video.quarter or video.city):
        raise NotAllowed(_("You may not change the sign-language video here."))
    with transaction.atomic():
        audit.record(by, "explain.sign_video_taken_down", video)
        _delete_files_on_commit([video])
        video.delete()
