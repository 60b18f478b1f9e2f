from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quartierwerk.core import demo
from quartierwerk.core.models import Quarter


class Command(BaseCommand):
    help = (
        "Load the invented demo data (five quarters, one user per role, each module's examples). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Only load when the database has no quarter yet."
        )
        parser.add_argument("--quiet", action="store_true", help="Do not print the demo log-ins.")
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            dest="not_production",
            help="Load even with DEBUG off (a test or demonstration server that no real person uses).",
        )

    def handle(self, *args, if_empty=False, quiet=False, not_production=False, **options):
        if not settings.DEBUG and not not_production:
            # The demo creates an administrator with a published password and second-factor key.
            raise CommandError(
                "Refusing to load the demo with DEBUG off: it creates an administrator whose password and "
                "authenticator key are published. On a server that no real person uses, pass "
                "--i-know-this-is-not-production."
            )
        if if_empty and Quarter.objects.exists():
            self.stdout.write("The database already has data; demo not loaded.")
        else:
            demo.load()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if not quiet:
            self.stdout.write("")
            self.stdout.write(f"Demo log-ins (password for all: {demo.DEMO_PASSWORD}):")
            for role, email, note in demo.login_table():
                self.stdout.write(f"  {role:<22} {email:<42} {note}")
            self.stdout.write(
                f"Accounts marked TOTP use the authenticator key {demo.DEMO_TOTP_BASE32}; "
                "`DEBUG=true .venv/bin/python manage.py demo_totp` prints the current code."
            )
