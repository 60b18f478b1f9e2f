"""The office's writes on projects: create (also from a resident's report), change, move along the stages."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.actors.models import Organisation
from quartierwerk.core import audit
from quartierwerk.core.errors import Conflict, DomainError, require
from quartierwerk.core.text import clean_line, clean_text
from quartierwerk.reports import services as report_services
from quartierwerk.reports.models import Report

from .. import rules
from ..models import Goal, Measure, Milestone, Project
from ..workflows import PROJECT_FLOW


def organisations_for(quarter):
    """The directory entries a project of this quarter may name as lead or partner."""
    return Organisation.objects.filter(Q(quarter=quarter) | Q(quarter__isnull=True, city=quarter.city_id))


def goals_for(quarter):
    return Goal.objects.filter(field_of_action__plan__quarter=quarter).select_related("field_of_action__plan")


def measures_for(quarter):
    return Measure.objects.filter(goal__field_of_action__plan__quarter=quarter).select_related(
        "goal__field_of_action__plan"
    )


def _fields(quarter, *, title, description="", place="", progress=0, results="") -> dict:
    title = clean_line(title, max_length=200, field="title")
    if not title:
        raise DomainError(_("Please give the project a title."), field="title")
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        raise DomainError(_("Give the progress between 0 and 100 per cent."), field="progress")
    return {
        "title": title,
        "description": clean_text(description, max_length=4000, field="description"),
        "place": clean_line(place, max_length=250, field="place"),
        "progress": progress,
        "results": clean_text(results, max_length=4000, field="results"),
    }


def _links(project, quarter, *, lead=None, partners=(), goals=(), measures=()) -> None:
    """Set lead, partners, goals and measures, each checked to belong to the project's quarter."""
    orgs = organisations_for(quarter)
    if lead is not None and not orgs.filter(pk=lead.pk).exists():
        raise DomainError(_("The lead must be in the directory of this quarter."), field="lead")
    partner_ids = {o.pk for o in partners}
    if len(partner_ids) != orgs.filter(pk__in=partner_ids).count():
        raise DomainError(_("Partners must be in the directory of this quarter."), field="partners")
    goal_ids = {g.pk for g in goals}
    if len(goal_ids) != goals_for(quarter).filter(pk__in=goal_ids).count():
        raise DomainError(_("Goals must come from this quarter's action plan."), field="goals")
    measure_ids = {m.pk for m in measures}
    if len(measure_ids) != measures_for(quarter).filter(pk__in=measure_ids).count():
        raise DomainError(_("Measures must come from this quarter's action plan."), field="measures")
    project.lead = lead
    project.save(update_fields=["lead"])
    project.partners.set(partner_ids)
    project.goals.set(goal_ids)
    project.measures.set(measure_ids)


def create_project(
    *,
    by,
    quarter,
    title,
    description="",
    place="",
    lead=None,
    partners=(),
    goals=(),
    measures=(),
    report=None,
) -> Project:
    """A new project in the stage "idea"."""
    require(rules.can_manage(by, quarter), _("You may not start projects in this quarter."))
    fields = _fields(quarter, title=title, description=description, place=place)
    with transaction.atomic():
        project = Project.objects.create(quarter=quarter, created_by=by, report=report, **fields)
        _links(project, quarter, lead=lead, partners=partners, goals=goals, measures=measures)
        audit.record(by, "planning.project_created", project, title=project.title)
    return project


def update_project(
    *, project: Project, by, lead=None, partners=(), goals=(), measures=(), **fields
) -> Project:
    """Change what a project is, who carries it, its progress and results, and which goals it serves."""
    PROJECT_FLOW.check(by, project, "edit")
    values = _fields(project.quarter, **fields)
    with transaction.atomic():
        project = Project.objects.select_for_update().select_related("quarter").get(pk=project.pk)
        for name, value in values.items():
            setattr(project, name, value)
        project.updated_at = timezone.now()
        project.save()
        _links(project, project.quarter, lead=lead, partners=partners, goals=goals, measures=measures)
        audit.record(by, "planning.project_changed", project, title=project.title, progress=project.progress)
    return project


def move(*, project: Project, by, action: str) -> Project:
    """Move a project to the next stage the transition table allows for `action`."""
    with transaction.atomic():
        project = Project.objects.select_for_update().select_related("quarter").get(pk=project.pk)
        PROJECT_FLOW.check(by, project, action)
        old = project.stage
        project.stage = PROJECT_FLOW.target(project, action)
        if project.stage == Project.Stage.COMPLETED:
            project.progress = 100
        project.updated_at = timezone.now()
        project.save(update_fields=["stage", "progress", "updated_at"])
        audit.record(by, "planning.project_moved", project, old=old, new=project.stage)
    return project


def create_from_report(*, report: Report, by) -> Project:
    """Take up a report passed on as a project idea: a new project, and the link on both sides."""
    require(rules.can_manage(by, report.quarter), _("You may not start projects in this quarter."))
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("quarter", "category").get(pk=report.pk)
        if report.project_reference or Project.objects.filter(report=report).exists():
            raise Conflict(_("A project has already taken up this report."))
        if not report_services.ideas_awaiting_project(report.quarter).filter(pk=report.pk).exists():
            raise DomainError(_("Only reports passed on as project ideas can become projects."))
        words = report.description.split()
        title = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
        project = create_project(
            by=by,
            quarter=report.quarter,
            title=f"{report.category.name}: {title}"[:200],
            description=report.description,
            place=report.address,
            report=report,
        )
        report_services.link_project(report=report, reference=project.get_absolute_url(), by=by)
    return project


def add_milestone(*, project: Project, by, title: str, due_on: datetime.date) -> Milestone:
    PROJECT_FLOW.check(by, project, "edit")
    title = clean_line(title, max_length=200, field="title")
    if not title:
        raise DomainError(_("Please give the milestone a title."), field="title")
    if not isinstance(due_on, datetime.date):
        raise DomainError(_("Please give the date."), field="due_on")
    with transaction.atomic():
        milestone = Milestone.objects.create(project=project, title=title, due_on=due_on)
        audit.record(by, "planning.project_changed", project, milestone=title)
    return milestone


def complete_milestone(*, milestone: Milestone, by, done_on: datetime.date | None = None) -> Milestone:
    PROJECT_FLOW.check(by, milestone.project, "edit")
    with transaction.atomic():
        milestone.done_on = done_on or timezone.localdate()
        milestone.save(update_fields=["done_on"])
        audit.record(by, "planning.project_changed", milestone.project, milestone_done=milestone.title)
    return milestone
