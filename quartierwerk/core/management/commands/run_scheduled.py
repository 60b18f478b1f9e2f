from importlib import import_module

from django.core.management.base import BaseCommand

from quartierwerk.core import mail
from quartierwerk.core.privacy_services import enforce_retention
from quartierwerk.modules import MODULE_NAMES


class Command(BaseCommand):
    help = "Run the scheduled jobs once (mail retries, reminders, retention). Call it every few minutes from cron."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only list what the retention periods of the personal-data register would delete; change nothing.",
        )

    def handle(self, *args, **options):
        if options["dry_run"]:
            for item in enforce_retention(dry_run=True):
                ids = ", ".join(str(pk) for pk in item["ids"])
                self.stdout.write(f"would {item['action']} {item['model']}: {len(item['ids'])} rows ({ids})")
            return
        retried = mail.retry_pending()
        self.stdout.write(f"core: {retried} pending e-mails re-enqueued")
        for name in MODULE_NAMES:
            manifest = import_module(f"quartierwerk.{name}.manifest")
            job = getattr(manifest, "run_scheduled", None)
            if job is not None:
                self.stdout.write(f"{name}: {job()}")
        for item in enforce_retention():
            self.stdout.write(f"retention: {item['action']} {item['model']}: {len(item['ids'])} rows")
