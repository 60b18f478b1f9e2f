"""manage.py import_addresses CITY FILE [--epsg N] [--dry-run]: load an address list with progress output."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartierwerk.core.models import City
from quartierwerk.core.places import importer, services


class Command(BaseCommand):
    help = "Import an address list (CSV or GeoJSON) into a city's address register; a rerun adds nothing."

    def add_arguments(self, parser):
        parser.add_argument("city", help="slug of the city")
        parser.add_argument("file", help="CSV (semicolon or comma, UTF-8 or Latin-1) or GeoJSON")
        parser.add_argument(
            "--epsg", type=int, default=None, help="coordinate system, e.g. 25832, 25833, 31468"
        )
        parser.add_argument("--dry-run", action="store_true", help="check the file and report errors only")

    def handle(self, *args, city, file, epsg, dry_run, **options):
        try:
            target = City.objects.get(slug=city)
        except City.DoesNotExist as exc:
            raise CommandError(f"No city with slug {city!r}.") from exc
        data = Path(file).read_bytes()
        last = [-1]

        def progress(done: int, total: int) -> None:
            percent = 100 * done // max(total, 1)
            if percent != last[0]:
                last[0] = percent
                self.stdout.write(f"\r{percent:3d} % ({done}/{total} lines)", ending="")
                self.stdout.flush()

        try:
            result = services.import_addresses(
                city=target,
                data=data,
                filename=Path(file).name,
                epsg=epsg,
                dry_run=dry_run,
                progress=progress,
            )
        except importer.ImportFormatError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("")
        for error in result.errors:
            self.stderr.write(f"line {error.line}: {error.message}")
        if result.error_count > len(result.errors):
            self.stderr.write(f"… and {result.error_count - len(result.errors)} more errors")
        verb = "would be imported" if dry_run else "imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.rows} addresses {verb} ({result.created} new, {result.updated} updated), "
                f"{result.error_count} lines with errors."
            )
        )
