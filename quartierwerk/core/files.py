"""Upload checks: the type is read from the content, sizes are limited, images are re-encoded without metadata."""

import io
import uuid
from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import DomainError

IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
}
SPREADSHEET_TYPES = {
    "text/csv": "csv",
    "text/plain": "csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}
KINDS = {"image": IMAGE_TYPES, "document": DOCUMENT_TYPES, "spreadsheet": SPREADSHEET_TYPES}
KIND_LABELS = {"image": "JPEG, PNG, WebP, GIF", "document": "PDF, DOCX, ODT", "spreadsheet": "CSV, XLSX"}
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_SIDE = 2560


class UploadRejected(DomainError):
    """An upload that is not what it claims, of a type not accepted here, or too large."""


@dataclass
class CleanFile:
    content: ContentFile
    content_type: str
    original_name: str
    size: int


def sniff(head: bytes) -> str:
    return magic.from_buffer(head, mime=True)


def clean_upload(uploaded, *, kinds=("image", "document"), max_bytes: int | None = None) -> CleanFile:
    """Check an uploaded file by its content and return a safe copy; raise UploadRejected with a clear reason."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    name = (getattr(uploaded, "name", "") or "file").rsplit("/", 1)[-1][:120]
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_bytes:
        raise UploadRejected(
            _("“%(name)s” is too large (%(size)s); at most %(max)s are accepted.")
            % {"name": name, "size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            status=413,
        )
    data = uploaded.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadRejected(
            _("“%(name)s” is too large; at most %(max)s are accepted.")
            % {"name": name, "max": filesizeformat(max_bytes)},
            status=413,
        )
    if not data:
        raise UploadRejected(_("“%(name)s” is empty.") % {"name": name})
    content_type = sniff(data[:8192])
    allowed = {}
    for kind in kinds:
        allowed.update(KINDS[kind])
    if content_type not in allowed:
        accepted = ", ".join(KIND_LABELS[k] for k in kinds)
        raise UploadRejected(
            _("“%(name)s” is not an accepted file: its content is %(type)s. Accepted are: %(accepted)s.")
            % {"name": name, "type": content_type, "accepted": accepted}
        )
    if content_type in IMAGE_TYPES:
        data, content_type = reencode_image(data, name)
    ext = allowed.get(content_type) or IMAGE_TYPES.get(content_type, "bin")
    return CleanFile(
        content=ContentFile(data, name=f"{uuid.uuid4().hex}.{ext}"),
        content_type=content_type,
        original_name=name,
        size=len(data),
    )


def reencode_image(data: bytes, name: str) -> tuple[bytes, str]:
    """Decode and re-encode an image: drops EXIF (GPS), ICC tricks and trailing payloads."""
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            img = ImageOps.exif_transpose(img)
            if img.width * img.height > MAX_IMAGE_PIXELS:
                raise UploadRejected(_("“%(name)s” has too many pixels.") % {"name": name})
            img.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            has_alpha = img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info)
            out = io.BytesIO()
            if has_alpha:
                img.convert("RGBA").save(out, format="PNG", optimize=True)
                return out.getvalue(), "image/png"
            img.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
            return out.getvalue(), "image/jpeg"
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise UploadRejected(_("“%(name)s” could not be read as an image.") % {"name": name}) from exc


def file_response(field_file, *, filename: str = "", content_type: str = "", inline: bool = True):
    """Serve a stored file after the caller has checked who may see it."""
    from django.http import FileResponse

    handle = field_file.open("rb")
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=filename or field_file.name.rsplit("/", 1)[-1],
        content_type=content_type or None,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
