"""Reminders sent once (core.reminders): mark and mail in one transaction, idempotent, one mail when two
workers run the same job at once (PostgreSQL, two real connections)."""

import threading
import time

import pytest
from django.db import connection

from quartierwerk.core import reminders
from quartierwerk.core.mail import queue_mail
from quartierwerk.core.models import AccessibilityFeedback, OutboxMail
from tests.conftest import run_concurrently

pytestmark = pytest.mark.django_db


def _due():
    return AccessibilityFeedback.objects.filter(handled_at__isnull=True).order_by("pk")


def _send(row) -> int:
    queue_mail(row.email, "Erinnerung", f"Zu {row.page_url}", purpose="test.reminder")
    return 1


def _rows(n):
    return [
        AccessibilityFeedback.objects.create(page_url=f"/s/{i}", message="x", email=f"p{i}@test.example")
        for i in range(n)
    ]


def test_each_due_row_is_reminded_once_and_marked():
    rows = _rows(3)
    AccessibilityFeedback.objects.filter(pk=rows[0].pk).update(handled_at="2026-01-01T00:00:00Z")
    assert reminders.send_once(_due(), mark="handled_at", send=_send) == 2
    assert not _due().exists()
    assert OutboxMail.objects.filter(purpose="test.reminder").count() == 2
    # Run again: nothing is due, nothing is sent.
    assert reminders.send_once(_due(), mark="handled_at", send=_send) == 0
    assert OutboxMail.objects.filter(purpose="test.reminder").count() == 2


def test_a_row_already_marked_since_it_was_selected_is_skipped():
    (row,) = _rows(1)
    due = _due()
    assert list(due) == [row]  # selected, then another run marks it first
    assert reminders.send_once(_due(), mark="handled_at", send=_send) == 1
    assert reminders.mark_once(due, row, mark="handled_at") is False
    assert OutboxMail.objects.filter(purpose="test.reminder").count() == 1


def test_a_failing_mail_leaves_the_row_due():
    _rows(2)

    def broken(row) -> int:
        raise RuntimeError("mail server away")

    with pytest.raises(RuntimeError):
        reminders.send_once(_due(), mark="handled_at", send=broken)
    assert _due().count() == 2 and not OutboxMail.objects.exists()
    assert reminders.send_once(_due(), mark="handled_at", send=_send) == 2


def test_the_limit_bounds_one_run():
    _rows(3)
    assert reminders.send_once(_due(), mark="handled_at", send=_send, limit=2) == 2
    assert _due().count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_one_mail_per_row():
    assert connection.vendor == "postgresql"
    _rows(5)
    inside = threading.Event()

    def slow(row) -> int:
        inside.set()
        time.sleep(0.2)  # hold the row lock while the other run reaches it
        return _send(row)

    results = run_concurrently(lambda: reminders.send_once(_due(), mark="handled_at", send=slow), [(), ()])
    assert [exc for _r, exc in results if exc is not None] == []
    assert sum(r for r, _exc in results) == 5
    assert OutboxMail.objects.filter(purpose="test.reminder").count() == 5
    assert sorted(m.to[0] for m in OutboxMail.objects.all()) == sorted(f"p{i}@test.example" for i in range(5))
    assert inside.is_set()
