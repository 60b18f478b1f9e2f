"""Newsletter services: double opt-in, one-click unsubscribe, composing, test sends, resumable batch sending
through the outbox, and bounces read back from VERP return addresses.

Sending is resumable because each batch is one transaction: its deliveries are claimed with
`select_for_update(skip_locked=True)`, each mail is stored in the outbox and the delivery marked sent before
the commit. A worker killed inside a batch leaves nothing of it behind (the rows stay pending and unlocked),
two workers never claim the same row, and the unique (issue, subscriber) pair means nobody is listed twice.
"""

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import DomainError, InvalidTransition, require
from quartierwerk.core.mail import queue_mail, queue_mails, queue_templated_mail
from quartierwerk.core.text import clean_email, clean_line, clean_text

from . import rules, selectors
from .models import Delivery, Issue, Subscriber, Topic

# After this many hard bounces an address gets no more issues until it subscribes anew.
SUSPEND_AFTER_HARD_BOUNCES = 3
MAX_BATCH = 1000


def consent_text() -> str:
    """The consent a subscriber gives, in the language of the page, stored with the subscription."""
    return _(
        "I would like to receive the newsletter of the neighbourhood management by e-mail. My address is used "
        "only for this and is not passed on. I can unsubscribe at any time with the link in every issue."
    )


def _token() -> str:
    return secrets.token_urlsafe(24)


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


# Subscribing ---------------------------------------------------------------------------------------------


def subscribe(*, city, email, quarters=(), topics=(), language: str = "") -> Subscriber:
    """Ask for a subscription: a confirmation mail goes out; nothing is sent before the link is followed.

    An address already subscribed gets no mail and no different answer (the form reveals nobody's list).
    """
    email = clean_email(email, required=True)
    topics = [t for t in topics if t in Topic.values]
    quarters = [q for q in quarters if q.city_id == city.pk]
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(city=city, email=email).first()
        if subscriber is not None and subscriber.status == Subscriber.Status.ACTIVE:
            return subscriber
        if subscriber is None:
            subscriber = Subscriber(city=city, email=email)
        subscriber.status = Subscriber.Status.PENDING
        subscriber.source = Subscriber.Source.WEB_FORM
        subscriber.topics = topics
        subscriber.language = language
        subscriber.consent_text = consent_text()
        subscriber.requested_at = timezone.now()
        subscriber.token = _token()
        subscriber.save()
        subscriber.quarters.set(quarters)
        queue_templated_mail(
            email,
            "news/mail/confirm",
            {"city": city, "url": _absolute(reverse("news:confirm", args=[subscriber.token]))},
            language=language,
            purpose="news.confirm_subscription",
        )
    return subscriber


def confirm(*, token: str) -> Subscriber:
    """The second step of the double opt-in: the subscription starts, its time and text kept as consent."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
        if subscriber is None or subscriber.status not in (
            Subscriber.Status.PENDING,
            Subscriber.Status.ACTIVE,
        ):
            raise DomainError(_("This confirmation link is not valid (any more)."))
        if subscriber.requested_at < timezone.now() - timedelta(days=7):
            raise DomainError(_("This confirmation link has expired. Please subscribe again."))
        if subscriber.status == Subscriber.Status.PENDING:
            subscriber.status = Subscriber.Status.ACTIVE
            subscriber.confirmed_at = timezone.now()
            subscriber.hard_bounces = 0
            subscriber.save(update_fields=["status", "confirmed_at", "hard_bounces"])
    return subscriber


def unsubscribe(*, token: str, issue_id: int | None = None) -> Subscriber | None:
    """End a subscription by its link (one click, RFC 8058); the issue it came from counts it."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
        if subscriber is None:
            return None
        if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = now
            subscriber.save(update_fields=["status", "unsubscribed_at"])
            if issue_id:
                Delivery.objects.filter(issue_id=issue_id, subscriber=subscriber).update(unsubscribed_at=now)
    return subscriber


# Composing and sending -----------------------------------------------------------------------------------


