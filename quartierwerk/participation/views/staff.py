"""The office's pages: start and edit a process and its phases, publish, answer ideas, moderate, print codes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import staff_quarter

from .. import rules, selectors, services
from ..forms import AnswerForm, CodesForm, HideForm, OfflineIdeaForm, PhaseForm, ProcessForm, QuestionForm
from ..models import Comment, Idea, Phase, Question, SurveyAnswer
from ..phases import PhaseKind
from ..services import surveys
from ..services.processes import CONCEPT_FIELDS
from ..services.similarity import duplicates_of
from ..workflows import PROCESS_FLOW
from .common import back, page


def _office_process(request, pk, *, run: bool = True):
    """The process of the URL for its office: reading for city staff of the quarter, running for staff."""
    process = selectors.process(pk)
    if process is None:
        raise Http404
    allowed = rules.can_run_process if run else rules.can_view_office
    if not request.user.is_authenticated or not allowed(request.user, process):
        raise PermissionDenied
    return process


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


@login_required
def staff_list(request, slug):
    """Every process of the quarter, drafts included."""
    quarter = staff_quarter(request, slug)
    processes = page(request, selectors.processes_for(quarter, include_drafts=True))
    return render(
        request,
        "participation/staff/list.html",
        {"quarter": quarter, "page_obj": processes, "can_run": rules.can_run_process(request.user, quarter)},
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_new(request, slug):
    quarter = staff_quarter(request, slug)
    if not rules.can_run_process(request.user, quarter):
        raise PermissionDenied
    form = ProcessForm(request.POST or None, city=quarter.city)
    if request.method == "POST" and form.is_valid():
        try:
            process = services.create_process(
                by=request.user, city=quarter.city, quarter=quarter, **form.service_fields()
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The process is saved as a draft. Now add its phases."))
            return redirect("participation:staff_process", process.pk)
    return render(
        request,
        "participation/staff/process_form.html",
        {"quarter": quarter, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_process(request, pk):
    """The office's page of one process: concept, timeline, figures and the next steps."""
    process = _office_process(request, pk, run=False)
    can_run = rules.can_run_process(request.user, process)
    initial = {name: getattr(process, name) for name in ("title", "goal", "dots_per_person", *CONCEPT_FIELDS)}
    initial["translations"] = process.translations
    form = ProcessForm(request.POST or None, initial=initial, city=process.city)
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_process(process=process, by=request.user, **form.service_fields())
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("participation:staff_process", process.pk)
    return render(
        request,
        "participation/staff/process.html",
        {
            "process": process,
            "quarter": process.quarter,
            "form": form,
            "phase_form": PhaseForm(),
            "counts": selectors.counts(process),
            "can_run": can_run,
            "actions": PROCESS_FLOW.available(request.user, process),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def staff_status(request, pk, action):
    """Publish the process, or take it back to draft."""
    process = _office_process(request, pk)
    steps = {"publish": services.publish, "unpublish": services.unpublish}
    if action not in steps:
        raise Http404
    try:
        steps[action](process=process, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The process is public now.") if action == "publish" else _("The process is a draft again."),
        )
    return redirect("participation:staff_process", process.pk)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_phase(request, pk, phase_pk=None):
    """Add a phase to the timeline, change one, or remove it."""
    process = _office_process(request, pk)
    phase = get_object_or_404(Phase, pk=phase_pk, process=process) if phase_pk else None
    if request.method == "POST" and phase is not None and "delete" in request.POST:
        try:
            services.delete_phase(phase=phase, by=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The phase is removed."))
        return redirect("participation:staff_process", process.pk)
    initial = (
        {f: getattr(phase, f) for f in ("kind", "title", "description", "starts_on", "ends_on")}
        if phase
        else None
    )
    form = PhaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_phase(process=process, by=request.user, phase=phase, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The timeline is saved."))
            return redirect("participation:staff_process", process.pk)
    return render(
        request,
        "participation/staff/phase_form.html",
        {"process": process, "quarter": process.quarter, "phase": phase, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def staff_ideas(request, pk):
    """The ideas to answer: unanswered ones first."""
    process = _office_process(request, pk, run=False)
    # NULLs sort last on PostgreSQL and first on SQLite: say which, so unanswered ideas lead on both.
    ideas = Idea.objects.filter(process=process).order_by(
        F("answered_at").asc(nulls_first=True), "-created_at", "-id"
    )
    return render(
        request,
        "participation/staff/ideas.html",
        {"process": process, "quarter": process.quarter, "page_obj": page(request, ideas)},
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_idea(request, pk, idea_pk):
    """Answer an idea (a status and a public answer, mailed to its author) or hide it."""
    process = _office_process(request, pk)
    idea = get_object_or_404(Idea.objects.select_related("author", "code"), pk=idea_pk, process=process)
    idea.process = process
    form = AnswerForm(request.POST or None, initial={"answer": idea.answer}, prefix="answer")
    hide_form = HideForm(request.POST or None, prefix="hide")
    if request.method == "POST" and "hide" in request.POST:
        if hide_form.is_valid() or idea.is_hidden:
            try:
                services.hide_idea(
                    idea=idea,
                    by=request.user,
                    reason=hide_form.cleaned_data.get("reason", "") if hide_form.is_valid() else "",
                    hidden=not idea.is_hidden,
                )
            except DomainError as exc:
                messages.error(request, str(exc))
            return redirect("participation:staff_idea", process.pk, idea.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            services.answer_idea(idea=idea, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The answer is published and sent."))
            return redirect("participation:staff_ideas", process.pk)
    return render(
        request,
        "participation/staff/idea.html",
        {
            "process": process,
            "quarter": process.quarter,
            "idea": idea,
            "form": form,
            "hide_form": HideForm(prefix="hide"),
            "revisions": idea.revisions.select_related("edited_by")[:20],
            "duplicates": duplicates_of(idea),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@never_cache
def staff_moderation(request, pk):
    """Comments residents flagged, and the form to hide one with a reason."""
    process = _office_process(request, pk)
    return render(
        request,
        "participation/staff/moderation.html",
        {
            "process": process,
            "quarter": process.quarter,
            "page_obj": page(request, selectors.flagged_comments(process)),
            "hide_form": HideForm(),
        },
    )


@login_required
@require_POST
def staff_comment(request, pk, comment_pk):
    """Hide a comment (with a reason) or show it again."""
    process = _office_process(request, pk)
    target = get_object_or_404(Comment.objects.select_related("idea"), pk=comment_pk, idea__process=process)
    form = HideForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.hide_comment(comment=target, by=request.user, reason=reason, hidden=not target.is_hidden)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The comment is hidden.") if target.is_hidden else _("The comment is shown again.")
        )
    return redirect(back(request, reverse("participation:staff_moderation", args=[pk])))


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_codes(request, pk):
    """Print one-time codes: they are shown once, on a page made for printing, and stored only as hashes."""
    process = _office_process(request, pk)
    form = CodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.generate_codes(process=process, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            return render(
                request,
                "participation/staff/codes_print.html",
                {
                    "process": process,
                    "quarter": process.quarter,
                    "codes": codes,
                    "join_url": request.build_absolute_uri(process.get_absolute_url()),
                },
            )
    return render(
        request,
        "participation/staff/codes.html",
        {"process": process, "quarter": process.quarter, "form": form, "counts": selectors.counts(process)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_survey(request, pk, phase_pk):
    """The questions of a survey phase (add, remove) and its free-text answers to let through or keep off."""
    process = _office_process(request, pk)
    phase = get_object_or_404(Phase, pk=phase_pk, process=process, kind=PhaseKind.SURVEY)
    phase.process = process
    form = QuestionForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add" and form.is_valid():
                surveys.save_question(phase=phase, by=request.user, **form.service_fields())
                messages.success(request, _("The question is added."))
                return redirect("participation:staff_survey", process.pk, phase.pk)
            if action == "delete":
                question = get_object_or_404(Question, pk=request.POST.get("question"), phase=phase)
                surveys.delete_question(question=question, by=request.user)
                messages.success(request, _("The question is removed."))
                return redirect("participation:staff_survey", process.pk, phase.pk)
            if action in ("show", "hide"):
                answer = get_object_or_404(
                    SurveyAnswer.objects.select_related("question__phase"),
                    pk=request.POST.get("answer"),
                    question__phase=phase,
                )
                answer.question.phase.process = process
                surveys.moderate_answer(answer=answer, by=request.user, show=action == "show")
                return redirect("participation:staff_survey", process.pk, phase.pk)
        except DomainError as exc:
            if action == "add":
                _form_error(form, exc)
            else:
                messages.error(request, str(exc))
    results = [
        r for r in selectors.survey_results(process, include_pending=True) if r["phase"].pk == phase.pk
    ]
    return render(
        request,
        "participation/staff/survey.html",
        {
            "process": process,
            "quarter": process.quarter,
            "phase": phase,
            "form": form,
            "result": results[0] if results else None,
            "surveys": results,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_record(request, pk):
    """Enter ideas collected offline (workshop, door to door, walk, paper form), one after the other."""
    process = _office_process(request, pk)
    form = OfflineIdeaForm(request.POST or None, initial={"channel": request.GET.get("channel", "")})
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.record_offline_idea(process=process, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The idea “%(title)s” is entered. Next one?") % {"title": idea.title})
            # The same channel and occasion stay chosen for the next form of the same pile.
            keep = {"channel": idea.channel, "note": idea.channel_note, "language": idea.language}
            form = OfflineIdeaForm(initial=keep)
            return render(
                request,
                "participation/staff/record.html",
                {"process": process, "quarter": process.quarter, "form": form, "last": idea},
            )
    return render(
        request,
        "participation/staff/record.html",
        {"process": process, "quarter": process.quarter, "form": form},
        status=400 if form.errors else 200,
    )
