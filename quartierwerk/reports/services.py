"""Every write on reports: filing, supporting, triage, routing, answers, moderation and Open311 keys."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, generations, geo, keycache
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, NotAllowed
from quartierwerk.core.files import atomic_with_files, clean_upload, store
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.places import selectors as places
from quartierwerk.core.rules import is_staff_of_quarter
from quartierwerk.core.text import clean_email, clean_line, clean_text

from . import rules
from .models import (
    ApiClient,
    Category,
    CategoryAttribute,
    Forwarding,
    Report,
    ReportPhoto,
    ReportUpdate,
    ResponsibleBody,
    Support,
)

MAX_PHOTOS = 5
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_DESCRIPTION = 4000

S = Report.Status
# Which status may follow which. Staff may move freely between open states; closed ones reopen to "open".
TRANSITIONS: dict[str, set[str]] = {
    S.OPEN: {S.ACKNOWLEDGED, S.FORWARDED, S.IN_PROGRESS, S.SOLVED, S.CLOSED, S.NOT_OUR_MATTER},
    S.ACKNOWLEDGED: {S.FORWARDED, S.IN_PROGRESS, S.SOLVED, S.CLOSED, S.NOT_OUR_MATTER},
    S.FORWARDED: {S.ACKNOWLEDGED, S.IN_PROGRESS, S.SOLVED, S.CLOSED, S.NOT_OUR_MATTER},
    S.IN_PROGRESS: {S.FORWARDED, S.SOLVED, S.CLOSED, S.NOT_OUR_MATTER},
    S.SOLVED: {S.OPEN, S.IN_PROGRESS, S.CLOSED},
    S.CLOSED: {S.OPEN},
    S.NOT_OUR_MATTER: {S.OPEN},
}


def plain_text(value: str | None, *, max_length: int | None = None, field: str | None = None) -> str:
    """Text as stored: HTML removed (kept as plain characters, escaped again on output), whitespace trimmed."""
    return clean_text(value, max_length=max_length, field=field)


def plain_line(value: str | None, *, max_length: int | None = None, field: str | None = None) -> str:
    """A name, an address or a phone number as stored: one line, cleaned like all text."""
    return clean_line(value, max_length=max_length, field=field)


def _label(by) -> str:
    return str(by) if getattr(by, "is_authenticated", False) else (by if isinstance(by, str) else "")


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def follow_url(report: Report) -> str:
    return settings.SITE_URL + reverse("reports:follow", args=[report.follow_token])


def _lock(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("quarter", "category").get(pk=report.pk)


def _root(report: Report) -> Report:
    """The original of a merged duplicate (updates on a duplicate go there)."""
    seen = set()
    while report.duplicate_of_id and report.pk not in seen:
        seen.add(report.pk)
        report = Report.objects.select_related("quarter", "category").get(pk=report.duplicate_of_id)
    return report


def clean_photos(files) -> list:
    """Check every photo before anything is stored, so a refused file loses nothing else."""
    files = [f for f in (files or []) if f]
    if len(files) > MAX_PHOTOS:
        raise DomainError(_("At most %(n)d photos per report.") % {"n": MAX_PHOTOS}, field="photos")
    return [clean_upload(f, kinds=("image",), max_bytes=MAX_PHOTO_BYTES) for f in files]


def _store_photos(report: Report, cleaned) -> None:
    for item in cleaned:
        photo = ReportPhoto(report=report, content_type=item.content_type, original_name=item.original_name)
        store(photo.image, item.content)
        photo.save()


def check_location(quarter, lat, lon, address: str, *, no_place: bool = False) -> tuple:
    """A point inside the quarter, an address, or (on the web form) explicitly no place."""
    if (lat is None) != (lon is None):
        raise DomainError(_("Give both latitude and longitude, or neither."), field="lat")
    if lat is None and address:
        # A typed address the city's register knows places the pin (also without JavaScript).
        found = places.resolve(quarter.city_id, address)
        if found is not None:
            lat, lon = found.lat, found.lon
    if lat is not None:
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            raise DomainError(_("Latitude and longitude must be numbers."), field="lat")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DomainError(_("Latitude and longitude are outside the valid range."), field="lat")
        if quarter.boundary and not geo.contains(quarter, lat, lon):
            raise DomainError(places.check_place(quarter, lat, lon).message, field="lat")
    elif not address and not no_place:
        raise DomainError(
            _("Put a pin on the map, type an address, or choose “no particular place”."), field="lat"
        )
    return lat, lon


def clean_attributes(category: Category, raw: dict, attributes=None) -> dict:
    """Answers to the category's extra questions, checked by type and list of values."""
    attributes = list(attributes if attributes is not None else category.attributes.all())
    out = {}
    for attr in attributes:
        value = raw.get(attr.code)
        if isinstance(value, list) and attr.datatype != CategoryAttribute.Datatype.MULTI:
            value = value[0] if value else None
        if value in (None, "", []):
            if attr.required:
                raise DomainError(
                    _("The question “%(q)s” must be answered.") % {"q": attr.description}, field=attr.code
                )
            continue
        keys = {str(v.get("key")) for v in attr.values or []}
        if attr.datatype == CategoryAttribute.Datatype.NUMBER:
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise DomainError(_("“%(q)s” must be a number.") % {"q": attr.description}, field=attr.code)
        elif attr.datatype == CategoryAttribute.Datatype.SINGLE:
            if str(value) not in keys:
                raise DomainError(
                    _("“%(v)s” is not a choice of “%(q)s”.") % {"v": value, "q": attr.description},
                    field=attr.code,
                )
            value = str(value)
        elif attr.datatype == CategoryAttribute.Datatype.MULTI:
            values = value if isinstance(value, list) else [value]
            bad = [v for v in values if str(v) not in keys]
            if bad:
                raise DomainError(
                    _("“%(v)s” is not a choice of “%(q)s”.") % {"v": bad[0], "q": attr.description},
                    field=attr.code,
                )
            value = [str(v) for v in values]
        elif attr.datatype == CategoryAttribute.Datatype.DATETIME:
            from django.utils.dateparse import parse_datetime

            if parse_datetime(str(value)) is None:
                raise DomainError(
                    _("“%(q)s” must be a date and time (ISO 8601).") % {"q": attr.description},
                    field=attr.code,
                )
            value = str(value)
        else:
            value = plain_text(str(value), max_length=1000, field=attr.code)
        out[attr.code] = value
    return out