def compose(
    *, by, city, quarter=None, subject, intro="", posts=(), events=(), topic="", rate_per_minute=300
) -> Issue:
    """A draft issue from an introduction, news posts and coming events; its text is fixed here."""
    probe = Issue(city=city, quarter=quarter)
    require(rules.can_send_newsletter(by, probe), _("You may not send the newsletter here."))
    subject = clean_line(subject, max_length=200, field="subject")
    if not subject:
        raise DomainError(_("Please give the issue a subject."), field="subject")
    if topic and topic not in Topic.values:
        raise DomainError(_("Please choose the topics from the list."), field="topic")
    if not isinstance(rate_per_minute, int) or not 1 <= rate_per_minute <= 100_000:
        raise DomainError(_("Give a rate between 1 and 100,000 mails per minute."), field="rate_per_minute")
    intro = clean_text(intro, max_length=4000, field="intro")
    with transaction.atomic():
        issue = Issue.objects.create(
            city=city,
            quarter=quarter,
            topic=topic,
            subject=subject,
            intro=intro,
            rate_per_minute=rate_per_minute,
            created_by=by,
        )
        issue.posts.set(posts)
        issue.events.set(events)
        with translation.override(settings.LANGUAGE_CODE):
            issue.body = render_to_string(
                "news/mail/issue_body.txt",
                {
                    "issue": issue,
                    "posts": [(p, _absolute(p.get_absolute_url())) for p in issue.posts.all()],
                    "events": [
                        (e, _absolute(e.get_absolute_url())) for e in issue.events.order_by("starts_at")
                    ],
                },
            )
        issue.save(update_fields=["body"])
        audit.record(by, "news.issue_composed", issue, subject=issue.subject)
    return issue


def verp_address(delivery_id: int) -> str:
    """The envelope sender of one delivery: bounces name the delivery, signed so nobody can forge one."""
    local, _at, domain = settings.DEFAULT_FROM_EMAIL.rpartition("<")[2].rstrip(">").partition("@")
    sig = hmac.new(settings.SECRET_KEY.encode(), f"verp:{delivery_id}".encode(), hashlib.sha256).hexdigest()[
        :10
    ]
    return f"bounce+{delivery_id}-{sig}@{domain}"


def delivery_from_verp(address: str) -> int | None:
    """The delivery id a VERP address names, or None when it is not one of ours."""
    local = (address or "").strip().strip("<>").partition("@")[0]
    if not local.startswith("bounce+") or "-" not in local:
        return None
    ident, _dash, sig = local[len("bounce+") :].partition("-")
    if not ident.isdigit() or not hmac.compare_digest(verp_address(int(ident)).partition("@")[0], local):
        return None
    return int(ident)


def _mail_for(issue: Issue, delivery: Delivery) -> dict:
    subscriber = delivery.subscriber
    link = _absolute(reverse("news:unsubscribe", args=[subscriber.token])) + f"?issue={issue.pk}"
    body = issue.body + "\n-- \n" + _("Unsubscribe with one click: %(url)s") % {"url": link} + "\n"
    return {
        "to": subscriber.email,
        "subject": issue.subject,
        "body": body,
        "purpose": "news.issue",
        "language": settings.LANGUAGE_CODE,
        "headers": {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<newsletter.{issue.city.slug}.quartierwerk>",
        },
        "envelope_from": verp_address(delivery.pk),
    }


def send_test(*, issue: Issue, by, to: str = "") -> None:
    """Send the issue once to the office (the person's own address by default), marked as a test."""
    require(rules.can_send_newsletter(by, issue), _("You may not send the newsletter here."))
    to = clean_email(to or by.email, field="to", required=True)
    with transaction.atomic():
        queue_mail(to, "[TEST] " + issue.subject, issue.body, purpose="news.issue_test")
        issue.test_sent_at = timezone.now()
        issue.save(update_fields=["test_sent_at"])
        audit.record(by, "news.issue_tested", issue)


