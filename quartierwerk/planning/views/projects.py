"""Project pages: the public list and page with progress, the office's board by stage, list and editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404, staff_quarter
from quartierwerk.reports import services as report_services
from quartierwerk.reports.models import Report

from .. import rules, selectors, services, workflows
from ..forms import AmountsForm, MilestoneForm, ProjectFilterForm, ProjectForm, SourceForm
from ..models import FundingSource, Milestone
from ..workflows import MOVES, SOURCE_FLOW, SOURCE_MOVES

PAGE_SIZE = 20


def _filtered(request, quarter):
    form = ProjectFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.projects_for(quarter, stage=data.get("stage", ""), query=data.get("q", ""))
    return form, Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def project_list(request, slug):
    """The quarter's projects, filterable by stage and words of the title."""
    quarter = quarter_or_404(slug)
    form, page_obj = _filtered(request, quarter)
    return render(
        request,
        "planning/projects.html",
        {
            "quarter": quarter,
            "filter_form": form,
            "page_obj": page_obj,
            "is_office": rules.can_view_office(request.user, quarter),
        },
    )


def project_page(request, pk):
    """A project's public page: what it is, who carries it, its goals, milestones, progress and results."""
    project = selectors.project(pk)
    if project is None:
        raise Http404
    is_office = rules.can_view_office(request.user, project)
    return render(
        request,
        "planning/project.html",
        {
            "project": project,
            "quarter": project.quarter,
            "is_office": is_office,
            "by_kind": selectors.budget_by_kind(project),
        },
    )


def _office_project(request, pk, *, manage: bool = False):
    project = selectors.project(pk)
    if project is None:
        raise Http404
    allowed = rules.can_manage if manage else rules.can_view_office
    if not request.user.is_authenticated or not allowed(request.user, project):
        raise PermissionDenied
    return project


@login_required
def staff_board(request, slug):
    """The board: a column per stage, each card with buttons for the stages it may move to."""
    quarter = staff_quarter(request, slug)
    columns = selectors.board(quarter)
    moves = {p.pk: workflows.moves(request.user, p) for _stage, _label, cards, _n in columns for p in cards}
    return render(
        request,
        "planning/staff/board.html",
        {
            "quarter": quarter,
            "columns": [
                (stage, label, [(p, moves[p.pk]) for p in cards], n) for stage, label, cards, n in columns
            ],
            "can_manage": rules.can_manage(request.user, quarter),
        },
    )


@login_required
def staff_projects(request, slug):
    """The office's filterable list of projects."""
    quarter = staff_quarter(request, slug)
    form, page_obj = _filtered(request, quarter)
    return render(
        request,
        "planning/staff/projects.html",
        {
            "quarter": quarter,
            "filter_form": form,
            "page_obj": page_obj,
            "can_manage": rules.can_manage(request.user, quarter),
            "ideas": report_services.ideas_awaiting_project(quarter).select_related("category")[:20],
        },
    )