def create_report(
    *,
    quarter,
    category: Category,
    description: str,
    lat=None,
    lon=None,
    address: str = "",
    no_place: bool = False,
    attributes: dict | None = None,
    category_attributes=None,
    reporter=None,
    name: str = "",
    email: str = "",
    phone: str = "",
    show_name: bool = False,
    photos=(),
    source: str = Report.Source.WEB,
    api_client: ApiClient | None = None,
    media_url: str = "",
    with_token: bool = False,
    language: str | None = None,
) -> Report:
    """File a report; the reporter gets a confirmation with the private follow link if an e-mail was given."""
    if not category.is_active or (category.city_id and category.city_id != quarter.city_id):
        raise DomainError(_("This category is not offered here."), field="category")
    description = plain_text(description, max_length=MAX_DESCRIPTION, field="description")
    if not description:
        raise DomainError(_("Describe what you want to report."), field="description")
    address = plain_line(address, max_length=250, field="address")
    lat, lon = check_location(quarter, lat, lon, address, no_place=no_place)
    answers = clean_attributes(category, attributes or {}, category_attributes)
    cleaned = clean_photos(photos)
    user = _user(reporter)
    email = clean_email(email) or (user.email if user else "")
    name = plain_line(name, max_length=160, field="name") or (user.display_name if user else "")
    now = timezone.now()
    with atomic_with_files():
        report = Report.objects.create(
            quarter=quarter,
            category=category,
            kind=category.kind,
            description=description,
            lat=lat,
            lon=lon,
            address=address,
            attributes=answers,
            reporter=user,
            reporter_name=name,
            reporter_email=email,
            reporter_phone=plain_line(phone, max_length=60, field="phone"),
            show_name=bool(show_name and name),
            language=(language or "")[:8],
            source=source,
            api_client=api_client,
            media_url=plain_line(media_url, max_length=500, field="media_url"),
            open311_token=secrets.token_hex(16) if with_token else None,
            created_at=now,
            updated_at=now,
        )
        _store_photos(report, cleaned)
        if email:
            queue_templated_mail(
                email,
                "reports/mail/received",
                {"report": report, "quarter": quarter, "link": follow_url(report)},
                language=language,
                purpose="reports.received",
            )
        generations.bump("reports", quarter.pk)
    return report


