"""The mail outbox: every e-mail is stored first and sent by the task queue, retried until it goes out."""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import interface_languages
from .models import OutboxMail
from .text import is_email, strip_controls

log = logging.getLogger(__name__)


def _interface_language(code: str | None) -> str | None:
    """The interface language a code stands for (`de-at` → `de`), or None when the site has no such language."""
    if not code:
        return None
    codes = [c for c, _name in settings.LANGUAGES]
    for candidate in (code, code.split("-")[0]):
        if candidate in codes:
            return candidate
    return None


def mail_language(to, language: str | None = None) -> str:
    """The language a mail to `to` is written in: the recipient's.

    1. what the caller names (the language the person used when they acted, stored with a report, say);
    2. for one recipient with an account, the language stored in it (German when none is stored): an account
       holder, often staff, is never written to in the language of somebody else's request;
    3. for one recipient without an account, the language of the request that triggers the mail: the person
       who just acted (a report, an application, a registration) reads the answer in the language they used;
    4. German (settings.LANGUAGE_CODE) otherwise: several recipients, or no request.
    """
    from .models import User

    if chosen := _interface_language(language):
        return chosen
    recipients = [to] if isinstance(to, str) else list(to)
    if len(recipients) == 1:
        stored = User.objects.filter(email__iexact=recipients[0]).values_list("preferred_language", flat=True)
        stored = list(stored[:1])
        if stored:
            return _interface_language(stored[0]) or settings.LANGUAGE_CODE
        return _interface_language(translation.get_language()) or settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE


def queue_mail(
    to,
    subject: str,
    body: str,
    *,
    html_body: str = "",
    attachments=(),
    reply_to: str = "",
    purpose: str = "",
    language: str = "",
    headers: dict | None = None,
    envelope_from: str = "",
) -> OutboxMail:
    """Store an e-mail in the outbox and enqueue its sending once the surrounding transaction commits.

    `attachments` is an iterable of (filename, bytes, content_type); `headers` are extra header lines (a line
    break in a name or value is refused); `envelope_from` is the address bounces go to (SMTP MAIL FROM).
    """
    mail = _outbox_mail(
        to,
        subject,
        body,
        html_body=html_body,
        attachments=attachments,
        reply_to=reply_to,
        purpose=purpose,
        language=language,
        headers=headers,
        envelope_from=envelope_from,
    )
    mail.save()
    if mail.to:
        transaction.on_commit(lambda: _enqueue(mail.pk))
    return mail


def queue_mails(mails: list[dict]) -> list[OutboxMail]:
    """Store many e-mails (each given as `queue_mail`'s arguments) with one insert; each is enqueued on commit."""
    stored = OutboxMail.objects.bulk_create([_outbox_mail(**kwargs) for kwargs in mails], batch_size=500)
    pks = [mail.pk for mail in stored if mail.to]
    if pks:
        transaction.on_commit(lambda: [_enqueue(pk) for pk in pks])
    return stored


def _outbox_mail(
    to,
    subject: str,
    body: str,
    *,
    html_body: str = "",
    attachments=(),
    reply_to: str = "",
    purpose: str = "",
    language: str = "",
    headers: dict | None = None,
    envelope_from: str = "",
) -> OutboxMail:
    """The outbox row of one mail, not saved yet, with every address and header checked."""
    headers = {
        str(name): str(value)
        for name, value in (headers or {}).items()
        if not any(ch in f"{name}{value}" for ch in "\r\n\x00")
    }
    if envelope_from and not is_email(envelope_from):
        log.warning("Outbox mail %r: envelope sender refused.", purpose)
        envelope_from = ""
    recipients = [to] if isinstance(to, str) else list(to)
    # Header injection is refused here as well as where addresses enter: a line break or a second address
    # in a field never reaches a header, and a mail with no valid recipient is never retried.
    refused = [r for r in recipients if not is_email(r)]
    if refused:
        log.warning("Outbox mail %r: %d recipient address(es) refused.", purpose, len(refused))
        recipients = [r for r in recipients if r not in refused]
    if reply_to and not is_email(reply_to):
        log.warning("Outbox mail %r: reply-to address refused.", purpose)
        reply_to = ""
    return OutboxMail(
        to=recipients,
        subject=" ".join(strip_controls(str(subject)).split())[:250],
        body=body,
        html_body=html_body,
        reply_to=reply_to,
        purpose=purpose,
        headers=headers,
        envelope_from=envelope_from,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        status=OutboxMail.Status.PENDING if recipients else OutboxMail.Status.FAILED,
        last_error="" if recipients else "No valid recipient address.",
        attachments=[
            {"filename": name, "content_type": ctype, "content_b64": base64.b64encode(content).decode()}
            for name, content, ctype in attachments
        ],
    )


