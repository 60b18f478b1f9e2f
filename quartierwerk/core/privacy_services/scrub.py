"""Removing a person's strings (names, addresses, phone numbers) from text, JSON, mails and images."""

import base64
import io
import re

from django.core.files.base import ContentFile

from quartierwerk.core.privacy import PSEUDONYM


def _pattern(needles) -> re.Pattern | None:
    needles = [n for n in needles if n]
    if not needles:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True)), re.IGNORECASE)


def scrub_text(value: str, needles) -> str:
    pattern = _pattern(needles)
    return pattern.sub(PSEUDONYM, value) if pattern and value else value


def attachment_text(filename: str, content: bytes) -> str:
    """The text inside an attachment, as well as can be read: PDFs through pypdf, other files as bytes."""
    if content[:4] == b"%PDF":
        try:
            from pypdf import PdfReader

            return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
        except Exception:  # noqa: BLE001 - an unreadable PDF: fall back to its raw bytes
            return content.decode("latin-1")
    return content.decode("latin-1")


def scrub_json(value, needles):
    """A copy of a JSON value with the needles replaced in every string; mail attachments naming them dropped."""
    if isinstance(value, str):
        return scrub_text(value, needles)
    if isinstance(value, list):
        return [scrub_json(v, needles) for v in value]
    if isinstance(value, dict):
        if "content_b64" in value:  # an outbox attachment
            content = base64.b64decode(value["content_b64"])
            text = attachment_text(value.get("filename", ""), content).lower()
            if any(n.lower() in text for n in needles):
                return {
                    "filename": PSEUDONYM,
                    "content_type": "text/plain",
                    "content_b64": "",
                    "removed": True,
                }
            return {**value, "filename": scrub_text(value.get("filename", ""), needles)}
        return {scrub_text(str(k), needles): scrub_json(v, needles) for k, v in value.items()}
    return value


def contains(value, needles) -> bool:
    return scrub_json(value, needles) != value


def strip_image_metadata(field_file) -> None:
    """Re-encode a stored image in place so no metadata (EXIF, GPS, comments) survives."""
    from quartierwerk.core.files import UploadRejected, reencode_image

    if not field_file:
        return
    try:
        with field_file.open("rb") as handle:
            data = handle.read()
        clean, _content_type = reencode_image(data, field_file.name)
    except (UploadRejected, OSError):
        return
    storage, name = field_file.storage, field_file.name
    storage.delete(name)
    storage.save(name, ContentFile(clean))
