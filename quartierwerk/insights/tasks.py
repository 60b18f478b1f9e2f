"""Background work of insights: generating an annual report."""

from django_tasks import task


@task()
def generate_report(report_id: int) -> str:
    """Generate one report's figures; progress is written to its AnnualReport row."""
    from . import services

    return services.generate(report_id).status