def _signature(quarter) -> str:
    """A mail about a quarter is signed with the quarter's and its city's names (the city's theme, core/theme.py)."""
    if quarter is None or not getattr(quarter, "slug", None):
        return ""
    city = quarter._state.fields_cache.get("city")
    facts = None if city else interface_languages.quarter_facts(quarter.slug)
    city_name = city.name if city else (facts or {}).get("city_name", "")
    return f"\n-- \n{quarter.name} · {city_name}\n" if city_name else ""


def queue_templated_mail(
    to, template: str, context: dict, *, language: str | None = None, attachments=(), purpose: str = ""
) -> OutboxMail:
    """Render `<template>_subject.txt` and `<template>_body.txt` in the recipient's language and queue them.

    The language (see `mail_language`) is stored with the mail."""
    language = mail_language(to, language)
    with translation.override(language):
        ctx = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"{template}_subject.txt", ctx).strip()
        body = render_to_string(f"{template}_body.txt", ctx) + _signature(ctx.get("quarter"))
    return queue_mail(
        to, subject, body, attachments=attachments, purpose=purpose or template, language=language
    )


def _enqueue(mail_id: int) -> None:
    from .tasks import send_outbox_mail

    try:
        send_outbox_mail.enqueue(mail_id)
    except Exception:  # the queue being down must not lose the mail: the scheduled job retries it
        log.exception("Could not enqueue outbox mail %s; the scheduled job will retry it.", mail_id)


def deliver(mail_id: int) -> bool:
    """Try to send one outbox mail now; on failure keep it pending for a later attempt."""
    with transaction.atomic():
        mail = OutboxMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status != OutboxMail.Status.PENDING:
            return False
        mail.attempts += 1
        mail.last_attempt_at = timezone.now()
        if (
            not mail.to
            or not all(is_email(r) for r in mail.to)
            or (mail.reply_to and not is_email(mail.reply_to))
        ):
            # Stored before addresses were checked: no retry can make it valid.
            mail.status = OutboxMail.Status.FAILED
            mail.last_error = "Invalid recipient or reply-to address."
            mail.save(update_fields=["attempts", "last_attempt_at", "last_error", "status"])
            return False
        message = EmailMultiAlternatives(
            subject=mail.subject,
            body=mail.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=mail.to,
            reply_to=[mail.reply_to] if mail.reply_to else None,
            headers={**({"Content-Language": mail.language} if mail.language else {}), **(mail.headers or {})}
            or None,
        )
        if mail.envelope_from:
            # The SMTP backend gives `from_email` as the envelope sender (where bounces go); the From header
            # the reader sees stays the site's address.
            message.extra_headers["From"] = settings.DEFAULT_FROM_EMAIL
            message.from_email = mail.envelope_from
        if mail.html_body:
            message.attach_alternative(mail.html_body, "text/html")
        for att in mail.attachments:
            message.attach(att["filename"], base64.b64decode(att["content_b64"]), att["content_type"])
        try:
            message.send(fail_silently=False)
        except Exception as exc:  # any transport error: keep the mail and try again later
            mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
                mail.status = OutboxMail.Status.FAILED
            mail.save(update_fields=["attempts", "last_attempt_at", "last_error", "status"])
            return False
        mail.status = OutboxMail.Status.SENT
        mail.sent_at = timezone.now()
        mail.last_error = ""
        mail.save(update_fields=["attempts", "last_attempt_at", "last_error", "status", "sent_at"])
        return True


def retry_pending(now=None) -> int:
    """Enqueue pending mails whose back-off has passed; called by the scheduled job."""
    now = now or timezone.now()
    count = 0
    for mail in OutboxMail.objects.filter(status=OutboxMail.Status.PENDING).only(
        "pk", "attempts", "last_attempt_at"
    ):
        wait = timedelta(minutes=min(2**mail.attempts, 240))
        if mail.last_attempt_at is None or mail.last_attempt_at + wait <= now:
            _enqueue(mail.pk)
            count += 1
    return count
