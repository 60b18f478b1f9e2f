"""Writes of the address register: importing address lists (upsert, so a rerun adds nothing)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from quartierwerk.core import audit
from quartierwerk.core.models import City

from . import importer, keys
from .models import Address, AddressImport

BATCH = 2000


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[importer.RowError] = field(default_factory=list)
    error_count: int = 0
    preview: list[importer.Row] = field(default_factory=list)


Progress = Callable[[int, int], None]


def address_from_row(city: City, row: importer.Row) -> Address:
    return Address(
        city=city,
        street=row.street,
        house_number=row.house_number,
        postcode=row.postcode,
        place=row.place,
        lat=row.lat,
        lon=row.lon,
        search_key=keys.search_key(row.street, row.house_number)[:200],
        number_sort=min(keys.number_sort(row.house_number), 2**31 - 1),
    )


def upsert(batch: list[Address]) -> None:
    Address.objects.bulk_create(
        batch,
        update_conflicts=True,
        unique_fields=["city", "search_key", "postcode"],
        update_fields=["street", "house_number", "place", "lat", "lon", "number_sort"],
    )


def import_addresses(
    *,
    city: City,
    data: bytes,
    filename: str = "",
    epsg: int | None = None,
    dry_run: bool = False,
    preview_rows: int = 20,
    progress: Progress | None = None,
    actor=None,
) -> ImportResult:
    """Read an address list and store its good rows for the city (unless dry_run); report every bad row.

    Rows are upserted on (city, search key, postcode), so importing the same list again changes nothing.
    Raises importer.ImportFormatError when the file as a whole cannot be read.
    """
    result = ImportResult()
    total = importer.count_lines(data)
    before = 0 if dry_run else Address.objects.filter(city=city).count()
    batch: dict[tuple[str, str], Address] = {}

    def flush():
        if batch and not dry_run:
            with transaction.atomic():
                upsert(list(batch.values()))
        batch.clear()

    for item in importer.read(data, filename=filename, epsg=epsg):
        if isinstance(item, importer.RowError):
            result.error_count += 1
            if len(result.errors) < importer.MAX_ERRORS:
                result.errors.append(item)
            continue
        result.rows += 1
        if len(result.preview) < preview_rows:
            result.preview.append(item)
        address = address_from_row(city, item)
        # The same address twice in one file: the later line wins (one statement may not upsert a row twice).
        batch[(address.search_key, address.postcode)] = address
        if len(batch) >= BATCH:
            flush()
            if progress:
                progress(item.line, total)
    flush()
    if progress:
        progress(total, total)
    if not dry_run:
        result.created = Address.objects.filter(city=city).count() - before
        result.updated = result.rows - result.created
        if actor is not None:
            audit.record(actor, "places.addresses_imported", city, rows=result.rows, created=result.created)
    return result


def keep_upload(*, city: City, data: bytes, filename: str, epsg: int | None, actor) -> AddressImport:
    """Keep an uploaded list (after its preview) until staff start the import."""
    return AddressImport.objects.create(
        city=city,
        filename=filename[:200],
        data=data,
        epsg=epsg,
        started_by=actor,
        lines_total=importer.count_lines(data),
    )


def enqueue_import(job: AddressImport) -> None:
    """Start a kept upload's import in the background (after this transaction commits)."""
    from .tasks import run_address_import

    if job.status == AddressImport.Status.PENDING:
        transaction.on_commit(lambda: run_address_import.enqueue(job.pk))


def start_import(*, city: City, data: bytes, filename: str, epsg: int | None, actor) -> AddressImport:
    """Keep an uploaded list and enqueue its import in the background."""
    with transaction.atomic():
        job = keep_upload(city=city, data=data, filename=filename, epsg=epsg, actor=actor)
        enqueue_import(job)
    return job


def run_import(job_id: int) -> AddressImport:
    """Import a kept upload, writing progress to its row as it goes; the file is dropped at the end."""
    job = AddressImport.objects.select_related("city", "started_by").get(pk=job_id)
    if job.status not in (AddressImport.Status.PENDING, AddressImport.Status.FAILED):
        return job
    AddressImport.objects.filter(pk=job.pk).update(status=AddressImport.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        AddressImport.objects.filter(pk=job.pk).update(lines_done=done, lines_total=total)

    try:
        result = import_addresses(
            city=job.city,
            data=bytes(job.data),
            filename=job.filename,
            epsg=job.epsg,
            progress=progress,
            actor=job.started_by,
        )
    except importer.ImportFormatError as exc:
        AddressImport.objects.filter(pk=job.pk).update(
            status=AddressImport.Status.FAILED, message=str(exc), finished_at=timezone.now()
        )
    except Exception:
        # Leave no import "running" for ever; the worker logs the error itself.
        AddressImport.objects.filter(pk=job.pk).update(
            status=AddressImport.Status.FAILED, finished_at=timezone.now()
        )
        raise
    else:
        AddressImport.objects.filter(pk=job.pk).update(
            status=AddressImport.Status.DONE,
            created=result.created,
            updated=result.updated,
            error_count=result.error_count,
            errors=[{"line": e.line, "message": e.message} for e in result.errors],
            data=b"",
            finished_at=timezone.now(),
        )
    job.refresh_from_db()
    return job
