"""Upload checks: the type is read from the content, sizes are limited, images are re-encoded without metadata."""

import contextlib
import datetime
import io
import re
import threading
import uuid
import warnings
from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

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
# A 16-megapixel phone photo (4656 x 3496) fits; larger images are refused from their header, before any
# pixel is decoded (a 40-megapixel PNG took 9 s and 780 MB to decode). What is kept is scaled down.
MAX_IMAGE_PIXELS = 17_000_000
MAX_IMAGE_SIDE = 2560
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# Pillow's own guard for every image this process opens: a warning above the limit, an error above twice it.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS


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
    """Re-encode an image from its pixels alone: no EXIF (GPS), XMP, ICC, comments or trailing payloads."""
    too_many = UploadRejected(
        _("“%(name)s” has too many pixels; at most %(mpx)d megapixels are accepted.")
        % {"name": name, "mpx": MAX_IMAGE_PIXELS // 1_000_000},
        status=413,
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=IMAGE_FORMATS) as img:
                # The size comes from the header; nothing has been decoded yet.
                width, height = img.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise too_many
                img.load()
                img = ImageOps.exif_transpose(img)
                img.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
                has_alpha = img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info)
                clean = img.convert("RGBA" if has_alpha else "RGB")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_many from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise UploadRejected(_("“%(name)s” could not be read as an image.") % {"name": name}) from exc
    # Pillow writes some of what it read back out (a JPEG comment, an ICC profile): keep none of it.
    clean.info.clear()
    out = io.BytesIO()
    if has_alpha:
        clean.save(out, format="PNG", optimize=True)
        return out.getvalue(), "image/png"
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue(), "image/jpeg"


def blurred_copy(content: ContentFile, *, radius_share: float = 0.03) -> ContentFile:
    """A strongly blurred copy of an image already re-encoded by `reencode_image` (faces and licence plates
    cannot be read in it), for showing a photo before anyone has checked it. Same format as the input."""
    content.seek(0)
    with Image.open(io.BytesIO(content.read())) as img:
        img.load()
        fmt = img.format or "JPEG"
        # Shrink, blur and grow again: cheaper than a wide blur on the full picture, and just as unreadable.
        small = img.copy()
        small.thumbnail((96, 96))
        radius = max(2.0, max(small.size) * radius_share * 2)
        blurred = small.filter(ImageFilter.GaussianBlur(radius)).resize(img.size, Image.Resampling.BILINEAR)
    out = io.BytesIO()
    if fmt == "PNG":
        blurred.save(out, format="PNG", optimize=True)
    else:
        blurred.convert("RGB").save(out, format="JPEG", quality=70)
    content.seek(0)
    stem = (content.name or "photo").rsplit(".", 1)[0]
    return ContentFile(out.getvalue(), name=f"{stem}-blurred.{'png' if fmt == 'PNG' else 'jpg'}")


_journals = threading.local()


def _open_journals() -> list:
    if not hasattr(_journals, "stack"):
        _journals.stack = []
    return _journals.stack


@contextlib.contextmanager
def atomic_with_files(using: str | None = None):
    """`transaction.atomic()` for writes that store files: files stored inside are removed if it rolls back.

    Django has no rollback hook, so the block that writes keeps the list itself: an exception leaving the
    block (including the SystemExit of a worker stopped by its timeout) deletes what was stored in it; a
    nested block hands its files to the enclosing one, which decides.
    """
    written: list = []
    stack = _open_journals()
    stack.append(written)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        for storage, name in written:
            with contextlib.suppress(OSError):
                storage.delete(name)
        raise
    finally:
        stack.pop()
    if stack:
        stack[-1].extend(written)


def store(field_file, content: ContentFile) -> None:
    """Write an upload into a model's file field (without saving the row) inside `atomic_with_files()`."""
    stack = _open_journals()
    if not stack:
        raise RuntimeError("Files are stored inside atomic_with_files(), so a rollback removes them.")
    field_file.save(content.name, content, save=False)
    stack[-1].append((field_file.storage, field_file.name))


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


RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def ranged_file_response(request, field_file, *, content_type: str, filename: str = "", inline: bool = True):
    """Serve a stored public media file with HTTP range support (a video player seeks by asking for ranges).

    One range per request (what browsers ask for); a range that cannot be met answers 416. In production the
    same file can be served by the web server instead (docs/operations.md); this is the line behind it.
    """
    from django.http import FileResponse, HttpResponse, StreamingHttpResponse

    size = field_file.size
    match = RANGE.match(request.headers.get("Range", "").strip())
    if match and match.group(1) + match.group(2):
        first, last = match.group(1), match.group(2)
        if first:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        else:
            start, end = max(size - int(last), 0), size - 1
        if start > end or start >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        handle = field_file.open("rb")
        handle.seek(start)
        length = end - start + 1

        def chunks(remaining=length, block=64 * 1024):
            try:
                while remaining > 0:
                    data = handle.read(min(block, remaining))
                    if not data:
                        break
                    remaining -= len(data)
                    yield data
            finally:
                handle.close()

        response = StreamingHttpResponse(chunks(), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(length)
    else:
        response = FileResponse(field_file.open("rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{filename or field_file.name.rsplit("/", 1)[-1]}"'
    )
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; media-src 'self'; sandbox"
    response["Cache-Control"] = "public, max-age=3600"
    return response


def orphan_files(*, older_than: datetime.timedelta = datetime.timedelta(days=1)) -> list[str]:
    """Stored uploads that no row refers to, older than `older_than`.

    `atomic_with_files()` removes the files of a transaction that fails; only a process killed outright
    between writing and committing leaves one behind. This finds those, under the upload folders of every
    file field (the part of `upload_to` before the first date placeholder).
    """
    from django.apps import apps
    from django.core.files.storage import default_storage
    from django.db import models
    from django.utils import timezone

    roots, referenced = set(), set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and isinstance(field.upload_to, str):
                root = field.upload_to.split("%", 1)[0].rstrip("/")
                if root:
                    roots.add(root)
                    names = model._default_manager.exclude(**{field.name: ""}).values_list(
                        field.name, flat=True
                    )
                    referenced.update(names.iterator())
    cutoff = timezone.now() - older_than
    found = []
    pending = sorted(roots)
    while pending:
        folder = pending.pop()
        try:
            folders, files = default_storage.listdir(folder)
        except (FileNotFoundError, NotImplementedError):
            continue
        pending.extend(f"{folder}/{name}" for name in folders)
        for name in files:
            path = f"{folder}/{name}"
            if path not in referenced and default_storage.get_modified_time(path) < cutoff:
                found.append(path)
    return sorted(found)
