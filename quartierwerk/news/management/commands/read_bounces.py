"""Read delivery-status notifications (RFC 3464) from an mbox and record the bounces they report.

Each newsletter mail goes out with its own VERP return address (bounce+<delivery>-<signature>@…), so a
notification names the delivery it is about in its envelope recipient (`Delivered-To`/`X-Original-To`/`To`)
or, failing that, in the returned message's headers. A 5.x.x status is a hard bounce; after repeated hard
bounces the address is suspended.
"""

import mailbox
import re

from django.core.management.base import BaseCommand

from quartierwerk.news import newsletter

VERP = re.compile(r"bounce\+\d+-[0-9a-f]+@[\w.-]+", re.IGNORECASE)
STATUS = re.compile(r"^Status:\s*([245])\.\d+\.\d+", re.MULTILINE | re.IGNORECASE)


def _text(message) -> str:
    parts = []
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if payload:
            parts.append(payload.decode("utf-8", "replace"))
        elif part.get_content_type() in ("message/delivery-status", "message/rfc822", "text/rfc822-headers"):
            for sub in part.get_payload() or []:
                parts.append(str(sub))
    return "\n".join(parts)


def classify(message) -> tuple[int | None, bool | None]:
    """(delivery id, hard?) of one notification; (None, None) when it is not about one of our mails."""
    candidates = [message.get(h, "") for h in ("Delivered-To", "X-Original-To", "To", "Envelope-To")]
    text = _text(message)
    candidates += VERP.findall(text)
    delivery = next(
        (d for c in candidates for m in VERP.findall(c) if (d := newsletter.delivery_from_verp(m))), None
    )
    status = STATUS.search(text)
    if delivery is None or status is None:
        return None, None
    return delivery, status.group(1) == "5"


class Command(BaseCommand):
    help = "Record bounces from an mbox of delivery-status notifications."

    def add_arguments(self, parser):
        parser.add_argument("mbox", help="Path of the mbox file")

    def handle(self, *args, mbox, **options):
        hard = soft = ignored = suspended = 0
        for message in mailbox.mbox(mbox, create=False):
            delivery, is_hard = classify(message)
            if delivery is None:
                ignored += 1
                continue
            subscriber = newsletter.record_bounce(delivery, hard=is_hard)
            if is_hard:
                hard += 1
            else:
                soft += 1
            if subscriber is not None and subscriber.status == subscriber.Status.SUSPENDED:
                suspended += 1
        self.stdout.write(
            f"{hard} hard, {soft} soft bounces recorded, {ignored} messages ignored; {suspended} suspended."
        )
