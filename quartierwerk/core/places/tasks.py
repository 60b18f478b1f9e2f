"""Background work of the address register."""

from django_tasks import task

from . import services


@task()
def run_address_import(job_id: int) -> str:
    """Import one uploaded address list; progress is written to its AddressImport row."""
    return services.run_import(job_id).status
