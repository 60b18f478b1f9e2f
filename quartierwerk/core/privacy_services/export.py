"""Export (Art. 15 and 20 GDPR): everything the register ties to a person, as JSON, HTML and files in a ZIP."""

import base64
import io
import json
import secrets
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from quartierwerk.core import audit, throttle
from quartierwerk.core.errors import NotAllowed
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.models import DataExport, User
from quartierwerk.core.privacy import LEGAL_BASIS_LABELS, Kind, SubjectRef, register
from quartierwerk.core.tokens import secret_hash

from . import subjects
from .holds import holds_for

EXPORT_DAYS = 7
EXPORTS_PER_DAY = 3
CONFIRM_SALT = "quartierwerk.privacy.export-email"
CONFIRM_MAX_AGE = 24 * 3600
HIDDEN = (Kind.TECHNICAL,)


def _value(row, name: str, kind: Kind):
    value = getattr(row, name)
    if kind in (Kind.USER, Kind.PERSON):
        return getattr(row, f"{name}_id")
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, list | dict) and name == "attachments":  # outbox: files go into the ZIP instead
        return [{k: v for k, v in a.items() if k != "content_b64"} for a in value]
    return value


def _files(row, declaration) -> list[tuple[str, bytes]]:
    found = []
    for name, kind in declaration.fields.items():
        value = getattr(row, name)
        if kind == Kind.FILE and value:
            try:
                with value.open("rb") as handle:
                    found.append((value.name.rsplit("/", 1)[-1], handle.read()))
            except (FileNotFoundError, OSError):
                continue
        elif name == "attachments" and isinstance(value, list):
            for a in value:
                if a.get("content_b64"):
                    found.append((a.get("filename") or "attachment", base64.b64decode(a["content_b64"])))
    return found


def collect(ref: SubjectRef) -> dict:
    """Every exportable declared row about the person: {"sections": [...], "files": [(path, bytes)]}."""
    sections, files = [], []
    for declaration in register():
        if not declaration.export:
            continue
        model = declaration.model_class()
        rows = []
        for row in subjects.rows_about(ref, declaration).order_by("pk"):
            data = {"id": row.pk, "record": str(row)}
            data.update({n: _value(row, n, k) for n, k in declaration.fields.items() if k not in HIDDEN})
            for name, content in _files(row, declaration):
                path = f"files/{declaration.model.replace('.', '-')}/{row.pk}/{name}"
                files.append((path, content))
                data.setdefault("files", []).append(path)
            rows.append(data)
        if rows:
            sections.append(
                {
                    "model": declaration.model,
                    "labels": _labels(model, declaration),
                    "title": str(model._meta.verbose_name_plural),
                    "purpose": str(declaration.purpose),
                    "legal_basis": str(LEGAL_BASIS_LABELS[declaration.legal_basis]),
                    "recipients": [str(r) for r in declaration.recipients],
                    "retention": [str(r.text) for r in declaration.retention if r.text],
                    "rows": rows,
                }
            )
    return {"sections": sections, "files": files, "holds": holds_for(ref)}


def _labels(model, declaration) -> dict[str, str]:
    """The readable names of a section's keys: the fields' verbose names in the active language."""
    labels = {
        "id": pgettext("data export", "Number"),
        "record": pgettext("data export", "Record"),
        "files": _("Files"),
    }
    for name in declaration.fields:
        labels[name] = str(model._meta.get_field(name).verbose_name)
    return {key: str(value) for key, value in labels.items()}


def _readable(sections: list[dict]) -> list[dict]:
    """Sections for the summary: each row as (label, value) pairs instead of raw field names."""
    return [
        {**s, "rows": [[(s["labels"].get(k, k), v) for k, v in row.items()] for row in s["rows"]]}
        for s in sections
    ]


def _language_of(ref: SubjectRef) -> str:
    """The person's language for the summary: the account's preferred one, else the site's."""
    preferred = User.objects.filter(pk=ref.user_id).values_list("preferred_language", flat=True).first()
    return preferred or settings.LANGUAGE_CODE


