"""The action plan's pages: the public plan and its versions, the comparison, and the office's editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404, staff_quarter

from .. import diff, rules, selectors, services
from ..forms import IndicatorForm, ItemForm, NewPlanForm, PlanForm, ValueForm
from ..models import ActionPlan, FieldOfAction, Goal, Indicator, Measure
from ..workflows import PLAN_FLOW

KINDS = {"field": FieldOfAction, "goal": Goal, "measure": Measure, "indicator": Indicator}


def _visible_plan(request, pk) -> ActionPlan:
    plan = selectors.plan(pk)
    if plan is None or not rules.can_view_plan(request.user, plan):
        raise Http404
    return plan


def _office_plan(request, pk, *, manage: bool = False) -> ActionPlan:
    """The plan of the URL for its office: reading for city staff, writing for staff of the quarter."""
    plan = selectors.plan(pk)
    if plan is None:
        raise Http404
    allowed = rules.can_manage if manage else rules.can_view_office
    if not request.user.is_authenticated or not allowed(request.user, plan):
        raise PermissionDenied
    return plan


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


def plan_list(request, slug):
    """The quarter's action plan: the current published version and the earlier ones."""
    quarter = quarter_or_404(slug)
    plans = list(selectors.plans_for(quarter, request.user))
    current = next((p for p in plans if p.is_published), None)
    return render(
        request,
        "planning/plan_list.html",
        {
            "quarter": quarter,
            "plans": plans,
            "current": current,
            "tree": selectors.plan_tree(current) if current else [],
            "is_office": rules.can_view_office(request.user, quarter),
        },
    )


def plan_page(request, pk):
    """One version of the plan: fields of action, goals, measures and indicators with their values."""
    plan = _visible_plan(request, pk)
    previous = plan.revised_from
    return render(
        request,
        "planning/plan.html",
        {
            "plan": plan,
            "quarter": plan.quarter,
            "tree": selectors.plan_tree(plan),
            "previous": previous if previous and rules.can_view_plan(request.user, previous) else None,
            "is_office": rules.can_view_office(request.user, plan),
        },
    )


