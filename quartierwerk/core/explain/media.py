"""Checks of a sign-language video and its captions: the type from the content (MP4 or WebM only), the size,
the duration read from the container, and captions that are WebVTT text."""

import struct
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from quartierwerk.core.files import UploadRejected, sniff

VIDEO_TYPES = {"video/mp4": "mp4", "video/webm": "webm"}
MAX_CAPTION_BYTES = 512 * 1024
# How far into a file the duration is looked for: MP4's "moov" box may sit at the end (then it is read there).
DURATION_SCAN = 4 * 1024 * 1024


@dataclass
class CheckedVideo:
    file: File
    content_type: str
    size: int
    duration: int | None  # seconds, None when the container does not say


def max_video_bytes() -> int:
    return settings.SIGN_VIDEO_MAX_BYTES


def _name(uploaded) -> str:
    return (getattr(uploaded, "name", "") or "file").rsplit("/", 1)[-1][:120]


def check_video(uploaded) -> CheckedVideo:
    """An MP4 or WebM video within the size limit; anything else is refused with the reason."""
    name, limit = _name(uploaded), max_video_bytes()
    size = uploaded.size
    if size > limit:
        raise UploadRejected(
            _("“%(name)s” is too large (%(size)s); at most %(max)s are accepted.")
            % {"name": name, "size": filesizeformat(size), "max": filesizeformat(limit)},
            status=413,
            field="video",
        )
    if not size:
        raise UploadRejected(_("“%(name)s” is empty.") % {"name": name}, field="video")
    uploaded.seek(0)
    head = uploaded.read(DURATION_SCAN)
    content_type = sniff(head[:8192])
    if content_type not in VIDEO_TYPES:
        raise UploadRejected(
            _("“%(name)s” is not an accepted file: its content is %(type)s. Accepted are: %(accepted)s.")
            % {"name": name, "type": content_type, "accepted": "MP4, WebM"},
            field="video",
        )
    duration = mp4_duration(uploaded, size) if content_type == "video/mp4" else webm_duration(head)
    uploaded.seek(0)
    uploaded.name = f"{uuid.uuid4().hex}.{VIDEO_TYPES[content_type]}"
    return CheckedVideo(file=uploaded, content_type=content_type, size=size, duration=duration)


def check_captions(uploaded) -> ContentFile:
    """WebVTT captions: UTF-8 text that starts with "WEBVTT", within 512 KB."""
    name = _name(uploaded)
    data = uploaded.read(MAX_CAPTION_BYTES + 1)
    if len(data) > MAX_CAPTION_BYTES:
        raise UploadRejected(
            _("“%(name)s” is too large; at most %(max)s are accepted.")
            % {"name": name, "max": filesizeformat(MAX_CAPTION_BYTES)},
            status=413,
            field="captions",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    if not text.startswith("WEBVTT") or "\x00" in text or "-->" not in text:
        raise UploadRejected(
            _("“%(name)s” is not a WebVTT captions file (a text file that starts with WEBVTT).")
            % {"name": name},
            field="captions",
        )
    return ContentFile(text.encode("utf-8"), name=f"{uuid.uuid4().hex}.vtt")


def _boxes(read, start: int, end: int):
    """The (type, payload offset, payload end) of the MP4 boxes between two offsets."""
    offset = start
    while offset + 8 <= end:
        header = read(offset, 16)
        if len(header) < 8:
            return
        size, kind = struct.unpack(">I4s", header[:8])
        payload = offset + 8
        if size == 1 and len(header) >= 16:
            size = struct.unpack(">Q", header[8:16])[0]
            payload = offset + 16
        elif size == 0:
            size = end - offset
        if size < 8:
            return
        yield kind, payload, offset + size
        offset += size


def mp4_duration(uploaded, size: int) -> int | None:
    """Seconds from the movie header (moov/mvhd), wherever in the file the moov box is."""

    def read(at, n):
        uploaded.seek(at)
        return uploaded.read(n)

    for kind, payload, end in _boxes(read, 0, size):
        if kind != b"moov":
            continue
        for inner, inner_payload, _end in _boxes(read, payload, end):
            if inner != b"mvhd":
                continue
            data = read(inner_payload, 32)
            if data[:1] == b"\x01":
                timescale, duration = struct.unpack(">IQ", data[20:32])
            else:
                timescale, duration = struct.unpack(">II", data[12:20])
            return round(duration / timescale) if timescale else None
    return None


def webm_duration(head: bytes) -> int | None:
    """Seconds from the segment info (Duration in TimecodeScale units; absent in some live recordings)."""
    at = head.find(b"\x44\x89")
    if at < 0:
        return None
    length = head[at + 2] & 0x7F if at + 2 < len(head) else 0
    raw = head[at + 3 : at + 3 + length]
    if length == 4 and len(raw) == 4:
        value = struct.unpack(">f", raw)[0]
    elif length == 8 and len(raw) == 8:
        value = struct.unpack(">d", raw)[0]
    else:
        return None
    scale_at = head.find(b"\x2a\xd7\xb1")
    scale = 1_000_000
    if 0 <= scale_at < at:
        scale_len = head[scale_at + 3] & 0x7F
        scale = int.from_bytes(head[scale_at + 4 : scale_at + 4 + scale_len], "big") or scale
    seconds = value * scale / 1_000_000_000
    return round(seconds) if seconds > 0 else None
