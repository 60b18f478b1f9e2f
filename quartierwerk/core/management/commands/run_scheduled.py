from importlib import import_module

from django.core.management.base import BaseCommand

from quartierwerk.core import mail
from quartierwerk.modules import MODULE_NAMES


class Command(BaseCommand):
    help = "Run the scheduled jobs once (mail retries, reminders, retention). Call it every few minutes from cron."

    def handle(self, *args, **options):
        retried = mail.retry_pending()
        self.stdout.write(f"core: {retried} pending e-mails re-enqueued")
        for name in MODULE_NAMES:
            manifest = import_module(f"quartierwerk.{name}.manifest")
            job = getattr(manifest, "run_scheduled", None)
            if job is not None:
                self.stdout.write(f"{name}: {job()}")