def support(*, report: Report, user=None, email: str = "", session_key: str = "") -> tuple[Report, bool]:
    """Add one person's support; a second support by the same person is ignored, never an error.

    A logged-in resident's support counts at once. One given with an e-mail address is stored
    unconfirmed and a confirmation link goes to that address: it counts, and the address hears about
    status changes, only once the link was followed (`confirm_support`). A browser session alone no
    longer counts: anyone could count again with a fresh one. Answers (report, stored now).
    """
    report = _root(report)
    if not report.is_open:
        raise InvalidTransition(_("This report is closed; it cannot be supported any more."))
    user = _user(user)
    if user and report.reporter_id == user.pk:
        raise Conflict(_("You filed this report yourself."))
    if not user and not email:
        raise DomainError(_("Log in or give your e-mail address to support this report."), field="email")
    token = ""
    if user:
        kwargs = {"report": report, "user": user, "confirmed_at": timezone.now()}
    else:
        token = secrets.token_urlsafe(32)
        kwargs = {
            "report": report,
            "email": clean_email(email),
            "confirm_token_hash": Support.hash_token(token),
        }
    try:
        with transaction.atomic():
            Support.objects.create(**kwargs)
            if user:
                Report.objects.filter(pk=report.pk).update(support_count=F("support_count") + 1)
                generations.bump("reports", report.quarter_id)
            else:
                queue_templated_mail(
                    kwargs["email"],
                    "reports/mail/support_confirm",
                    {
                        "report": report,
                        "quarter": report.quarter,
                        "link": settings.SITE_URL + reverse("reports:support_confirm", args=[token]),
                    },
                    purpose="reports.support_confirm",
                )
    except IntegrityError:
        return report, False
    report.refresh_from_db(fields=["support_count"])
    return report, True


def confirm_support(token: str) -> Report | None:
    """Count a support given with an e-mail address, once, when its link is followed; None for a bad link."""
    if not token:
        return None
    with transaction.atomic():
        supp = (
            Support.objects.select_for_update()
            .filter(confirm_token_hash=Support.hash_token(token))
            .select_related("report")
            .first()
        )
        if supp is None:
            return None
        if supp.confirmed_at is None:
            supp.confirmed_at = timezone.now()
            supp.save(update_fields=["confirmed_at"])
            target = _root(supp.report)
            Report.objects.filter(pk=target.pk).update(support_count=F("support_count") + 1)
            generations.bump("reports", target.quarter_id)
    return _root(supp.report)


def supported_by(report: Report, *, user=None, session_key: str = "") -> bool:
    qs = Support.objects.filter(report=report)
    if getattr(user, "is_authenticated", False):
        return qs.filter(user=user).exists() or (report.reporter_id == user.pk)
    return bool(session_key) and qs.filter(session_key=session_key).exists()


def _add_update(report, kind, *, by=None, text="", public=True, old="", new="", **data) -> ReportUpdate:
    return ReportUpdate.objects.create(
        report=report,
        kind=kind,
        author=_user(by),
        author_label=_label(by)[:200],
        old_status=old,
        new_status=new,
        text=text,
        is_public=public,
        data=data,
    )


