"""Background work of the core: sending outbox mail."""

from django_tasks import task

from . import mail


@task()
def send_outbox_mail(mail_id: int) -> bool:
    """Send one outbox mail; a failure leaves it pending for the scheduled retry."""
    return mail.deliver(mail_id)


@task()
def build_data_export(export_id: int) -> None:
    """Build one person's data export (Art. 15, 20 GDPR) and announce it by e-mail."""
    from .privacy_services.export import build

    build(export_id)
