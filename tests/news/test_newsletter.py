"""The newsletter: double opt-in, consent migrated from the directory, composing from news and events, a test
send, sending through the outbox with one-click unsubscribe headers and VERP return paths, bounces read from
an mbox, the archive and the figures of an issue."""

import datetime
import mailbox
from email.message import EmailMessage

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quartierwerk.actors.models import Consent, Person
from quartierwerk.core.models import OutboxMail
from quartierwerk.events.models import Event
from quartierwerk.news import newsletter
from quartierwerk.news.models import Delivery, Issue, Subscriber

from .conftest import make_post

pytestmark = pytest.mark.django_db


def _link(mail, marker):
    return (
        next(w for w in mail.body.split() if marker in w)
        .replace("http://testserver", "")
        .split("http://127.0.0.1:8000")[-1]
    )


@pytest.fixture
def office(user_with_role, login_as):
    user = user_with_role("staff")
    login_as(user)
    return user


def _subscribe(client, quarter, email="anwohnerin@example.org"):
    response = client.post(
        reverse("news:subscribe", args=[quarter.slug]),
        {"email": email, "topics": ["events"], "consent": "on"},
    )
    assert response.status_code == 200, response.content.decode()[:1500]
    return OutboxMail.objects.filter(to=[email]).latest("pk")


def test_a_resident_subscribes_with_double_opt_in(client, quarter):
    mail = _subscribe(client, quarter)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "pending" and subscriber.confirmed_at is None
    assert subscriber.consent_text.startswith("Ich möchte den Newsletter")  # the text as the page showed it
    assert client.get(_link(mail, "/newsletter/confirm/")).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "active" and subscriber.confirmed_at is not None
    assert list(subscriber.quarters.all()) == [quarter] and subscriber.topics == ["events"]
    # Asking again with a subscribed address sends nothing and answers the same.
    before = OutboxMail.objects.count()
    client.post(reverse("news:subscribe", args=[quarter.slug]), {"email": subscriber.email, "consent": "on"})
    assert OutboxMail.objects.count() == before


def test_a_subscription_without_consent_is_refused(client, quarter):
    response = client.post(reverse("news:subscribe", args=[quarter.slug]), {"email": "x@example.org"})
    assert response.status_code == 400 and not Subscriber.objects.exists()


def test_newsletter_consents_of_the_directory_are_migrated_with_their_source(quarter):
    migration = __import__(
        "quartierwerk.news.migrations.0003_directory_newsletter_consents", fromlist=["forwards"]
    )
    given = timezone.now() - datetime.timedelta(days=100)
    yes = Person.objects.create(quarter=quarter, first_name="A", email="Ja@Example.org")
    Consent.objects.create(
        person=yes, for_newsletter=True, source="paper_form", text="Newsletter ja", given_at=given
    )
    withdrawn = Person.objects.create(quarter=quarter, first_name="B", email="nein@example.org")
    Consent.objects.create(person=withdrawn, for_newsletter=True, withdrawn_at=timezone.now())
    other = Person.objects.create(quarter=quarter, first_name="C", email="einladung@example.org")
    Consent.objects.create(person=other, for_invitations=True)
    migration.forwards(apps, None)
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.source, subscriber.source_detail) == (
        "ja@example.org",
        "directory",
        "paper_form",
    )
    assert subscriber.status == "active" and subscriber.confirmed_at == given
    assert subscriber.consent_text == "Newsletter ja" and subscriber.person == yes
    assert list(subscriber.quarters.all()) == [quarter]


@pytest.fixture
def subscribers(quarter, other_quarter):
    made = [
        Subscriber.objects.create(
            city=quarter.city, email=f"leser{i}@example.org", status="active", token=f"t{i}"
        )
        for i in range(3)
    ]
    Subscriber.objects.create(city=quarter.city, email="offen@example.org", status="pending", token="p")
    Subscriber.objects.create(city=other_quarter.city, email="fremd@example.org", status="active", token="f")
    return made