def _notify(report: Report, update: ReportUpdate) -> None:
    """Tell the reporter, reporters of merged duplicates and supporters about a public change.

    Each reporter gets their own private follow link; supporters get the public page.
    """
    public_link = settings.SITE_URL + report.get_absolute_url()
    recipients: dict[str, tuple[str, str | None]] = {}
    # Supporters who gave an e-mail address (or have an account) hear about it too.
    supports = (
        Support.objects.filter(Q(report=report) | Q(report__duplicate_of=report))
        .filter(confirmed_at__isnull=False)
        .values_list("email", "user__email")
    )
    for email, user_email in supports[:1000]:
        if email or user_email:
            recipients[email or user_email] = (public_link, None)
    for twin in (
        Report.objects.filter(duplicate_of=report)
        .exclude(reporter_email="")
        .only("follow_key", "follow_hash", "reporter_email", "language")
    ):
        recipients[twin.reporter_email] = (follow_url(twin), twin.language or None)
    if report.reporter_email:
        lang = report.language or (
            report.reporter.preferred_language if report.reporter_id and report.reporter else None
        )
        recipients[report.reporter_email] = (follow_url(report), lang or None)
    for email, (link, lang) in sorted(recipients.items()):
        queue_templated_mail(
            email,
            "reports/mail/updated",
            {"report": report, "update": update, "link": link},
            language=lang,
            purpose="reports.updated",
        )


def _touch(report: Report, *, answered: bool = False, fields=()) -> None:
    now = timezone.now()
    report.updated_at = now
    fields = {"updated_at", *fields}
    if answered and report.first_answer_at is None:
        report.first_answer_at = now
        fields.add("first_answer_at")
    report.save(update_fields=sorted(fields))


def _require(rule, by, report, message=None):
    if not rule(by, report):
        raise NotAllowed(message or _("You may not do this with this report."))


def _set_status(report: Report, status: str) -> list[str]:
    if status not in TRANSITIONS.get(report.status, set()):
        raise InvalidTransition(
            _("A report that is “%(old)s” cannot become “%(new)s”.")
            % {"old": report.get_status_display(), "new": S(status).label if status in S.values else status}
        )
    report.status = status
    fields = ["status"]
    if status == S.SOLVED:
        report.solved_at = timezone.now()
        fields.append("solved_at")
    if status in Report.CLOSED_STATUSES or status == S.OPEN:
        report.due_at = None
        fields.append("due_at")
    return fields


def change_status(*, report: Report, by, status: str, note: str = "") -> Report:
    """Move a report to another status with a public note; the reporter hears of it."""
    note = plain_text(note, max_length=MAX_DESCRIPTION, field="note")
    with transaction.atomic():
        report = _lock(report)
        _require(rules.can_answer, by, report)
        old = report.status
        fields = _set_status(report, status)
        _touch(report, answered=True, fields=fields)
        update = _add_update(report, ReportUpdate.Kind.STATUS, by=by, text=note, old=old, new=status)
        audit.record(by, "reports.status_changed", report, status=[old, status])
        _notify(report, update)
    return report


def answer(*, report: Report, by, text: str, public: bool = True) -> ReportUpdate:
    """A public answer (the reporter is told) or an internal note for colleagues."""
    text = plain_text(text, max_length=MAX_DESCRIPTION, field="text")
    if not text:
        raise DomainError(_("Write an answer first."), field="text")
    with transaction.atomic():
        report = _lock(report)
        _require(rules.can_answer, by, report)
        kind = ReportUpdate.Kind.ANSWER if public else ReportUpdate.Kind.NOTE
        update = _add_update(report, kind, by=by, text=text, public=public)
        _touch(report, answered=public)
        audit.record(by, "reports.answered", report, public=public)
        if public:
            _notify(report, update)
    return update


