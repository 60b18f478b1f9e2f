"""Send the newsletter issues that are being sent, at each issue's rate; safe to restart at any time."""

from django.core.management.base import BaseCommand

from quartierwerk.news import newsletter
from quartierwerk.news.models import Issue


class Command(BaseCommand):
    help = "Send waiting newsletter mails batch by batch (resumes where a stopped worker left off)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send one batch per issue and stop.")

    def handle(self, *args, once=False, **options):
        total = 0
        for issue in Issue.objects.filter(status=Issue.Status.SENDING).order_by("sending_started_at", "pk"):
            total += newsletter.run(issue, max_batches=1 if once else None)
        self.stdout.write(f"{total} mails put into the outbox.")
