"""Document library services: add a document with its first version, add versions; uploads checked by core."""

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import DomainError, require
from quartierwerk.core.files import atomic_with_files, clean_upload, store
from quartierwerk.core.text import clean_line, clean_text

from . import rules
from .models import Document, DocumentVersion

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def _version(document: Document, upload, by, note: str) -> DocumentVersion:
    cleaned = clean_upload(upload, kinds=("document", "image"), max_bytes=MAX_DOCUMENT_BYTES)
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        content_type=cleaned.content_type,
        original_name=cleaned.original_name,
        size=cleaned.size,
        note=clean_line(note, max_length=300, field="note"),
        uploaded_by=by,
    )
    store(version.file, cleaned.content)
    version.save()
    return version


def add_document(*, by, quarter, title, category, file, description="", is_public=False, note="") -> Document:
    """A new document with its first version."""
    require(rules.can_manage_documents(by, quarter), _("You may not add documents here."))
    title = clean_line(title, max_length=200, field="title")
    if not title:
        raise DomainError(_("Please give the document a title."), field="title")
    if category not in Document.Category.values:
        raise DomainError(_("Please choose a category."), field="category")
    if not file:
        raise DomainError(_("Please choose a file."), field="file")
    with atomic_with_files():
        document = Document.objects.create(
            quarter=quarter,
            title=title,
            category=category,
            description=clean_text(description, max_length=2000, field="description"),
            is_public=bool(is_public),
            created_by=by,
        )
        _version(document, file, by, note)
        audit.record(by, "news.document_added", document, title=document.title, public=document.is_public)
    return document


def add_version(*, by, document: Document, file, note="") -> DocumentVersion:
    """A new version of a document; the earlier ones stay."""
    require(rules.can_manage_documents(by, document), _("You may not change this document."))
    if not file:
        raise DomainError(_("Please choose a file."), field="file")
    with atomic_with_files():
        document = Document.objects.select_for_update().get(pk=document.pk)
        version = _version(document, file, by, note)
        document.updated_at = timezone.now()
        document.save(update_fields=["updated_at"])
        audit.record(by, "news.document_version_added", document, version=version.number)
    return version
