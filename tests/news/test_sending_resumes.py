"""5,000 subscribers on PostgreSQL: a sending worker killed in the middle of a batch – a real process killed
with SIGKILL, and a worker that dies while a second one works beside it – leaves nobody with the issue twice
and nobody without it once sending resumes."""

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection, connections

from quartierwerk.core import mail as core_mail
from quartierwerk.core.models import OutboxMail
from quartierwerk.news import newsletter
from quartierwerk.news.models import Delivery, Issue, Subscriber

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N = 5000
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def issue(quarter, user_with_role, monkeypatch):
    # The outbox rows are what is checked here; handing each one to the mail transport is the outbox's business.
    monkeypatch.setattr(core_mail, "_enqueue", lambda mail_id: None)
    Subscriber.objects.bulk_create(
        [
            Subscriber(city=quarter.city, email=f"leserin{i}@example.org", status="active", token=f"tok{i}")
            for i in range(N)
        ],
        batch_size=2500,
    )
    office = user_with_role("staff")
    issue = newsletter.compose(
        by=office, city=quarter.city, quarter=quarter, subject="Neues", rate_per_minute=N
    )
    assert newsletter.start_sending(issue=issue, by=office) == N
    return issue


def _assert_everyone_once(issue):
    sent = Counter(
        to[0]
        for to in OutboxMail.objects.filter(purpose="news.issue").values_list("to", flat=True).iterator()
    )
    assert len(sent) == N, f"{N - len(sent)} subscribers got nothing"
    assert max(sent.values()) == 1, "someone got the issue twice"
    assert not Delivery.objects.filter(issue=issue).exclude(status="sent").exists()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def _sending_backend_pid(own_pid: int) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> %s "
            "AND xact_start IS NOT NULL AND state IN ('active', 'idle in transaction') "
            "AND (query ILIKE '%%news_delivery%%' OR query ILIKE '%%core_outboxmail%%')",
            [own_pid],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def test_a_worker_process_killed_mid_batch_is_resumed_without_doubles_or_gaps(issue):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "quartierwerk.test_settings",
        "DATABASE_URL": os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"],
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "send_newsletter", "--once"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own = cursor.fetchone()[0]
    deadline = time.monotonic() + 60
    while _sending_backend_pid(own) is None:
        assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline, "the worker never started writing mails"
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)  # inside its one batch of 5,000, claimed and not committed
    worker.wait(timeout=30)
    # Its transaction is gone with it: nothing of the batch was kept.
    deadline = time.monotonic() + 30
    while _sending_backend_pid(own) is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert OutboxMail.objects.filter(purpose="news.issue").count() == 0
    assert Delivery.objects.filter(issue=issue, status="pending").count() == N
    assert newsletter.run(issue, sleep=lambda s: None) == N
    _assert_everyone_once(issue)


class WorkerDied(Exception):
    pass


def test_a_worker_dying_while_another_works_beside_it(issue, monkeypatch):
    Issue.objects.filter(pk=issue.pk).update(rate_per_minute=1000)
    real_queue_mails = newsletter.queue_mails
    holding = threading.Event()
    other_done = threading.Event()

    def dying_queue_mails(mails):
        stored = real_queue_mails(mails)
        if threading.current_thread().name == "dying":
            holding.set()  # the first worker holds its 1,000 rows, their mails written, not committed
            other_done.wait(60)
            raise WorkerDied
        return stored

    monkeypatch.setattr(newsletter, "queue_mails", dying_queue_mails)
    errors = []

    def dying():
        try:
            newsletter.send_batch(issue, 1000)
        except WorkerDied:
            pass
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    def beside():
        try:
            holding.wait(60)
            assert newsletter.send_batch(issue, 1000) == 1000  # skips the locked rows, takes the next ones
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            other_done.set()
            connections.close_all()

    threads = [threading.Thread(target=dying, name="dying"), threading.Thread(target=beside, name="beside")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert OutboxMail.objects.filter(purpose="news.issue").count() == 1000  # the dead worker's 1,000 are gone
    monkeypatch.setattr(newsletter, "queue_mails", real_queue_mails)
    assert newsletter.run(issue, sleep=lambda s: None) == N - 1000
    _assert_everyone_once(issue)