def set_category(*, report: Report, by, category: Category) -> Report:
    with transaction.atomic():
        report = _lock(report)
        _require(rules.can_triage, by, report)
        if category.city_id and category.city_id != report.quarter.city_id:
            raise DomainError(_("This category is not offered here."), field="category")
        if category.pk == report.category_id:
            return report
        old = report.category
        report.category = category
        _touch(report, fields=["category"])
        _add_update(
            report,
            ReportUpdate.Kind.CATEGORY,
            by=by,
            text=f"{old.name} → {category.name}",
            old_category=old.code,
        )
        audit.record(by, "reports.category_changed", report, category=[old.code, category.code])
    return report


def set_kind(*, report: Report, by, kind: str) -> Report:
    """Mark a report as problem, question or idea."""
    if kind not in Category.Kind.values:
        raise DomainError(_("Unknown kind."), field="kind")
    with transaction.atomic():
        report = _lock(report)
        _require(rules.can_triage, by, report)
        old = report.kind
        if old == kind:
            return report
        report.kind = kind
        _touch(report, fields=["kind"])
        _add_update(report, ReportUpdate.Kind.KIND, by=by, text=Category.Kind(kind).label, old_kind=old)
        audit.record(by, "reports.kind_changed", report, kind=[old, kind])
    return report


def assign(*, report: Report, by, assignee=None) -> Report:
    """Give a report to a colleague of the office (or to nobody)."""
    with transaction.atomic():
        report = _lock(report)
        _require(rules.can_triage, by, report)
        if assignee is not None and not (is_staff_of_quarter(assignee, report) or assignee.is_superuser):
            raise DomainError(_("Only staff of this quarter can be assigned."), field="assignee")
        report.assigned_to = assignee
        _touch(report, fields=["assigned_to"])
        _add_update(report, ReportUpdate.Kind.ASSIGNED, by=by, text=str(assignee or "—"), public=False)
        audit.record(by, "reports.assigned", report, assignee=assignee.pk if assignee else None)
    return report


def merge(*, report: Report, into: Report, by) -> Report:
    """Mark `report` as a duplicate of `into`: it closes, its supporters and later updates go to the original."""
    into = _root(into)
    if into.pk == report.pk:
        raise DomainError(_("A report cannot be a duplicate of itself."), field="into")
    if into.quarter_id != report.quarter_id:
        raise DomainError(_("Only reports of the same quarter can be merged."), field="into")
    with transaction.atomic():
        # Lock both rows in a fixed order so two merges cannot deadlock.
        locked = {
            r.pk: r
            for r in Report.objects.select_for_update().filter(pk__in=[report.pk, into.pk]).order_by("pk")
        }
        report, into = locked[report.pk], locked[into.pk]
        _require(rules.can_triage, by, report)
        if report.duplicate_of_id:
            raise InvalidTransition(_("This report is already merged."))
        if into.duplicate_of_id:  # merged elsewhere meanwhile: never build a cycle
            raise InvalidTransition(_("The original has itself been merged meanwhile; try again."))
        old = report.status
        report.duplicate_of = into
        report.status = S.CLOSED
        report.due_at = None
        _touch(report, fields=["duplicate_of", "status", "due_at"])
        Report.objects.filter(pk=into.pk).update(
            support_count=F("support_count") + report.support_count + 1, updated_at=timezone.now()
        )
        text = _("Merged: this is the same as %(ref)s.") % {"ref": into.reference}
        update = _add_update(
            report, ReportUpdate.Kind.MERGED, by=by, text=text, old=old, new=S.CLOSED, into=into.pk
        )
        _add_update(
            into,
            ReportUpdate.Kind.MERGED,
            by=by,
            text=_("%(ref)s was merged into this report.") % {"ref": report.reference},
            public=False,
            merged=report.pk,
        )
        audit.record(by, "reports.merged", report, into=into.pk)
        _notify(report, update)
    return report


