"""The application wizard behind the private link: one page per step, every step saves the draft.

Each step is one entry of `WIZARD`: the function that builds its form and calls its service. A step's
function returns a redirect when the draft was saved, or None to show the page again (with errors).
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core import geo
from quartierwerk.core.errors import DomainError

from .. import checks, forms, services
from ..models import Application
from .common import _actor, _application

STEPS = [
    ("applicant", gettext_lazy("Applicant")),
    ("project", gettext_lazy("Project")),
    ("costs", gettext_lazy("Cost plan")),
    ("documents", gettext_lazy("Documents")),
    ("submit", gettext_lazy("Check and submit")),
]
STEP_NAMES = [s for s, _label in STEPS]


@dataclass
class Page:
    """One request to one step: what the step's function reads, and the context it fills for the template."""

    request: object
    application: Application
    token: str
    step: str
    post: object  # request.POST on a POST, else None
    actor: object
    context: dict

    @property
    def next_step(self) -> str:
        return STEP_NAMES[min(STEP_NAMES.index(self.step) + 1, len(STEP_NAMES) - 1)]

    def saved(self, message=None, step: str | None = None) -> HttpResponse:
        messages.success(self.request, message or _("Saved."))
        return redirect("fund:edit", self.token, step or self.next_step)


def _details(page: Page) -> HttpResponse | None:
    """Applicant and project: a form over the application's own fields, saved by `update_application`."""
    application = page.application
    if page.step == "applicant":
        form = forms.ApplicantForm(page.post, instance=Application.objects.get(pk=application.pk))
    else:
        form = forms.ProjectForm(
            page.post, instance=Application.objects.get(pk=application.pk), fund=application.fund
        )
        if application.quarter.boundary:
            page.context["quarter_map"] = geo.feature_collection([_outline(application.quarter)])
    page.context["form"] = form
    if page.post is not None and form.is_valid():
        try:
            services.update_application(
                application=application,
                data={name: form.cleaned_data[name] for name in form.fields},
                actor=page.actor,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            return page.saved()
    return None


def _costs(page: Page) -> HttpResponse | None:
    """The cost plan: lines and totals, saved as a whole by `update_application`."""
    application, post = page.application, page.post
    extra = 3 if post is not None and "more" in post else 0
    formset, totals = _cost_forms(application, post, extra=extra)
    if post is not None:
        if formset.is_valid() and totals.is_valid():
            try:
                services.update_application(
                    application=application,
                    data={
                        "own_contribution": totals.cleaned_data["own_contribution"],
                        "other_funding": totals.cleaned_data["other_funding"],
                        "no_other_funding": totals.cleaned_data["no_other_funding"],
                    },
                    cost_items=_lines(formset),
                    actor=page.actor,
                )
            except DomainError as exc:
                totals.add_error(None, str(exc))
            else:
                messages.success(page.request, _("Saved."))
                if extra:
                    return redirect(reverse("fund:edit", args=[page.token, "costs"]) + "?more=1#cost-lines")
                return redirect("fund:edit", page.token, page.next_step)
        else:
            messages.error(
                page.request, _("Please correct the marked fields; nothing of your draft is lost.")
            )
    elif page.request.GET.get("more"):
        formset, totals = _cost_forms(application, extra=3)
    page.context.update(formset=formset, totals=totals, figures=_figures_from(application, formset, totals))
    return None


def _documents(page: Page) -> HttpResponse | None:
    """Documents: one upload at a time, checked by content in `add_attachment`."""
    form = forms.DocumentForm(page.post, page.request.FILES or None)
    page.context["form"] = form
    page.context["attachments"] = page.application.attachments.filter(proof__isnull=True)
    if page.post is not None and form.is_valid():
        try:
            services.add_attachment(
                application=page.application,
                uploaded=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                actor=page.actor,
            )
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            return page.saved(_("The document was added."), step="documents")
    return None


def _submit(page: Page) -> HttpResponse | None:
    """Check and submit: the fund's rules on the whole draft, consent, then `submit_application`."""
    application = page.application
    form = forms.SubmitForm(page.post)
    application.refresh_from_db()
    figures = checks.application_problems(application)
    if page.post is not None:
        if not form.is_valid():
            figures.problems.append(
                checks.Problem(_("Please agree to the processing of your data."), "consent")
            )
        else:
            try:
                services.submit_application(
                    application=application, consent=True, actor=page.actor, link_token=page.token
                )
            except services.RuleViolation as exc:
                figures = checks.Figures(problems=exc.problems)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(page.request, _("Thank you! Your application has been submitted."))
                return redirect("fund:applicant", page.token)
    page.context.update(
        form=form,
        figures=figures,
        cost_items=application.cost_items.all(),
        attachments=application.attachments.filter(proof__isnull=True),
    )
    return None


# The wizard: step → the function that builds the step's form and calls its service.
WIZARD: dict[str, Callable[[Page], HttpResponse | None]] = {
    "applicant": _details,
    "project": _details,
    "costs": _costs,
    "documents": _documents,
    "submit": _submit,
}


@never_cache
@require_http_methods(["GET", "POST"])
def edit(request, token, step):
    """One step of the wizard; every step saves the draft."""
    application = _application(request, token)
    if step not in WIZARD:
        raise Http404
    if not application.is_editable:
        messages.info(request, _("The application has been submitted and can no longer be changed."))
        return redirect("fund:applicant", token)
    context = {
        "application": application,
        "quarter": application.quarter,
        "fund": application.fund,
        "token": token,
        "step": step,
        "steps": STEPS,
        "step_index": STEP_NAMES.index(step) + 1,
    }
    page = Page(
        request=request,
        application=application,
        token=token,
        step=step,
        post=request.POST if request.method == "POST" else None,
        actor=_actor(request, application),
        context=context,
    )
    return WIZARD[step](page) or render(request, "fund/edit.html", context)


def _cost_forms(application, data=None, extra=0):
    initial = [{"description": i.description, "amount": i.amount} for i in application.cost_items.all()]
    rows = max(len(initial) + extra, 3)
    formset = forms.CostLineFormSet(data, initial=initial + [{}] * (rows - len(initial)), prefix="lines")
    if data is None:
        formset.extra = 0
    totals = forms.CostTotalsForm(
        data,
        initial={
            "own_contribution": application.own_contribution,
            "other_funding": application.other_funding,
            "no_other_funding": application.no_other_funding,
        },
    )
    return formset, totals


def _lines(formset):
    return [
        (f.cleaned_data["description"], f.cleaned_data["amount"])
        for f in formset.forms
        if f.cleaned_data.get("description") and f.cleaned_data.get("amount") is not None
    ]


def _outline(quarter) -> dict:
    """The quarter's boundary as lines: a tap inside the quarter reaches the map (and sets the pin)."""
    boundary = quarter.boundary
    polygons = [boundary["coordinates"]] if boundary["type"] == "Polygon" else boundary["coordinates"]
    rings = [ring for polygon in polygons for ring in polygon]
    return geo.feature({"type": "MultiLineString", "coordinates": rings}, {"name": quarter.name})


def _figures_from(application, formset, totals):
    """The cost plan's sums and rule messages from what is typed (valid parts only)."""
    amounts = []
    for f in formset.forms:
        cleaned = getattr(f, "cleaned_data", None)
        if cleaned is None and formset.is_bound:
            f.is_valid()
            cleaned = getattr(f, "cleaned_data", {})
        if cleaned is None:
            cleaned = {}
        if not formset.is_bound:
            amount = f.initial.get("amount")
        else:
            amount = cleaned.get("amount")
        if amount is not None and amount > 0:
            amounts.append(amount)
    if totals.is_bound:
        totals.is_valid()
        data = getattr(totals, "cleaned_data", {})
        own = data.get("own_contribution") or Decimal(0)
        other = data.get("other_funding") or Decimal(0)
        no_other = data.get("no_other_funding", False)
    else:
        own, other, no_other = (
            application.own_contribution,
            application.other_funding,
            application.no_other_funding,
        )
    figures = checks.cost_plan(application.fund, application.category, amounts, own, other, no_other)
    for f in formset.forms if formset.is_bound else []:
        for error in f.errors.get("amount", []):
            figures.problems.insert(0, checks.Problem(f"{_('Amount')}: {error}", "cost_items"))
    for name in ("own_contribution", "other_funding"):
        for error in totals.errors.get(name, []) if totals.is_bound else []:
            figures.problems.insert(0, checks.Problem(f"{totals.fields[name].label}: {error}", name))
    return figures


@require_POST
def check(request, token):
    """htmx: the cost plan's sums and the fund's rules for what is typed, as a fragment."""
    application = _application(request, token)
    formset, totals = _cost_forms(application, request.POST)
    figures = _figures_from(application, formset, totals)
    return render(request, "fund/partials/rule_check.html", {"figures": figures, "fund": application.fund})
