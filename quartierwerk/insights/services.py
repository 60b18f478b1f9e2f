"""Every write of the insights module: the contact log, time, public figures, the report texts, generating
and publishing a report."""

import hashlib
import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, generations
from quartierwerk.core.errors import DomainError

from . import rules
from .models import AnnualReport, ContactLogEntry, FieldOfAction, PublicFigure, PublishedReport, TimeEntry


def _office(user, quarter) -> None:
    if not rules.can_keep_records(user, quarter):
        raise PermissionDenied(_("Only the office of the quarter may do this."))


def _changed(quarter) -> None:
    generations.bump("insights", quarter.pk)


def log_contact(*, by, quarter, channel: str, topic: str, language: str, referred_to: str, day=None):
    """Count one visit, call or e-mail at the contact point."""
    _office(by, quarter)
    with transaction.atomic():
        entry = ContactLogEntry(
            quarter=quarter, channel=channel, topic=topic, language=language[:8], referred_to=referred_to
        )
        if day is not None:
            entry.day = day
        entry.full_clean()
        entry.save()
        _changed(quarter)
    return entry


def add_field(*, by, quarter, title: str) -> FieldOfAction:
    _office(by, quarter)
    title = title.strip()
    if not title:
        raise DomainError(_("Give the field of action a title."), field="title")
    with transaction.atomic():
        field, _created = FieldOfAction.objects.get_or_create(
            quarter=quarter,
            title=title,
            defaults={"position": FieldOfAction.objects.filter(quarter=quarter).count()},
        )
        _changed(quarter)
    return field


def book_time(*, by, quarter, field: FieldOfAction, hours, day=None) -> TimeEntry:
    """Book the team's hours on a field of action."""
    _office(by, quarter)
    if field.quarter_id != quarter.pk:
        raise DomainError(_("This field of action belongs to another quarter."), field="field")
    if not hours or hours <= 0 or hours > 200:
        raise DomainError(_("Enter between 0.25 and 200 hours."), field="hours")
    with transaction.atomic():
        entry = TimeEntry(quarter=quarter, field=field, hours=hours)
        if day is not None:
            entry.day = day
        entry.save()
        _changed(quarter)
    return entry


def set_public_figures(*, by, quarter, keys) -> None:
    """The figures of this quarter that everyone may see on the city's overview."""
    _office(by, quarter)
    keys = {k[:80] for k in keys}
    with transaction.atomic():
        PublicFigure.objects.filter(quarter=quarter).exclude(key__in=keys).delete()
        existing = set(PublicFigure.objects.filter(quarter=quarter).values_list("key", flat=True))
        PublicFigure.objects.bulk_create(
            [PublicFigure(quarter=quarter, key=k) for k in sorted(keys - existing)]
        )
        audit.record(by, "insights.public_figures", quarter, quarter=quarter, keys=sorted(keys))
        _changed(quarter)


def report_for(quarter, year: int, kind: str) -> AnnualReport:
    """The report of the quarter for the year (created empty on first use)."""
    report, _created = AnnualReport.objects.get_or_create(quarter=quarter, year=year, kind=kind)
    return report


def write_sections(
    *, by, report: AnnualReport, introduction: str, highlights: str, outlook: str
) -> AnnualReport:
    """Save the sections the office writes itself; regenerating keeps them."""
    _office(by, report.quarter)
    with transaction.atomic():
        AnnualReport.objects.filter(pk=report.pk).update(
            introduction=introduction, highlights=highlights, outlook=outlook, updated_at=timezone.now()
        )
        audit.record(by, "insights.report_written", report)
        _changed(report.quarter)
    report.refresh_from_db()
    return report


def start_generation(*, by, report: AnnualReport) -> AnnualReport:
    """Regenerate the report's figures in the background; the page shows the progress."""
    from .tasks import generate_report

    _office(by, report.quarter)
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.status in (AnnualReport.Status.PENDING, AnnualReport.Status.RUNNING):
            return report
        AnnualReport.objects.filter(pk=report.pk).update(
            status=AnnualReport.Status.PENDING, steps_done=0, steps_total=0
        )
        transaction.on_commit(lambda: generate_report.enqueue(report.pk))
    report.refresh_from_db()
    return report


def generate(report_id: int) -> AnnualReport:
    """Compute the report's figures module by module, writing the progress to its row after each module."""
    from quartierwerk import modules

    from .figures import as_json

    report = AnnualReport.objects.select_related("quarter").get(pk=report_id)
    manifests = modules.manifests()
    AnnualReport.objects.filter(pk=report.pk).update(
        status=AnnualReport.Status.RUNNING, steps_total=len(manifests), steps_done=0
    )
    found = []
    try:
        for done, manifest in enumerate(manifests, start=1):
            declared = getattr(manifest, "figures", None)
            if declared is not None:
                found.extend(declared([report.quarter_id], report.year))
            AnnualReport.objects.filter(pk=report.pk).update(steps_done=done)
        public = report.kind == AnnualReport.Kind.PUBLIC
        if public:
            found = [f for f in found if f.public]
        rows = as_json(found, [report.quarter_id], public=public)
    except Exception:
        AnnualReport.objects.filter(pk=report.pk).update(status=AnnualReport.Status.FAILED)
        raise
    AnnualReport.objects.filter(pk=report.pk).update(
        status=AnnualReport.Status.DONE, figures=rows, generated_at=timezone.now()
    )
    report.refresh_from_db()
    return report


def publish(*, by, report: AnnualReport) -> PublishedReport:
    """Keep the generated report as a new immutable version: the PDF, the figures as JSON and their SHA-256."""
    from .pdf import report_pdf

    _office(by, report.quarter)
    if report.status != AnnualReport.Status.DONE:
        raise DomainError(_("Generate the report before publishing it."))
    figures_json = json.dumps(report.figures, ensure_ascii=False, sort_keys=True, indent=1)
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("quarter").get(pk=report.pk)
        version = (report.versions.order_by("-version").values_list("version", flat=True).first() or 0) + 1
        pdf = report_pdf(report, version=version)
        digest = hashlib.sha256(pdf + figures_json.encode()).hexdigest()
        published = PublishedReport.objects.create(
            report=report,
            version=version,
            pdf=pdf,
            figures_json=figures_json,
            texts={
                "introduction": report.introduction,
                "highlights": report.highlights,
                "outlook": report.outlook,
            },
            sha256=digest,
            published_by=by,
        )
        audit.record(by, "insights.report_published", report, version=version, sha256=digest)
        _changed(report.quarter)
    return published