def start_sending(*, issue: Issue, by, rate_per_minute: int | None = None) -> int:
    """List the recipients (one delivery each) and hand the issue to the sending worker; answers their number."""
    require(rules.can_send_newsletter(by, issue), _("You may not send the newsletter here."))
    if issue.status != Issue.Status.DRAFT:
        raise InvalidTransition(_("This issue is already being sent."))
    if rate_per_minute is not None:
        if not isinstance(rate_per_minute, int) or rate_per_minute < 1:
            raise DomainError(
                _("Give a rate between 1 and 100,000 mails per minute."), field="rate_per_minute"
            )
        issue.rate_per_minute = rate_per_minute
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status != Issue.Status.DRAFT:
            raise InvalidTransition(_("This issue is already being sent."))
        ids = selectors.recipients(issue).values_list("pk", flat=True)
        Delivery.objects.bulk_create(
            [Delivery(issue=issue, subscriber_id=pk) for pk in ids.iterator()],
            batch_size=1000,
            ignore_conflicts=True,
        )
        issue.status = Issue.Status.SENDING
        issue.sending_started_at = timezone.now()
        if rate_per_minute is not None:
            issue.rate_per_minute = rate_per_minute
        issue.save(update_fields=["status", "sending_started_at", "rate_per_minute"])
        audit.record(by, "news.issue_sending", issue, rate_per_minute=issue.rate_per_minute)
    return issue.deliveries.count()


def send_batch(issue: Issue, size: int) -> int:
    """Put the next `size` waiting deliveries of the issue into the outbox; answers how many went.

    Runs in one transaction: killed half-way, it leaves its deliveries waiting and no mail behind.
    """
    size = max(1, min(size, MAX_BATCH))
    now = timezone.now()
    with transaction.atomic():
        claimed = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(issue=issue, status=Delivery.Status.PENDING)
            .select_related("subscriber")
            .order_by("pk")[:size]
        )
        going = []
        for delivery in claimed:
            # A subscriber who left or was suspended after the list was made gets nothing.
            if delivery.subscriber.status != Subscriber.Status.ACTIVE:
                delivery.status = Delivery.Status.SKIPPED
                continue
            going.append(delivery)
        mails = queue_mails([_mail_for(issue, delivery) for delivery in going])
        for delivery, mail in zip(going, mails, strict=True):
            delivery.status = Delivery.Status.SENT
            delivery.sent_at = now
            delivery.mail_id = mail.pk
        Delivery.objects.bulk_update(claimed, ["status", "sent_at", "mail_id"], batch_size=500)
    if not claimed:
        _finish(issue)
    return len(claimed)


def _finish(issue: Issue) -> None:
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status == Issue.Status.SENDING and not issue.deliveries.filter(status="pending").exists():
            issue.status = Issue.Status.SENT
            issue.sent_at = timezone.now()
            issue.save(update_fields=["status", "sent_at"])


def run(issue: Issue, *, sleep: Callable[[float], None] = time.sleep, max_batches: int | None = None) -> int:
    """Send an issue at its rate: one batch per minute of `rate_per_minute` mails, until none is waiting."""
    sent = batches = 0
    while True:
        issue.refresh_from_db(fields=["rate_per_minute", "status"])
        if issue.status != Issue.Status.SENDING:
            return sent
        started = time.monotonic()
        n = send_batch(issue, issue.rate_per_minute)
        sent += n
        batches += 1
        if n == 0 or (max_batches is not None and batches >= max_batches):
            return sent
        sleep(max(0.0, 60.0 - (time.monotonic() - started)))


# Bounces -------------------------------------------------------------------------------------------------


def record_bounce(delivery_id: int, *, hard: bool) -> Subscriber | None:
    """A delivery-status notification came back: count it; suspend the address after repeated hard bounces."""
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update().filter(pk=delivery_id).select_related("subscriber").first()
        )
        if delivery is None or delivery.bounced_at is not None:
            return None
        delivery.bounced_at = now
        delivery.status = Delivery.Status.BOUNCED
        delivery.save(update_fields=["bounced_at", "status"])
        subscriber = Subscriber.objects.select_for_update().get(pk=delivery.subscriber_id)
        if hard:
            subscriber.hard_bounces += 1
            if (
                subscriber.hard_bounces >= SUSPEND_AFTER_HARD_BOUNCES
                and subscriber.status == Subscriber.Status.ACTIVE
            ):
                subscriber.status = Subscriber.Status.SUSPENDED
                subscriber.suspended_at = now
            subscriber.save(update_fields=["hard_bounces", "status", "suspended_at"])
    return subscriber


def figures(issue: Issue) -> dict[str, int]:
    """Sent, bounced and unsubscribed of one issue (no opens, no clicks: nothing is tracked)."""
    return issue.deliveries.aggregate(
        listed=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        waiting=Count("pk", filter=Q(status=Delivery.Status.PENDING)),
        bounced=Count("pk", filter=Q(bounced_at__isnull=False)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
    )
