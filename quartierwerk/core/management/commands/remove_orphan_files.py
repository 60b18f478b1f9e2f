from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from quartierwerk.core.files import orphan_files


class Command(BaseCommand):
    help = "Delete uploaded files that no row refers to (left by a process killed mid-upload). Run it daily."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="only files older than this (default 24)")
        parser.add_argument("--dry-run", action="store_true", help="list the files, delete nothing")

    def handle(self, *args, hours: int, dry_run: bool, **options):
        names = orphan_files(older_than=timedelta(hours=hours))
        for name in names:
            self.stdout.write(name)
            if not dry_run:
                default_storage.delete(name)
        verb = "found" if dry_run else "deleted"
        self.stdout.write(f"{len(names)} orphaned file(s) {verb}")
