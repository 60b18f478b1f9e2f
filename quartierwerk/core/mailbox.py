"""The demo mailbox: in DEBUG, every mail of the outbox can be read in the browser, links and attachments included.

A demo has no mail server, yet residents get their private links only by mail. Outside DEBUG these pages
do not exist (404), whoever asks.
"""

import base64
import re

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import OutboxMail

LINK = re.compile(r"https?://[^\s<>\"')]+")


def _require_debug() -> None:
    if not settings.DEBUG:
        raise Http404


def _local(url: str, request) -> str:
    """A link to this site points at the host the demo is served from (the mail names SITE_URL)."""
    site = settings.SITE_URL.rstrip("/")
    if url.startswith(site + "/") or url == site:
        return request.build_absolute_uri(url[len(site) :] or "/")
    return url


def _linked_body(body: str, request) -> str:
    """The plain-text body, escaped, with every address made a link."""
    parts, last = [], 0
    for match in LINK.finditer(body):
        url = match.group(0).rstrip(".,;:")
        parts.append(escape(body[last : match.start()]))
        parts.append(f'<a href="{escape(_local(url, request))}">{escape(url)}</a>')
        last = match.start() + len(url)
    parts.append(escape(body[last:]))
    return mark_safe("".join(parts))


def mailbox(request):
    """Every mail the site has sent or is about to send, newest first."""
    _require_debug()
    page_obj = Paginator(
        OutboxMail.objects.only("pk", "created_at", "to", "subject", "status", "attachments"), 25
    ).get_page(request.GET.get("page"))
    return render(request, "core/mailbox.html", {"page_obj": page_obj})


def mailbox_mail(request, mail_id: int):
    _require_debug()
    mail = get_object_or_404(OutboxMail, pk=mail_id)
    return render(
        request,
        "core/mailbox_mail.html",
        {
            "mail": mail,
            "body": _linked_body(mail.body, request),
            "attachments": [(i, a["filename"], a["content_type"]) for i, a in enumerate(mail.attachments)],
        },
    )


def mailbox_attachment(request, mail_id: int, index: int):
    _require_debug()
    mail = get_object_or_404(OutboxMail, pk=mail_id)
    if index >= len(mail.attachments):
        raise Http404
    attachment = mail.attachments[index]
    response = HttpResponse(
        base64.b64decode(attachment["content_b64"]), content_type=attachment["content_type"]
    )
    name = attachment["filename"].replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
