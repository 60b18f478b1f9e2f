"""Public pages: processes, one process with its timeline, ideas list and map, one idea, results."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartierwerk.core import geo, mapgrid, throttle
from quartierwerk.core.errors import DomainError, NotAllowed
from quartierwerk.core.files import file_response
from quartierwerk.core.models import City
from quartierwerk.core.views import quarter_or_404

from .. import rules, selectors, services
from ..forms import CodeForm, CommentForm, DotsForm, EditForm, FilterForm, FlagForm, IdeaForm, SurveyForm
from ..models import Comment, Idea
from ..phases import PhaseKind
from ..services import surveys
from ..services.similarity import idea_text, similar_ideas
from .common import back as go_back
from .common import code_of, keep_code, page, query_string, valid_filters, visible_process


def process_list(request, slug):
    """The processes of a quarter (and the city-wide ones of its city)."""
    quarter = quarter_or_404(slug)
    processes = page(request, selectors.processes_for(quarter))
    return render(
        request,
        "participation/list.html",
        {"quarter": quarter, "page_obj": processes, "can_run": rules.can_run_process(request.user, quarter)},
    )


def city_list(request, city):
    """Every published process of a city."""
    city = get_object_or_404(City, slug=city)
    processes = page(request, selectors.processes_for(city=city))
    return render(request, "participation/list.html", {"city": city, "page_obj": processes})


def _context(request, process, **extra) -> dict:
    phase = process.current_phase()
    code = code_of(request, process)
    return {
        "process": process,
        "quarter": process.quarter,
        "phase": phase,
        "code": code,
        "can": rules.actions(request.user, phase, code),
        "takes_codes": bool(phase and phase.allows.with_code and phase.process.is_published),
        "is_office": rules.can_view_office(request.user, process),
        "code_form": CodeForm(),
        **extra,
    }


def process_page(request, pk):
    """One process: goal, concept, the phase timeline and what one can do now."""
    process = visible_process(request, pk)
    ideas = selectors.public_ideas(process, {"sort": "support"})[:5]
    return render(
        request, "participation/process.html", _context(request, process, ideas=ideas, kinds=PhaseKind)
    )


def _filters(request, process):
    params = valid_filters(FilterForm(request.GET or None))
    return params, FilterForm(request.GET or None, facets=selectors.facets(process, params))


def idea_list(request, pk):
    """The ideas of a process as a list and on a map; list and map take the same filters."""
    process = visible_process(request, pk)
    params, filters = _filters(request, process)
    query = query_string(request)
    ctx = _context(
        request,
        process,
        filters=filters,
        page_obj=page(request, selectors.public_ideas(process, params)),
        query_string=query,
        geojson_url=reverse("participation:geojson", args=[pk]) + (f"?{query}" if query else ""),
        map_bounds=geo.bounds_param(process.quarter) if process.quarter else geo.bounds_param(),
        boundary=geo.feature_collection([geo.quarter_feature(process.quarter)])
        if process.quarter and process.quarter.boundary
        else None,
    )
    ctx["dots"] = (
        selectors.my_dots(ctx["phase"], request.user, ctx["code"]) if ctx["can"]["may_dot_vote"] else None
    )
    return render(request, "participation/ideas.html", ctx)


@require_GET
def geojson(request, pk):
    """The map of the ideas list (same filters) for one view of the map (`bbox`, `zoom`)."""
    process = visible_process(request, pk)
    params = valid_filters(FilterForm(request.GET))
    view = mapgrid.MapView.from_params(request.GET)
    response = JsonResponse(selectors.map_feed(process, selectors.public_ideas(process, params), view))
    response["Content-Type"] = "application/geo+json"
    return response


@never_cache
@require_POST
def enter_code(request, pk):
    """Take a printed one-time code into use in this browser."""
    process = visible_process(request, pk)
    throttle.check("participation-code", request.META.get("REMOTE_ADDR", ""), limit=20, seconds=600)
    form = CodeForm(request.POST)
    back = go_back(request, process.get_absolute_url())
    if not form.is_valid():
        messages.error(request, _("Please type the code from your card."))
        return redirect(back)
    try:
        code = services.redeem_code(process=process, raw=form.cleaned_data["code"])
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    keep_code(request, code)
    messages.success(request, _("Your code is accepted. You can take part now without an account."))
    return redirect(back)


@never_cache
@require_http_methods(["GET", "POST"])
def new_idea(request, pk):
    """Bring in an idea: title, text, category, place on the map, photo."""
    process = visible_process(request, pk)
    ctx = _context(request, process)
    if not ctx["can"]["may_submit_idea"]:
        if not request.user.is_authenticated and not ctx["takes_codes"]:
            return redirect(f"{reverse('core:login')}?next={request.path}")
        return render(
            request, "participation/closed.html", ctx, status=403 if request.method == "POST" else 200
        )
    with_email = not request.user.is_authenticated
    form = IdeaForm(request.POST or None, request.FILES or None, with_email=with_email)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            idea = services.submit_idea(
                process=process,
                user=request.user,
                code=ctx["code"],
                title=data["title"],
                text=data["text"],
                category=data["category"],
                lat=data["lat"],
                lon=data["lon"],
                address=data["address"],
                photo=data["photo"],
                language=request.LANGUAGE_CODE,
                email=data.get("email", ""),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Thank you! Your idea is online. The office will answer it."))
            return redirect(idea.get_absolute_url())
    ctx.update(
        form=form,
        boundary=geo.feature_collection([geo.quarter_feature(process.quarter)])
        if process.quarter and process.quarter.boundary
        else None,
    )
    return render(request, "participation/new_idea.html", ctx, status=400 if form.errors else 200)


@require_POST
def similar(request, pk):
    """htmx: while someone writes an idea, the ideas of the process that already say something alike."""
    process = visible_process(request, pk)
    ctx = _context(request, process)
    if not ctx["can"]["may_submit_idea"]:
        raise PermissionDenied
    throttle.check("participation-similar", request.META.get("REMOTE_ADDR", ""), limit=120, seconds=600)
    title = (request.POST.get("title") or "")[:160]
    text = (request.POST.get("text") or "")[:4000]
    found = []
    if len(f"{title} {text}".split()) >= 3:  # a word or two says too little to compare
        found = similar_ideas(process, idea_text(title, text), limit=3)
    return render(request, "participation/_similar.html", {"process": process, "similar": found})


@require_GET
def results_pdf(request, pk):
    """The results report of a process as PDF (counts of one or two people as "fewer than 3")."""
    from django.http import HttpResponse

    from ..pdf import results_pdf as render

    process = visible_process(request, pk)
    response = HttpResponse(render(process, language=request.LANGUAGE_CODE), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="beteiligung-{process.pk}-ergebnisse.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def survey(request, pk, phase_pk):
    """A survey phase: its questions as one form, answered once per person or printed code."""
    process = visible_process(request, pk)
    phase = get_object_or_404(
        process.phases.prefetch_related("questions"), pk=phase_pk, kind=PhaseKind.SURVEY
    )
    phase.process = process
    ctx = _context(request, process, survey_phase=phase)
    allowed = rules.may("may_answer_survey", request.user, phase, ctx["code"])
    answered = surveys.has_answered(phase, request.user, ctx["code"])
    if not allowed or answered:
        if request.method == "POST":
            status = 409 if answered else 403
        else:
            status = 200
        return render(
            request, "participation/survey_closed.html", {**ctx, "answered": answered}, status=status
        )
    form = SurveyForm(request.POST or None, questions=phase.questions.all())
    if request.method == "POST" and form.is_valid():
        try:
            surveys.answer_survey(phase=phase, answers=form.answers(), user=request.user, code=ctx["code"])
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Thank you! Your answers have been sent."))
            return redirect("participation:process", process.pk)
    ctx["form"] = form
    return render(request, "participation/survey.html", ctx, status=400 if form.errors else 200)


def _visible_idea(request, pk, idea_pk) -> Idea:
    idea = selectors.idea(pk, idea_pk)
    if idea is None or not rules.can_view_idea(request.user, idea):
        raise Http404
    return idea


def idea_page(request, pk, idea_pk):
    """One idea: text, place, photo, support, dots, the answer and the discussion."""
    idea = _visible_idea(request, pk, idea_pk)
    ctx = _context(request, idea.process, idea=idea, comment_form=CommentForm(), flag_form=FlagForm())
    ctx["dots"] = (
        selectors.my_dots(ctx["phase"], request.user, ctx["code"]) if ctx["can"]["may_dot_vote"] else None
    )
    ctx["can_edit"] = rules.can_run_process(request.user, idea) or (
        rules.is_author(request.user, idea) and ctx["can"]["may_submit_idea"]
    )
    ctx["can_flag"] = rules.can_flag(request.user, idea)
    ctx["map_data"] = geo.feature_collection([selectors.idea_feature(idea)]) if idea.lat is not None else None
    return render(request, "participation/idea.html", ctx)


@require_GET
def photo(request, pk, idea_pk):
    idea = _visible_idea(request, pk, idea_pk)
    if not idea.photo:
        raise Http404
    return file_response(idea.photo, content_type=idea.photo_type)


@never_cache
@require_http_methods(["GET", "POST"])
def edit_idea(request, pk, idea_pk):
    idea = _visible_idea(request, pk, idea_pk)
    own = rules.is_author(request.user, idea) and rules.can_submit_idea(
        request.user, idea.process.current_phase()
    )
    if not (rules.can_run_process(request.user, idea) or own):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('core:login')}?next={request.path}")
        raise PermissionDenied
    form = EditForm(request.POST or None, initial={"title": idea.title, "text": idea.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_idea(idea=idea, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your changes are saved; the earlier wording stays in the history."))
            return redirect(idea.get_absolute_url())
    return render(
        request, "participation/edit_idea.html", _context(request, idea.process, idea=idea, form=form)
    )


def _act(request, idea, action):
    """Run a participant's write; a refusal is a 403 (or the log-in for a visitor), other errors a message."""
    try:
        return action()
    except NotAllowed:
        if not request.user.is_authenticated and code_of(request, idea.process) is None:
            raise LoginFirst from None
        raise PermissionDenied from None
    except DomainError as exc:
        messages.error(request, str(exc))
        return None