def moderate(
    *, report: Report, by, description: str | None = None, hidden: bool | None = None, reason: str = ""
) -> Report:
    """Edit inappropriate text or hide a report; the original text stays in the (internal) history."""
    reason = plain_text(reason, max_length=500, field="reason")
    with transaction.atomic():
        report = _lock(report)
        changes = {}
        fields = []
        if description is not None:
            _require(rules.can_edit, by, report)
            description = plain_text(description, max_length=MAX_DESCRIPTION, field="description")
            if not description:
                raise DomainError(_("The text cannot be empty."), field="description")
            if description != report.description:
                changes["original_description"] = report.description
                report.description = description
                fields.append("description")
        if hidden is not None and hidden != report.is_hidden:
            _require(rules.can_hide, by, report)
            changes["hidden"] = [report.is_hidden, hidden]
            report.is_hidden = hidden
            fields.append("is_hidden")
        if not fields:
            return report
        _touch(report, fields=fields)
        _add_update(report, ReportUpdate.Kind.MODERATED, by=by, text=reason, public=False, **changes)
        audit.record(by, "reports.moderated", report, reason=reason, **changes)
    return report


def set_update_public(*, update: ReportUpdate, by, public: bool, reason: str = "") -> ReportUpdate:
    """Hide (or show again) an entry of the public history, e.g. inappropriate information added later."""
    with transaction.atomic():
        report = _lock(update.report)
        _require(rules.can_hide, by, report)
        if update.kind not in HIDEABLE_UPDATES:
            raise DomainError(_("Only answers and added information can be hidden."))
        if update.is_public != public:
            update.is_public = public
            update.save(update_fields=["is_public"])
            _add_update(
                report,
                ReportUpdate.Kind.MODERATED,
                by=by,
                text=reason,
                public=False,
                update=update.pk,
                update_public=public,
            )
            audit.record(by, "reports.update_visibility", report, update=update.pk, public=public)
    return update


HIDEABLE_UPDATES = (ReportUpdate.Kind.REPORTER_INFO, ReportUpdate.Kind.ANSWER, ReportUpdate.Kind.BODY_ANSWER)


def set_photo_public(*, photo: ReportPhoto, by, public: bool) -> ReportPhoto:
    with transaction.atomic():
        report = _lock(photo.report)
        _require(rules.can_hide, by, report)
        photo.is_public = public
        photo.save(update_fields=["is_public"])
        _add_update(
            report, ReportUpdate.Kind.MODERATED, by=by, public=False, photo=photo.pk, photo_public=public
        )
        audit.record(by, "reports.photo_visibility", report, photo=photo.pk, public=public)
    return photo


def forward(*, report: Report, by, body: ResponsibleBody, note: str = "") -> Forwarding:
    """Send the report (text, place, photos, answer link) to a responsible body and record when and to whom."""
    note = plain_text(note, max_length=2000, field="note")
    if not body.email:
        raise DomainError(_("%(body)s has no e-mail address.") % {"body": body.name}, field="body")
    with transaction.atomic():
        report = _lock(report)
        _require(rules.can_forward, by, report)
        if body.city_id != report.quarter.city_id:
            raise DomainError(_("This body is not responsible for this city."), field="body")
        old = report.status
        fields = _set_status(report, S.FORWARDED) if old != S.FORWARDED else []
        now = timezone.now()
        forwarding = Forwarding.objects.create(
            report=report,
            body=body,
            email=body.email,
            sent_by=_user(by),
            sent_at=now,
            due_at=now + timedelta(days=body.response_days),
        )
        report.body = body
        report.due_at = forwarding.due_at
        _touch(report, answered=True, fields=[*fields, "body", "due_at"])
        update = _add_update(
            report,
            ReportUpdate.Kind.FORWARDED,
            by=by,
            text=_("Forwarded to %(body)s.") % {"body": body.name},
            old=old,
            new=S.FORWARDED,
            body=body.pk,
        )
        if note:
            _add_update(report, ReportUpdate.Kind.NOTE, by=by, text=note, public=False)
        attachments = []
        for photo in report.photos.filter(is_public=True)[:MAX_PHOTOS]:
            with photo.image.open("rb") as fh:
                attachments.append((f"{report.reference}-{photo.pk}.jpg", fh.read(), photo.content_type))
        queue_templated_mail(
            body.email,
            "reports/mail/forwarded",
            {
                "report": report,
                "body": body,
                "note": note,
                "answer_link": settings.SITE_URL + reverse("reports:body_answer", args=[forwarding.token]),
                "public_link": settings.SITE_URL + report.get_absolute_url(),
                "forwarding": forwarding,
            },
            attachments=attachments,
            purpose="reports.forwarded",
        )
        audit.record(by, "reports.forwarded", report, body=body.pk, email=body.email)
        if old != S.FORWARDED:
            _notify(report, update)
    return forwarding