def plan_diff(request, pk):
    """What changed against the version this one was revised from (or `?against=<id>` of the same quarter)."""
    plan = _visible_plan(request, pk)
    against = request.GET.get("against")
    if against and against.isdigit():
        old = selectors.plan(int(against))
    else:
        old = plan.revised_from
    if old is None or old.quarter_id != plan.quarter_id or not rules.can_view_plan(request.user, old):
        raise Http404
    return render(
        request,
        "planning/diff.html",
        {"plan": plan, "old": old, "quarter": plan.quarter, "changes": diff.compare(old, plan)},
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_plans(request, slug):
    """Every version of the quarter's plan, drafts included; start a new one."""
    quarter = staff_quarter(request, slug)
    can_manage = rules.can_manage(request.user, quarter)
    form = NewPlanForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                plan = services.create_plan(by=request.user, quarter=quarter, **form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The plan is saved as a draft."))
                return redirect("planning:staff_plan", plan.pk)
    return render(
        request,
        "planning/staff/plans.html",
        {
            "quarter": quarter,
            "plans": selectors.plans_for(quarter, request.user),
            "form": form,
            "can_manage": can_manage,
        },
        status=400 if form.errors else 200,
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_plan(request, pk):
    """The office's page of one version: its head, its parts with forms to add and change them."""
    plan = _office_plan(request, pk)
    can_edit = PLAN_FLOW.can(request.user, plan, "edit")
    initial = {
        name: getattr(plan, name)
        for name in ("title", "summary", "adopted_by", "adopted_on", "revision_participants")
    }
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_plan(plan=plan, by=request.user, **form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("planning:staff_plan", plan.pk)
    return render(
        request,
        "planning/staff/plan.html",
        {
            "plan": plan,
            "quarter": plan.quarter,
            "form": form,
            "tree": selectors.plan_tree(plan),
            "can_edit": can_edit,
            "can_record": PLAN_FLOW.can(request.user, plan, "record_value"),
            "actions": PLAN_FLOW.available(request.user, plan),
            "item_form": ItemForm(),
            "indicator_form": IndicatorForm(),
            "value_form": ValueForm(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def staff_plan_action(request, pk, action):
    """Publish a draft, or revise a published version for the next year."""
    plan = _office_plan(request, pk, manage=True)
    if action not in ("publish", "revise"):
        raise Http404
    try:
        if action == "publish":
            services.publish_plan(plan=plan, by=request.user)
            messages.success(request, _("The plan is public now."))
        else:
            draft = services.revise_for_next_year(plan=plan, by=request.user)
            messages.success(
                request,
                _("A draft for %(year)s is ready. The comparison shows every change.") % {"year": draft.year},
            )
            return redirect("planning:staff_plan", draft.pk)
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("planning:staff_plan", plan.pk)


def _parent(plan, kind, parent_id):
    """The part a new one hangs under, checked to belong to this plan."""
    if kind == "field":
        return plan
    model = {"goal": FieldOfAction, "measure": Goal, "indicator": Goal}[kind]
    lookup = {"goal": "plan", "measure": "field_of_action__plan", "indicator": "field_of_action__plan"}[kind]
    return get_object_or_404(model, pk=parent_id, **{lookup: plan})


@login_required
@require_POST
def staff_add(request, pk, kind):
    """Add a field of action, goal, measure or indicator to a draft."""
    plan = _office_plan(request, pk, manage=True)
    if kind not in KINDS:
        raise Http404
    if not PLAN_FLOW.can(request.user, plan, "edit"):
        raise PermissionDenied
    parent = _parent(plan, kind, request.POST.get("parent", ""))
    form = (IndicatorForm if kind == "indicator" else ItemForm)(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("planning:staff_plan", plan.pk)
    data = form.cleaned_data
    try:
        if kind == "field":
            services.add_field_of_action(plan=plan, by=request.user, **data)
        elif kind == "goal":
            services.add_goal(field_of_action=parent, by=request.user, **data)
        elif kind == "measure":
            services.add_measure(goal=parent, by=request.user, **data)
        else:
            services.add_indicator(
                goal=parent,
                by=request.user,
                name=data["title"],
                unit=data["unit"],
                baseline=data["baseline"],
                target=data["target"],
            )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Added."))
    return redirect("planning:staff_plan", plan.pk)


def _item(plan, kind, item_pk):
    if kind not in KINDS:
        raise Http404
    lookup = {
        "field": "plan",
        "goal": "field_of_action__plan",
        "measure": "goal__field_of_action__plan",
        "indicator": "goal__field_of_action__plan",
    }[kind]
    return get_object_or_404(KINDS[kind], pk=item_pk, **{lookup: plan})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_item(request, pk, kind, item_pk):
    """Change or remove one part of a draft."""
    plan = _office_plan(request, pk)
    item = _item(plan, kind, item_pk)
    can_edit = PLAN_FLOW.can(request.user, plan, "edit")
    if kind == "indicator":
        initial = {"title": item.name, "unit": item.unit, "baseline": item.baseline, "target": item.target}
        form = IndicatorForm(request.POST or None, initial=initial)
    else:
        form = ItemForm(request.POST or None, initial={"title": item.title, "description": item.description})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        try:
            if "delete" in request.POST:
                services.delete_item(item=item, by=request.user)
                messages.success(request, _("Removed."))
                return redirect("planning:staff_plan", plan.pk)
            if form.is_valid():
                services.update_item(item=item, by=request.user, **form.cleaned_data)
                messages.success(request, _("Saved."))
                return redirect("planning:staff_plan", plan.pk)
        except DomainError as exc:
            _form_error(form, exc)
    return render(
        request,
        "planning/staff/item.html",
        {
            "plan": plan,
            "quarter": plan.quarter,
            "item": item,
            "kind": kind,
            "form": form,
            "can_edit": can_edit,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def staff_value(request, pk, indicator_pk):
    """Record a measured value of an indicator."""
    plan = _office_plan(request, pk, manage=True)
    indicator = _item(plan, "indicator", indicator_pk)
    form = ValueForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("planning:staff_plan", plan.pk)
    try:
        services.record_value(indicator=indicator, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The value is recorded."))
    return redirect("planning:staff_plan", plan.pk)
