import pytest
from django.core import mail

from quartierwerk.core import mail as outbox
from quartierwerk.core.models import OutboxMail


class BrokenBackend:
    """A mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_mail_is_sent_through_the_queue_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = outbox.queue_mail(
            "anna@test.example",
            "Betreff",
            "Text",
            attachments=[("a.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        )
    queued.refresh_from_db()
    assert queued.status == OutboxMail.Status.SENT and queued.attempts == 1
    assert mail.outbox[0].subject == "Betreff"
    assert mail.outbox[0].attachments[0][0] == "a.ics"


def test_mail_server_down_delays_mail_and_loses_none(db, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "tests.core.test_mail_outbox.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        queued = outbox.queue_mail("anna@test.example", "Betreff", "Text")
    queued.refresh_from_db()
    assert queued.status == OutboxMail.Status.PENDING
    assert "mail server down" in queued.last_error
    # The server is back; the scheduled job retries once the back-off has passed.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from datetime import timedelta

    from django.utils import timezone

    assert outbox.retry_pending(now=timezone.now()) == 0  # still backing off
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.retry_pending(now=timezone.now() + timedelta(hours=1)) == 1
    queued.refresh_from_db()
    assert queued.status == OutboxMail.Status.SENT
    assert len(mail.outbox) == 1


def test_mail_gives_up_after_max_attempts(db, settings):
    settings.EMAIL_BACKEND = "tests.core.test_mail_outbox.BrokenBackend"
    settings.MAIL_MAX_ATTEMPTS = 2
    queued = OutboxMail.objects.create(to=["a@test.example"], subject="s", body="b")
    outbox.deliver(queued.pk)
    outbox.deliver(queued.pk)
    queued.refresh_from_db()
    assert queued.status == OutboxMail.Status.FAILED and queued.attempts == 2


@pytest.mark.django_db(transaction=True)
def test_database_task_backend_stores_the_send_task(settings):
    """With the production backend the task waits in the database until a worker runs it."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # resets the handlers
    queued = outbox.queue_mail("anna@test.example", "Betreff", "Text")
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert OutboxMail.objects.get(pk=queued.pk).status == OutboxMail.Status.PENDING
    from django.core.management import call_command

    call_command("db_worker", batch=True, interval=0, verbosity=0)
    assert OutboxMail.objects.get(pk=queued.pk).status == OutboxMail.Status.SENT
    assert len(mail.outbox) == 1