BODY_STATUSES = (S.IN_PROGRESS, S.SOLVED, S.NOT_OUR_MATTER)


def body_answer(*, forwarding: Forwarding, text: str, status: str = "") -> ReportUpdate:
    """The responsible body answers through its private link; the answer appears on the report."""
    text = plain_text(text, max_length=MAX_DESCRIPTION, field="text")
    if not text:
        raise DomainError(_("Write an answer first."), field="text")
    if status and status not in BODY_STATUSES:
        raise DomainError(_("This status cannot be set here."), field="status")
    with transaction.atomic():
        report = _lock(forwarding.report)
        if report.status in (S.CLOSED,) or report.duplicate_of_id:
            raise InvalidTransition(
                _("This report is closed; answers are no longer taken through this link.")
            )
        old = report.status
        fields = ["due_at"]
        if status and status != old:
            fields += _set_status(report, status)
        report.due_at = None
        _touch(report, answered=True, fields=fields)
        Forwarding.objects.filter(pk=forwarding.pk, answered_at__isnull=True).update(
            answered_at=timezone.now()
        )
        update = _add_update(
            report,
            ReportUpdate.Kind.BODY_ANSWER,
            by=forwarding.body.name,
            text=text,
            old=old if status else "",
            new=status or "",
            body=forwarding.body_id,
        )
        audit.record(
            forwarding.body.name, "reports.body_answered", report, body=forwarding.body_id, status=status
        )
        _notify(report, update)
    return update


def add_reporter_info(*, report: Report, text: str, photos=()) -> ReportUpdate:
    """The reporter adds information or a photo through the private link (goes to the original if merged)."""
    text = plain_text(text, max_length=MAX_DESCRIPTION, field="text")
    cleaned = clean_photos(photos)
    if not text and not cleaned:
        raise DomainError(_("Write something or add a photo."), field="text")
    target = _root(report)
    with atomic_with_files():
        target = _lock(target)
        _store_photos(target, cleaned)
        update = _add_update(
            target,
            ReportUpdate.Kind.REPORTER_INFO,
            by=report.reporter_name if report.show_name else "",
            text=text,
            photos=len(cleaned),
            from_report=report.pk,
        )
        _touch(target)
    return update


def respond_to_solution(*, report: Report, confirmed: bool, by=None, note: str = "") -> Report:
    """ "Is this solved?" – the reporter or a supporter confirms (closes) or reopens a solved report."""
    note = plain_text(note, max_length=1000, field="note")
    with transaction.atomic():
        report = _lock(report)
        if report.status != S.SOLVED:
            raise InvalidTransition(_("Only a report marked as solved can be confirmed or reopened."))
        old = report.status
        new = S.CLOSED if confirmed else S.OPEN
        fields = _set_status(report, new)
        _touch(report, fields=fields)
        kind = ReportUpdate.Kind.CONFIRMED if confirmed else ReportUpdate.Kind.REOPENED
        update = _add_update(report, kind, by=by if _user(by) else "", text=note, old=old, new=new)
        audit.record(by, f"reports.{kind}", report)
        if not confirmed:
            _notify(report, update)
    return report


