from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartierwerk.core.models import City
from quartierwerk.council.importer import DirectoryFetch, http_fetch, import_all, import_papers
from quartierwerk.council.models import ImportSource
from quartierwerk.council.services import body_for


class Command(BaseCommand):
    help = (
        "Import papers from a city's OParl endpoint (only those modified since the last run) and suggest the "
        "papers that mention a quarter to its office. Without arguments every configured endpoint is read."
    )

    def add_arguments(self, parser):
        parser.add_argument("--city", help="slug of the city whose endpoint to read (and to set with --url)")
        parser.add_argument(
            "--url", help="the OParl System or Body URL of the city's council information system"
        )
        parser.add_argument(
            "--directory", help="read the OParl documents from this directory (urls.json) instead"
        )

    def handle(self, *args, city=None, url=None, directory=None, **options):
        fetch = DirectoryFetch(Path(directory)) if directory else http_fetch
        if not city:
            if url:
                raise CommandError("--url needs --city")
            self.stdout.write(import_all(fetch))
            return
        try:
            body = body_for(City.objects.get(slug=city))
        except City.DoesNotExist as missing:
            raise CommandError(f"no city {city!r}") from missing
        if url:
            source, _created = ImportSource.objects.update_or_create(body=body, defaults={"url": url})
        else:
            source = ImportSource.objects.filter(body=body).first()
            if source is None:
                raise CommandError("this city has no OParl endpoint yet: give --url")
        papers, suggested = import_papers(source, fetch)
        self.stdout.write(f"{body.name}: {papers} papers read, {suggested} new suggestions")