class LoginFirst(Exception):
    """A visitor without an account or a code tried to take part: the log-in page answers."""


def _login_first(view):
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except LoginFirst:
            return redirect(f"{reverse('core:login')}?next={request.path}")

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_POST
@_login_first
def comment(request, pk, idea_pk):
    idea = _visible_idea(request, pk, idea_pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write a comment."))
        return redirect(idea.get_absolute_url())
    parent = None
    if form.cleaned_data["parent"]:
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"], idea=idea).first()
    code = code_of(request, idea.process)
    made = _act(
        request,
        idea,
        lambda: services.comment(
            idea=idea,
            user=request.user,
            code=code,
            text=form.cleaned_data["text"],
            parent=parent,
            language=request.LANGUAGE_CODE,
        ),
    )
    if made:
        messages.success(request, _("Thank you for your comment."))
    return redirect(idea.get_absolute_url() + "#comments")


@require_POST
@_login_first
def flag(request, pk, idea_pk, comment_pk):
    idea = _visible_idea(request, pk, idea_pk)
    target = get_object_or_404(Comment, pk=comment_pk, idea=idea)
    form = FlagForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    counted = _act(
        request, idea, lambda: services.flag_comment(comment=target, user=request.user, reason=reason)
    )
    if counted:
        messages.success(request, _("Thank you. The office will look at this comment."))
    elif counted is False:
        messages.info(request, _("You have already reported this comment."))
    return redirect(idea.get_absolute_url() + "#comments")


@require_POST
@_login_first
def support(request, pk, idea_pk):
    idea = _visible_idea(request, pk, idea_pk)
    code = code_of(request, idea.process)
    counted = _act(request, idea, lambda: services.support(idea=idea, user=request.user, code=code))
    if counted:
        messages.success(request, _("Thank you for your support."))
    elif counted is False:
        messages.info(request, _("You already support this idea."))
    return redirect(go_back(request, idea.get_absolute_url()))


@require_POST
@_login_first
def dots(request, pk, idea_pk):
    """Put a number of one's dots on an idea (0 takes them off)."""
    idea = _visible_idea(request, pk, idea_pk)
    form = DotsForm(request.POST)
    back = go_back(request, idea.get_absolute_url())
    if not form.is_valid():
        messages.error(request, _("Give a number of dots, 0 or more."))
        return redirect(back)
    code = code_of(request, idea.process)
    ballot = _act(
        request,
        idea,
        lambda: services.set_dots(
            idea=idea, points=form.cleaned_data["points"], user=request.user, code=code
        ),
    )
    if ballot:
        messages.success(
            request,
            _("Saved. You have %(left)d of %(budget)d dots left.")
            % {"left": ballot.budget - ballot.used, "budget": ballot.budget},
        )
    return redirect(back)


def results(request, pk):
    """The results: ideas ranked by dots and support, each with the office's answer."""
    process = visible_process(request, pk)
    ranked = page(request, selectors.ranked(process), size=50)
    return render(
        request,
        "participation/results.html",
        _context(
            request,
            process,
            page_obj=ranked,
            surveys=selectors.survey_results(process),
            channels=selectors.channels(process),
        ),
    )