def reporter_says_fixed(*, report: Report, note: str = "") -> Report:
    """The reporter tells through the follow link that an open report has been fixed meanwhile (FixMyStreet)."""
    note = plain_text(note, max_length=1000, field="note")
    with transaction.atomic():
        report = _lock(report)
        if not report.is_open or report.duplicate_of_id:
            raise InvalidTransition(_("Only an open report can be marked as fixed."))
        old = report.status
        fields = _set_status(report, S.SOLVED)
        _touch(report, fields=fields)
        _add_update(report, ReportUpdate.Kind.FIXED, text=note, old=old, new=S.SOLVED)
        audit.record("reporter", "reports.reporter_says_fixed", report)
    return report


def convert_to_idea(*, report: Report, by, note: str = "") -> Report:
    """Hand a report that is really an idea on to project planning.

    The stable hook for the planning module: the report becomes kind "idea", closes with a public note, and
    waits for `link_project` to record which project took it up (`project_reference`).
    """
    note = plain_text(note, max_length=2000, field="note")
    with transaction.atomic():
        report = _lock(report)
        _require(rules.can_triage, by, report)
        if report.kind == Category.Kind.IDEA and report.status == S.CLOSED:
            raise InvalidTransition(_("This report has already been passed on as an idea."))
        old = report.status
        report.kind = Category.Kind.IDEA
        fields = ["kind"]
        if report.status != S.CLOSED:
            fields += _set_status(report, S.CLOSED)
        _touch(report, answered=True, fields=fields)
        update = _add_update(
            report,
            ReportUpdate.Kind.IDEA,
            by=by,
            text=note or _("Passed on as a project idea."),
            old=old,
            new=report.status,
        )
        audit.record(by, "reports.converted_to_idea", report)
        _notify(report, update)
    return report


def ideas_awaiting_project(quarter=None):
    """Reports passed on as ideas that no project has taken up yet (for the planning module)."""
    qs = Report.objects.filter(
        kind=Category.Kind.IDEA, project_reference__isnull=True, updates__kind=ReportUpdate.Kind.IDEA
    ).distinct()
    return qs.filter(quarter=quarter) if quarter is not None else qs


def link_project(*, report: Report, reference: str, by=None) -> Report:
    """Record which project took up a report's idea (called by the planning module)."""
    with transaction.atomic():
        report = _lock(report)
        report.project_reference = reference[:120]
        _touch(report, fields=["project_reference"])
        audit.record(by, "reports.project_linked", report, project=reference)
    return report


def create_api_client(
    *, quarter, name: str, by, contact_email: str = "", rate_limit: int = 120, returns_token: bool = False
) -> tuple[ApiClient, str]:
    """Issue an Open311 key for a client application; the clear key is shown once."""
    if not rules.can_manage_api_clients(by, quarter):
        raise NotAllowed(_("You may not manage Open311 keys here."))
    name = plain_line(name, max_length=120, field="name")
    if not name:
        raise DomainError(_("Name the application."), field="name")
    key = "o311_" + secrets.token_urlsafe(24)
    client = ApiClient.objects.create(
        quarter=quarter,
        name=name,
        contact_email=clean_email(contact_email, field="contact_email"),
        key_hash=ApiClient.hash_key(key),
        prefix=key[5:13],
        rate_limit_per_minute=max(1, rate_limit),
        returns_token=returns_token,
        created_by=_user(by),
    )
    audit.record(by, "reports.api_client_created", client, quarter=quarter, name=name)
    return client, key


OPEN311_KEY_CACHE = "open311-keys"  # namespace of the Open311 key lookups in core.keycache


def revoke_api_client(*, client: ApiClient, by) -> ApiClient:
    if not rules.can_manage_api_clients(by, client.quarter):
        raise NotAllowed(_("You may not manage Open311 keys here."))
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
        keycache.invalidate(OPEN311_KEY_CACHE)
        audit.record(by, "reports.api_client_revoked", client, quarter=client.quarter)
    return client
