"""Background work of the core: sending outbox mail."""

from django_tasks import task

from . import mail


@task()
def send_outbox_mail(mail_id: int) -> bool:
    """Send one outbox mail; a failure leaves it pending for the scheduled retry."""
    return mail.deliver(mail_id)