def _compose(quarter, office):
    posts = [
        make_post(quarter, 0, title="Sommerfest im Rabet"),
        make_post(quarter, 1, title="Neue Sprechzeiten"),
    ]
    start = timezone.now() + datetime.timedelta(days=3)
    event = Event.objects.create(
        city=quarter.city,
        quarter=quarter,
        title="Stadtteilwerkstatt",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    return newsletter.compose(
        by=office,
        city=quarter.city,
        quarter=quarter,
        subject="Neues aus Grünau",
        intro="Hallo!",
        posts=posts,
        events=[event],
        rate_per_minute=2,
    )


def test_the_office_composes_tests_and_sends_an_issue(client, quarter, office, subscribers):
    response = client.get(reverse("news:staff_compose", args=[quarter.slug]))
    assert response.status_code == 200
    issue = _compose(quarter, office)
    assert "Sommerfest im Rabet" in issue.body and "Stadtteilwerkstatt" in issue.body
    client.post(reverse("news:staff_issue_action", args=[issue.pk, "test"]), {"to": "buero@example.org"})
    assert OutboxMail.objects.filter(to=["buero@example.org"], subject__startswith="[TEST]").exists()
    client.post(reverse("news:staff_issue_action", args=[issue.pk, "send"]))
    issue.refresh_from_db()
    assert issue.status == "sending" and issue.deliveries.count() == 3
    sleeps = []
    assert newsletter.run(issue, sleep=sleeps.append) == 3
    assert len(sleeps) == 2  # 2 mails a minute: three batches, waiting between them
    issue.refresh_from_db()
    assert issue.status == "sent"
    mails = OutboxMail.objects.filter(purpose="news.issue")
    assert sorted(m.to[0] for m in mails) == [s.email for s in subscribers]
    mail = mails.get(to=["leser0@example.org"])
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        mail.headers["List-Unsubscribe"].startswith("<http")
        and "/newsletter/unsubscribe/t0/" in mail.headers["List-Unsubscribe"]
    )
    delivery = Delivery.objects.get(subscriber=subscribers[0])
    assert newsletter.delivery_from_verp(mail.envelope_from) == delivery.pk
    assert newsletter.delivery_from_verp(mail.envelope_from.replace("bounce+", "bounce+9")) is None


def test_one_click_unsubscribe_needs_no_csrf_token_and_counts_for_the_issue(quarter, office, subscribers):
    issue = _compose(quarter, office)
    newsletter.start_sending(issue=issue, by=office)
    newsletter.run(issue, sleep=lambda s: None)
    browserless = Client(enforce_csrf_checks=True)
    url = reverse("news:unsubscribe", args=["t1"]) + f"?issue={issue.pk}"
    response = browserless.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Subscriber.objects.get(token="t1").status == "unsubscribed"
    assert newsletter.figures(issue)["unsubscribed"] == 1
    assert (
        browserless.get(reverse("news:unsubscribe", args=["t2"])).status_code == 200
    )  # a page with a button


def test_bounces_from_an_mbox_suspend_after_repeated_hard_bounces(tmp_path, quarter, office, subscribers):
    box = mailbox.mbox(tmp_path / "bounces.mbox")
    for n in range(3):
        issue = _compose(quarter, office)
        newsletter.start_sending(issue=issue, by=office)
        newsletter.run(issue, sleep=lambda s: None)
        for subscriber, status in ((subscribers[0], "5.1.1"), (subscribers[1], "4.2.2")):
            verp = newsletter.verp_address(Delivery.objects.get(issue=issue, subscriber=subscriber).pk)
            box.add(_dsn(verp, subscriber.email, status))
    box.add(_dsn("jemand@example.org", "x@example.org", "5.1.1"))  # not one of ours
    box.flush()
    call_command("read_bounces", str(tmp_path / "bounces.mbox"))
    hard, soft = Subscriber.objects.get(token="t0"), Subscriber.objects.get(token="t1")
    assert (hard.status, hard.hard_bounces) == ("suspended", 3)
    assert (soft.status, soft.hard_bounces) == ("active", 0)
    assert newsletter.figures(Issue.objects.latest("pk"))["bounced"] == 2
    # Read twice, nothing is counted twice.
    call_command("read_bounces", str(tmp_path / "bounces.mbox"))
    assert Subscriber.objects.get(token="t0").hard_bounces == 3


def _dsn(verp: str, original: str, status: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "MAILER-DAEMON@mx.example.net"
    msg["To"] = verp
    msg["Subject"] = "Undelivered Mail Returned to Sender"
    msg.set_content("This is the mail system. Your message could not be delivered.")
    msg.make_mixed()
    report = EmailMessage()
    report.set_content(
        f"Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; {original}\nAction: failed\n"
        f"Status: {status}\nDiagnostic-Code: smtp; 550 no such user\n"
    )
    msg.attach(report)
    return msg


def test_the_archive_lists_sent_issues_only(client, quarter, office, subscribers):
    sent = _compose(quarter, office)
    newsletter.start_sending(issue=sent, by=office)
    newsletter.run(sent, sleep=lambda s: None)
    draft = newsletter.compose(by=office, city=quarter.city, quarter=quarter, subject="Noch nicht")
    client.logout()
    page = client.get(reverse("news:archive", args=[quarter.slug])).content.decode()
    assert "Neues aus Grünau" in page and "Noch nicht" not in page
    assert client.get(reverse("news:issue", args=[sent.pk])).status_code == 200
    assert client.get(reverse("news:issue", args=[draft.pk])).status_code == 404