def _save(request, form, quarter, project=None):
    data = dict(form.cleaned_data)
    links = {name: data.pop(name) or () for name in ("partners", "goals")}
    lead = data.pop("lead")
    if project is None:
        data.pop("progress", None)
        data.pop("results", None)
        return services.create_project(by=request.user, quarter=quarter, lead=lead, **links, **data)
    return services.update_project(
        project=project, by=request.user, lead=lead, measures=list(project.measures.all()), **links, **data
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_project_new(request, slug):
    quarter = staff_quarter(request, slug)
    if not rules.can_manage(request.user, quarter):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, quarter=quarter)
    if request.method == "POST" and form.is_valid():
        try:
            project = _save(request, form, quarter)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The project is saved as an idea."))
            return redirect("planning:staff_project", project.pk)
    return render(
        request,
        "planning/staff/project_form.html",
        {"quarter": quarter, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_project(request, pk):
    """The office's page of one project: change it, add milestones, move it along."""
    project = _office_project(request, pk)
    can_manage = rules.can_manage(request.user, project)
    initial = {
        "title": project.title,
        "description": project.description,
        "place": project.place,
        "lead": project.lead,
        "partners": list(project.partners.all()),
        "goals": list(project.goals.all()),
        "progress": project.progress,
        "results": project.results,
    }
    form = ProjectForm(request.POST or None, initial=initial, quarter=project.quarter)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                _save(request, form, project.quarter, project)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, _("Saved."))
                return redirect("planning:staff_project", project.pk)
    return render(
        request,
        "planning/staff/project.html",
        {
            "project": project,
            "quarter": project.quarter,
            "form": form,
            "milestone_form": MilestoneForm(prefix="milestone"),
            "can_manage": can_manage,
            "moves": workflows.moves(request.user, project),
            "source_form": SourceForm(quarter=project.quarter, prefix="source"),
            "sources": [
                (
                    s,
                    [
                        (a, SOURCE_FLOW.transitions[i].label)
                        for i, a in enumerate(SOURCE_MOVES)
                        if SOURCE_FLOW.can(request.user, s, a)
                    ],
                )
                for s in project.funding_sources.all()
            ],
            "by_kind": selectors.budget_by_kind(project),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def staff_move(request, pk):
    """Move a project to another stage (a button on the board or on its page)."""
    project = _office_project(request, pk, manage=True)
    action = request.POST.get("action", "")
    if action not in MOVES:
        raise Http404
    try:
        project = services.move(project=project, by=request.user, action=action)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("“%(title)s” is now at the stage “%(stage)s”.")
            % {"title": project.title, "stage": project.get_stage_display()},
        )
    if request.POST.get("next") == "board":
        return redirect(f"{_board_url(project)}#card-{project.pk}")
    return redirect("planning:staff_project", project.pk)


def _board_url(project) -> str:
    return reverse("planning:staff_board", args=[project.quarter.slug])


@login_required
@require_POST
def staff_milestone(request, pk, milestone_pk=None):
    """Add a milestone, or mark one as done."""
    project = _office_project(request, pk, manage=True)
    try:
        if milestone_pk:
            milestone = get_object_or_404(Milestone, pk=milestone_pk, project=project)
            services.complete_milestone(milestone=milestone, by=request.user)
        else:
            form = MilestoneForm(request.POST, prefix="milestone")
            if not form.is_valid():
                messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
                return redirect("planning:staff_project", project.pk)
            services.add_milestone(project=project, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved."))
    return redirect("planning:staff_project", project.pk)


@login_required
@require_POST
def staff_from_report(request, slug, report_pk):
    """Create a project from a resident's report passed on as a project idea."""
    quarter = staff_quarter(request, slug)
    if not rules.can_manage(request.user, quarter):
        raise PermissionDenied
    report = get_object_or_404(Report, pk=report_pk, quarter=quarter)
    try:
        project = services.create_from_report(report=report, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("planning:staff_projects", quarter.slug)
    messages.success(request, _("The project is created from the report; the report links to it."))
    return redirect("planning:staff_project", project.pk)


@login_required
@require_POST
def staff_source(request, pk, source_pk=None):
    """Add a funding source, enter its amounts, or move it to its next state."""
    project = _office_project(request, pk, manage=True)
    try:
        if source_pk is None:
            form = SourceForm(request.POST, quarter=project.quarter, prefix="source")
            if not form.is_valid():
                raise DomainError(" ".join(str(e) for errors in form.errors.values() for e in errors))
            services.add_source(project=project, by=request.user, **form.cleaned_data)
        else:
            source = get_object_or_404(FundingSource, pk=source_pk, project=project)
            action = request.POST.get("action", "")
            if action in SOURCE_MOVES:
                services.advance(source=source, by=request.user, action=action)
            else:
                form = AmountsForm(request.POST)
                if not form.is_valid():
                    raise DomainError(" ".join(str(e) for errors in form.errors.values() for e in errors))
                services.set_amounts(source=source, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The budget is updated."))
    return redirect(f"{reverse('planning:staff_project', args=[project.pk])}#budget-title")
