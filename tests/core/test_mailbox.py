"""The demo mailbox shows every outbox mail with working links and attachments, in DEBUG only."""

import pytest
from django.urls import reverse

from quartierwerk.core.mail import queue_mail


@pytest.fixture
def mail(db):
    return queue_mail(
        "anna@example.org",
        "Ihr Entwurf",
        "Weiter geht es hier: http://127.0.0.1:8000/fund/a/geheim/ – bis bald.",
        attachments=[("termin.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    )


def test_mailbox_does_not_exist_outside_debug(client, mail, settings):
    settings.DEBUG = False
    for url in (
        reverse("core:mailbox"),
        reverse("core:mailbox_mail", args=[mail.pk]),
        reverse("core:mailbox_file", args=[mail.pk, 0]),
    ):
        assert client.get(url).status_code == 404
    assert "/dev/mailbox/" not in client.get("/").content.decode()


def test_mailbox_shows_the_mail_its_links_and_attachments(client, mail, settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    listing = client.get(reverse("core:mailbox")).content.decode()
    assert "Ihr Entwurf" in listing and "anna@example.org" in listing
    page = client.get(reverse("core:mailbox_mail", args=[mail.pk])).content.decode()
    # The link points at the host the demo is served from, and the text stays escaped.
    assert '<a href="http://testserver/fund/a/geheim/">http://127.0.0.1:8000/fund/a/geheim/</a>' in page
    response = client.get(reverse("core:mailbox_file", args=[mail.pk, 0]))
    assert response.content == b"BEGIN:VCALENDAR" and "attachment" in response["Content-Disposition"]
    assert client.get(reverse("core:mailbox_file", args=[mail.pk, 5])).status_code == 404


def test_mail_text_cannot_inject_markup(client, db, settings):
    settings.DEBUG = True
    mail = queue_mail(
        "a@example.org", "x", 'Hallo <script>alert(1)</script> http://evil.example/"onmouseover=x'
    )
    page = client.get(reverse("core:mailbox_mail", args=[mail.pk])).content.decode()
    assert "<script>alert" not in page and '"onmouseover' not in page


def test_serve_demo_starts_server_and_worker_and_stops_both(monkeypatch):
    from quartierwerk.core.management.commands import serve_demo

    started, stopped = [], []

    class FakeProcess:
        def __init__(self, args, **kwargs):
            self.args, self.pid, self.returncode = args, 1000 + len(started), None
            assert kwargs.get("start_new_session") is True
            started.append(self)

        def poll(self):
            return self.returncode

        def wait(self, timeout=None):
            self.returncode = 0
            return 0

    def interrupt(_seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(serve_demo.signal, "signal", lambda *args: None)
    monkeypatch.setattr(serve_demo.subprocess, "Popen", FakeProcess)
    monkeypatch.setattr(serve_demo.time, "sleep", interrupt)
    monkeypatch.setattr(serve_demo.os, "killpg", lambda pid, sig: stopped.append(pid))
    serve_demo.Command().handle(addrport="127.0.0.1:8001")
    assert [p.args[2] for p in started] == ["db_worker", "runserver"]
    assert sorted(stopped) == [1000, 1001]