def build_zip(ref: SubjectRef) -> bytes:
    """The ZIP handed to the person: data.json, a readable summary (HTML and PDF), and their files."""
    from quartierwerk.core.pdf import render_pdf

    language = _language_of(ref)
    with translation.override(language):
        data = collect(ref)
    now = timezone.now()
    document = {
        "created_at": now,
        "site": settings.SITE_NAME,
        "sections": data["sections"],
        "holds": data["holds"],
    }
    context = {
        "sections": _readable(data["sections"]),
        "holds": data["holds"],
        "created_at": now,
        "site_name": settings.SITE_NAME,
        "language": language,
    }
    with translation.override(language):
        summary = render_to_string("core/privacy/export_summary.html", context)
    summary_pdf = render_pdf("core/privacy/export_summary.html", context, language=language)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        archive.writestr("summary.html", summary)
        archive.writestr("summary.pdf", summary_pdf)
        for path, content in data["files"]:
            archive.writestr(path, content)
    return out.getvalue()


def _new_export(*, user: User | None, email: str) -> DataExport:
    # The download secret is made by the task and only its hash stored: the task queue never holds it.
    export = DataExport.objects.create(
        user=user,
        email="" if user else email,
        token_hash=secret_hash(secrets.token_urlsafe(32)),
        expires_at=timezone.now() + timedelta(days=EXPORT_DAYS),
    )
    transaction.on_commit(lambda: _enqueue(export.pk))
    return export


def _enqueue(export_id: int) -> None:
    from quartierwerk.core.tasks import build_data_export

    build_data_export.enqueue(export_id)


def request_export(*, user: User) -> DataExport:
    """An account holder asks for their data: the ZIP is built in the background and announced by e-mail."""
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed(_("Please log in to download your data."))
    throttle.check("privacy.export", f"user:{user.pk}", limit=EXPORTS_PER_DAY, seconds=24 * 3600)
    with transaction.atomic():
        export = _new_export(user=user, email="")
        audit.record(user, "core.data_export_requested", export)
    return export


def request_email_export(*, email: str, client_ip: str = "") -> None:
    """Someone without an account asks for the data held under an address: a confirmation link goes there."""
    email = email.strip().lower()
    throttle.check("privacy.export", f"email:{email}", limit=EXPORTS_PER_DAY, seconds=24 * 3600)
    throttle.check("privacy.export", f"ip:{client_ip}", limit=10, seconds=3600)
    signed = signing.dumps(email, salt=CONFIRM_SALT)
    link = settings.SITE_URL + reverse("core:privacy_export_confirm", args=[signed])
    queue_templated_mail(email, "core/mail/export_confirm", {"link": link}, purpose="privacy_export_confirm")


def confirm_email_export(signed: str) -> DataExport:
    """The address was confirmed by its link: start building the export for it."""
    try:
        email = signing.loads(signed, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as exc:
        raise NotAllowed(_("This confirmation link is invalid or has expired; please ask again.")) from exc
    with transaction.atomic():
        export = _new_export(user=None, email=email)
        audit.record("e-mail confirmed", "core.data_export_requested", export)
    return export


def build(export_id: int) -> DataExport:
    """The task: build the ZIP, store it privately, tell the person where to fetch it."""
    export = DataExport.objects.select_related("user").get(pk=export_id)
    token = secrets.token_urlsafe(32)
    export.token_hash = secret_hash(token)
    ref = subjects.for_user(export.user) if export.user else subjects.for_email(export.email)
    content = build_zip(ref)
    export.file.save(f"{secrets.token_hex(16)}.zip", ContentFile(content), save=False)
    export.status = DataExport.Status.READY
    export.ready_at = timezone.now()
    export.save(update_fields=["file", "status", "ready_at", "token_hash"])
    link = settings.SITE_URL + reverse("core:privacy_export_download", args=[export.pk, token])
    queue_templated_mail(
        export.user.email if export.user else export.email,
        "core/mail/export_ready",
        {"link": link, "expires_at": export.expires_at},
        language=getattr(export.user, "preferred_language", None) or None,
        purpose="privacy_export_ready",
    )
    return export


def downloadable(*, export_id: int, token: str, user) -> DataExport:
    """The export if this request may fetch it: the secret link (or, without it, the owning account's log-in),
    not expired, and for an account's export only by that account."""
    exports = DataExport.objects.filter(pk=export_id)
    if token or not getattr(user, "is_authenticated", False):
        exports = exports.filter(token_hash=secret_hash(token))
    else:
        exports = exports.filter(user_id=user.pk)
    export = exports.first()
    if export is None or export.expires_at <= timezone.now() or export.status != DataExport.Status.READY:
        raise NotAllowed(_("This download link is invalid or has expired."), status=404)
    if export.user_id and getattr(user, "pk", None) != export.user_id:
        raise NotAllowed(_("Please log in with the account that asked for this export."))
    audit.record(user if export.user_id else "download link", "core.data_export_downloaded", export)
    return export
