"""Pages of the fund: public fund page and funded projects, the application wizard behind a private link,
the office's inbox and application page, award-team sessions, budget, figures and exports."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core import audit, exports, geo, params
from quartierwerk.core import selectors as core_selectors
from quartierwerk.core.client import client_address
from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import file_response
from quartierwerk.core.views import quarter_or_404

from . import checks, forms, paper, pdf, rules, selectors, services
from .models import AgendaItem, Application, Attachment, AwardSession, Decision, Fund, ProofOfUse

S = Application.Status
PAGE_SIZE = 25
STEPS = [
    ("applicant", gettext_lazy("Applicant")),
    ("project", gettext_lazy("Project")),
    ("costs", gettext_lazy("Cost plan")),
    ("documents", gettext_lazy("Documents")),
    ("submit", gettext_lazy("Check and submit")),
]
STEP_NAMES = [s for s, _label in STEPS]


def _fund_or_404(quarter, year=None) -> Fund:
    fund = selectors.current_fund(quarter, year)
    if fund is None:
        raise Http404(_("This quarter has no fund yet."))
    return fund


def _area(request, slug, rule, target=None):
    """The quarter (and its fund) if the user may use this part of the fund's internal area."""
    quarter = quarter_or_404(slug)
    if not request.user.is_authenticated:
        raise PermissionDenied
    fund = selectors.current_fund(quarter)
    if not rule(request.user, target or fund or quarter):
        raise PermissionDenied
    return quarter, fund


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _domain_error(request, exc: DomainError):
    messages.error(request, str(exc))


# --- Public -------------------------------------------------------------------------------------


def home(request, slug):
    """The fund's public page: purpose, rules, remaining budget, next deadline, funded projects."""
    quarter = quarter_or_404(slug)
    fund = selectors.current_fund(quarter)
    page_obj = _page(request, selectors.funded_projects(quarter))
    located = [a.public_feature() for a in page_obj if a.lat is not None and a.lon is not None]
    context = {
        "quarter": quarter,
        "fund": fund,
        "page_obj": page_obj,
        "projects_map": geo.feature_collection(located) if located else None,
    }
    if request.user.is_authenticated:
        context["mine"] = [
            (a, f"{OWNER_PREFIX}{a.pk}")
            for a in Application.objects.filter(quarter=quarter, user=request.user).exclude(
                status=S.WITHDRAWN
            )[:20]
        ]
    if fund is not None:
        context.update(
            next_round=checks.open_round(fund),
            categories=list(fund.categories.all()),
            can_manage=rules.can_view_applications(request.user, fund),
        )
    return render(request, "fund/home.html", context)


def project(request, slug, reference):
    """A funded project's public page with its short report."""
    quarter = quarter_or_404(slug)
    application = get_object_or_404(
        Application.objects.select_related("fund", "category", "quarter"),
        quarter=quarter,
        reference=reference,
        status__in=Application.FUNDED_STATES,
    )
    photos = (
        application.attachments.filter(kind=Attachment.Kind.PROOF_PHOTO, proof__status="accepted")
        if application.status == Application.Status.CLOSED
        else []
    )
    project_map = None
    if application.lat is not None and application.lon is not None:
        project_map = geo.feature_collection([application.public_feature()])
    return render(
        request,
        "fund/project.html",
        {"quarter": quarter, "application": application, "photos": photos, "project_map": project_map},
    )


def project_photo(request, slug, reference, file_id):
    """Photos of an accepted proof of use are public with the project."""
    quarter = quarter_or_404(slug)
    attachment = get_object_or_404(
        Attachment,
        pk=file_id,
        application__quarter=quarter,
        application__reference=reference,
        application__status=Application.Status.CLOSED,
        kind=Attachment.Kind.PROOF_PHOTO,
        proof__status="accepted",
    )
    return file_response(attachment.file, content_type=attachment.content_type)


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    """Start an application: name, e-mail, who applies; then the private link leads on."""
    quarter = quarter_or_404(slug)
    fund = _fund_or_404(quarter)
    form = forms.StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application, token = services.start_application(
                fund=fund,
                user=request.user,
                language=request.LANGUAGE_CODE,
                client_address=client_address(request),
                **form.cleaned_data,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "Your draft is saved. Keep this page's address: it is your private link (we also sent it by e-mail)."
                ),
            )
            return redirect("fund:edit", token, "applicant")
    return render(request, "fund/apply.html", {"quarter": quarter, "fund": fund, "form": form})


@require_http_methods(["GET", "POST"])
def lost_link(request, slug):
    """Mail fresh private links; the answer is the same whether or not the address is known."""
    quarter = quarter_or_404(slug)
    form = forms.LostLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.resend_links(quarter=quarter, email=form.cleaned_data["email"])
        except DomainError:
            pass  # the same answer either way: nothing reveals whether the address is known
        messages.success(request, _("If we know this address, a new link is on its way."))
        return redirect("fund:home", quarter.slug)
    return render(request, "fund/lost_link.html", {"quarter": quarter, "form": form})


# --- The applicant's private area ---------------------------------------------------------------


OWNER_PREFIX = "mine-"


def _application(request, token) -> Application:
    """The application behind a private link, or (`mine-<id>`) one the logged-in user started with their account."""
    owned_id = params.id_or_none(token[len(OWNER_PREFIX) :]) if token.startswith(OWNER_PREFIX) else None
    if owned_id is not None:
        application = None
        if request.user.is_authenticated:
            application = (
                Application.objects.select_related("fund", "quarter", "category", "round")
                .filter(pk=owned_id, user=request.user)
                .first()
            )
        if application is None:
            raise Http404(_("This link is not valid (any more)."))
        return application
    application = services.application_for_token(token)
    if application is None:
        raise Http404(_("This link is not valid (any more)."))
    return application


def _actor(request, application):
    return request.user if request.user.is_authenticated else application.applicant_name


@never_cache
def applicant(request, token):
    """The applicant's overview: status, decision, payouts, proof of use."""
    application = _application(request, token)
    decisions = list(application.decisions.order_by("decided_at", "pk"))
    proofs = list(application.proofs.all())
    history = application.status_changes.all()
    return render(
        request,
        "fund/applicant.html",
        {
            "application": application,
            "quarter": application.quarter,
            "fund": application.fund,
            "token": token,
            "decisions": decisions,
            "payouts": application.payouts.all(),
            "proofs": proofs,
            "history": history,
            "steps": STEPS,
            "last_note": application.status_changes.filter(
                to_status=Application.Status.CHANGES_REQUESTED
            ).last(),
            "withdrawable": services.WITHDRAWABLE,
        },
    )


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


@never_cache
@require_http_methods(["GET", "POST"])
def edit(request, token, step):
    """One step of the wizard; every step saves the draft."""
    application = _application(request, token)
    if step not in STEP_NAMES:
        raise Http404
    if not application.is_editable:
        messages.info(request, _("The application has been submitted and can no longer be changed."))
        return redirect("fund:applicant", token)
    fund = application.fund
    context = {
        "application": application,
        "quarter": application.quarter,
        "fund": fund,
        "token": token,
        "step": step,
        "steps": STEPS,
        "step_index": STEP_NAMES.index(step) + 1,
    }
    next_step = STEP_NAMES[min(STEP_NAMES.index(step) + 1, len(STEP_NAMES) - 1)]
    post = request.POST if request.method == "POST" else None
    actor = _actor(request, application)
    if step in ("applicant", "project"):
        form_class = forms.ApplicantForm if step == "applicant" else forms.ProjectForm
        kwargs = {"fund": fund} if step == "project" else {}
        form = form_class(post, instance=Application.objects.get(pk=application.pk), **kwargs)
        if step == "project" and application.quarter.boundary:
            context["quarter_map"] = geo.feature_collection([_outline(application.quarter)])
        if post is not None and form.is_valid():
            try:
                services.update_application(
                    application=application,
                    data={name: form.cleaned_data[name] for name in form.fields},
                    actor=actor,
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, _("Saved."))
                return redirect("fund:edit", token, next_step)
        context["form"] = form
    elif step == "costs":
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
                        actor=actor,
                    )
                except DomainError as exc:
                    totals.add_error(None, str(exc))
                else:
                    messages.success(request, _("Saved."))
                    if extra:
                        return redirect(reverse("fund:edit", args=[token, "costs"]) + "?more=1#cost-lines")
                    return redirect("fund:edit", token, next_step)
            else:
                messages.error(request, _("Please correct the marked fields; nothing of your draft is lost."))
        elif request.GET.get("more"):
            formset, totals = _cost_forms(application, extra=3)
        context.update(formset=formset, totals=totals, figures=_figures_from(application, formset, totals))
    elif step == "documents":
        form = forms.DocumentForm(post, request.FILES or None)
        if post is not None and form.is_valid():
            try:
                services.add_attachment(
                    application=application,
                    uploaded=form.cleaned_data["file"],
                    kind=form.cleaned_data["kind"],
                    actor=actor,
                )
            except DomainError as exc:
                form.add_error("file", str(exc))
            else:
                messages.success(request, _("The document was added."))
                return redirect("fund:edit", token, "documents")
        context["form"] = form
        context["attachments"] = application.attachments.filter(proof__isnull=True)
    else:  # submit
        form = forms.SubmitForm(post)
        application.refresh_from_db()
        figures = checks.application_problems(application)
        if post is not None:
            if not form.is_valid():
                figures.problems.append(
                    checks.Problem(_("Please agree to the processing of your data."), "consent")
                )
            else:
                try:
                    services.submit_application(application=application, consent=True, actor=actor)
                except services.RuleViolation as exc:
                    figures = checks.Figures(problems=exc.problems)
                except DomainError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(request, _("Thank you! Your application has been submitted."))
                    return redirect("fund:applicant", token)
        context.update(
            form=form,
            figures=figures,
            cost_items=application.cost_items.all(),
            attachments=application.attachments.filter(proof__isnull=True),
        )
    return render(request, "fund/edit.html", context)


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


def applicant_file(request, token, file_id):
    application = _application(request, token)
    attachment = get_object_or_404(Attachment, pk=file_id, application=application)
    return file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


def applicant_pdf(request, token):
    application = _application(request, token)
    if application.reference is None:
        raise Http404
    return _pdf_response(pdf.application_pdf(application), f"{application.reference}.pdf")


def applicant_letter(request, token, decision_id):
    application = _application(request, token)
    decision = get_object_or_404(Decision, pk=decision_id, application=application)
    return _pdf_response(pdf.decision_letter_pdf(decision), f"{application.reference}-bescheid.pdf")


@require_POST
def withdraw(request, token):
    """The applicant withdraws the application (kept, with its history)."""
    application = _application(request, token)
    try:
        services.withdraw(application=application, actor=_actor(request, application))
    except DomainError as exc:
        _domain_error(request, exc)
    else:
        messages.success(request, _("Your application has been withdrawn."))
    return redirect("fund:applicant", token)


@never_cache
@require_http_methods(["GET", "POST"])
def proof(request, token):
    """The applicant submits the proof of use with receipts and photos."""
    application = _application(request, token)
    if application.status != Application.Status.APPROVED:
        messages.info(request, _("A proof of use can be submitted once the application is approved."))
        return redirect("fund:applicant", token)
    form = forms.ProofForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = []
        if form.cleaned_data.get("receipt"):
            files.append((form.cleaned_data["receipt"], Attachment.Kind.RECEIPT))
        if form.cleaned_data.get("photo"):
            files.append((form.cleaned_data["photo"], Attachment.Kind.PROOF_PHOTO))
        try:
            services.submit_proof(
                application=application,
                report=form.cleaned_data["report"],
                public_summary=form.cleaned_data["public_summary"],
                spent_amount=form.cleaned_data["spent_amount"],
                files=files,
                actor=_actor(request, application),
            )
        except DomainError as exc:
            form.add_error(
                exc.field if exc.field in form.fields else ("receipt" if "“" in str(exc) else None), str(exc)
            )
        else:
            messages.success(request, _("Thank you! Your proof of use has been submitted."))
            return redirect("fund:applicant", token)
    last = application.proofs.first()
    return render(
        request,
        "fund/proof.html",
        {
            "application": application,
            "quarter": application.quarter,
            "token": token,
            "form": form,
            "last": last,
        },
    )


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- The office ---------------------------------------------------------------------------------


def inbox(request, slug):
    """Applications by round and status."""
    quarter, fund = _area(request, slug, rules.can_view_applications)
    if fund is None:
        raise Http404(_("This quarter has no fund yet."))
    status = request.GET.get("status", "")
    round_id = params.id_or_none(request.GET.get("round"))
    page_obj = _page(request, selectors.inbox(fund, status=status, round_id=round_id))
    query = "&".join(f"{k}={v}" for k, v in (("status", status), ("round", round_id or "")) if v)
    return render(
        request,
        "fund/staff/inbox.html",
        {
            "quarter": quarter,
            "fund": fund,
            "page_obj": page_obj,
            "status": status,
            "round_id": round_id,
            "rounds": fund.rounds.all(),
            "statuses": [(k, v) for k, v in Application.Status.choices if k != "draft"],
            "query_string": query,
            "can_manage": rules.can_manage_fund(request.user, fund),
            "can_export": rules.can_export(request.user, fund),
        },
    )


def _staff_application(request, slug, app_id, rule=rules.can_view_applications):
    quarter = quarter_or_404(slug)
    if not request.user.is_authenticated:
        raise PermissionDenied
    application = get_object_or_404(
        Application.objects.select_related("fund", "quarter", "category", "round").exclude(status="draft"),
        pk=app_id,
        quarter=quarter,
    )
    if not rule(request.user, application):
        raise PermissionDenied
    return quarter, application


ACTIONS = {
    "complete": rules.can_triage,
    "request_changes": rules.can_triage,
    "note": rules.can_add_note,
    "schedule": rules.can_schedule,
    "decide": rules.can_decide,
    "correct": rules.can_correct_amount,
    "payout": rules.can_record_payout,
    "check_proof": rules.can_check_proof,
}


@never_cache
@require_http_methods(["GET", "POST"])
def application_detail(request, slug, app_id):
    """Everything about one application, and the office's actions on it."""
    quarter, application = _staff_application(request, slug, app_id)
    user = request.user
    sessions = AwardSession.objects.filter(fund=application.fund, status=AwardSession.Status.PLANNED)
    bound = {}
    action = request.POST.get("action") if request.method == "POST" else None
    if action:
        rule = ACTIONS.get(action)
        if rule is None or not rule(user, application):
            raise PermissionDenied
        form_class = {
            "complete": forms.NoteForm,
            "request_changes": forms.RequestChangesForm,
            "note": forms.NoteForm,
            "schedule": forms.ScheduleForm,
            "decide": forms.DecideForm,
            "correct": forms.CorrectAmountForm,
            "payout": forms.PayoutForm,
            "check_proof": forms.CheckProofForm,
        }[action]
        kwargs = {"sessions": sessions} if action == "schedule" else {}
        form = form_class(request.POST, prefix=action, **kwargs) if action != "complete" else None
        if form is None or form.is_valid():
            data = form.cleaned_data if form is not None else {}
            try:
                _run_action(action, application, user, data)
            except DomainError as exc:
                _domain_error(request, exc)
                if form is not None:
                    bound[action] = form
            else:
                messages.success(request, _("Done."))
                return redirect("fund:detail", quarter.slug, application.pk)
        else:
            bound[action] = form
            messages.error(request, _("Please correct the marked fields."))
    can = {name: rule(user, application) for name, rule in ACTIONS.items()}
    can["internal"] = rules.can_view_internal_notes(user, application)
    can["contact"] = rules.can_see_contact(user, application)
    proof = application.proofs.first()
    level = services.decision_level(application.fund, application.requested_amount)
    st = application.status
    show = {
        "complete": can["complete"] and st == S.SUBMITTED,
        "request_changes": can["request_changes"] and st in (S.SUBMITTED, S.COMPLETE, S.DEFERRED),
        "schedule": can["schedule"] and st in (S.COMPLETE, S.DEFERRED) and level != "office",
        "decide": can["decide"]
        and (st == S.RECOMMENDED or (level == "office" and st in (S.COMPLETE, S.DEFERRED))),
        "payout": can["payout"] and application.is_funded,
        "check_proof": can["check_proof"] and st == S.PROOF_SUBMITTED,
        "correct": can["correct"] and st in (S.APPROVED, S.PROOF_SUBMITTED, S.REPAYMENT_DUE),
    }
    show["any"] = any(show.values())
    return render(
        request,
        "fund/staff/application.html",
        {
            "quarter": quarter,
            "application": application,
            "fund": application.fund,
            "can": can,
            "cost_items": application.cost_items.all(),
            "attachments": application.attachments.all(),
            "versions": application.versions.all(),
            "history": application.status_changes.select_related("actor"),
            "notes": application.notes.select_related("author") if can["internal"] else [],
            "decisions": application.decisions.select_related("decided_by").order_by("decided_at", "pk"),
            "payouts": application.payouts.select_related("recorded_by"),
            "proof": proof,
            "audit": audit.history_for(application)[:50],
            "sessions": sessions,
            "forms": {
                "request_changes": bound.get("request_changes")
                or forms.RequestChangesForm(prefix="request_changes"),
                "note": bound.get("note") or forms.NoteForm(prefix="note"),
                "schedule": bound.get("schedule") or forms.ScheduleForm(sessions=sessions, prefix="schedule"),
                "decide": bound.get("decide") or forms.DecideForm(prefix="decide"),
                "correct": bound.get("correct") or forms.CorrectAmountForm(prefix="correct"),
                "payout": bound.get("payout")
                or forms.PayoutForm(initial={"paid_on": timezone.localdate()}, prefix="payout"),
                "check_proof": bound.get("check_proof") or forms.CheckProofForm(prefix="check_proof"),
            },
            "level": level,
            "show": show,
        },
    )


def _run_action(action, application, user, data):
    if action == "complete":
        services.mark_complete(application=application, actor=user)
    elif action == "request_changes":
        services.request_changes(application=application, message=data["message"], actor=user)
    elif action == "note":
        services.add_note(application=application, text=data["text"], kind=data["kind"], actor=user)
    elif action == "schedule":
        services.schedule(application=application, session=data["session"], actor=user)
    elif action == "decide":
        services.decide(
            application=application,
            outcome=data["outcome"],
            amount=data.get("amount"),
            conditions=data.get("conditions", ""),
            reasons=data.get("reasons", ""),
            actor=user,
        )
    elif action == "correct":
        services.correct_amount(
            application=application, amount=data["amount"], reason=data["reason"], actor=user
        )
    elif action == "payout":
        services.record_payout(
            application=application,
            amount=data["amount"],
            paid_on=data["paid_on"],
            reference=data.get("reference", ""),
            reason=data.get("reason", ""),
            actor=user,
        )
    elif action == "check_proof":
        proof = application.proofs.filter(status=ProofOfUse.Status.SUBMITTED).first()
        if proof is None:
            raise DomainError(_("There is no proof of use to check."))
        services.check_proof(
            proof=proof,
            outcome=data["outcome"],
            note=data.get("note", ""),
            repayment_amount=data.get("repayment_amount"),
            actor=user,
        )


def staff_file(request, slug, app_id, file_id):
    _quarter, application = _staff_application(request, slug, app_id)
    attachment = get_object_or_404(Attachment, pk=file_id, application=application)
    return file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


def staff_letter(request, slug, app_id, decision_id):
    _quarter, application = _staff_application(request, slug, app_id)
    decision = get_object_or_404(Decision, pk=decision_id, application=application)
    return _pdf_response(pdf.decision_letter_pdf(decision), f"{application.reference}-bescheid.pdf")


def staff_application_pdf(request, slug, app_id):
    _quarter, application = _staff_application(request, slug, app_id)
    return _pdf_response(pdf.application_pdf(application), f"{application.reference}.pdf")


# --- Sessions -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def sessions(request, slug):
    quarter, fund = _area(request, slug, rules.can_view_session)
    if fund is None:
        raise Http404
    can_plan = rules.can_plan_session(request.user, fund)
    form = forms.SessionForm(request.POST or None, fund=fund)
    if request.method == "POST":
        if not can_plan:
            raise PermissionDenied
        if form.is_valid():
            try:
                session = services.plan_session(fund=fund, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                _domain_error(request, exc)
            else:
                messages.success(request, _("The session is planned."))
                return redirect("fund:session", quarter.slug, session.pk)
    page_obj = _page(request, AwardSession.objects.filter(fund__quarter=quarter).select_related("fund"))
    return render(
        request,
        "fund/staff/sessions.html",
        {"quarter": quarter, "fund": fund, "page_obj": page_obj, "form": form, "can_plan": can_plan},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def session_detail(request, slug, session_id):
    """A session: every application on the agenda, documents, assessment, budget; recusals, votes, results."""
    quarter = quarter_or_404(slug)
    if not request.user.is_authenticated:
        raise PermissionDenied
    session = get_object_or_404(
        AwardSession.objects.select_related("fund", "quarter"), pk=session_id, quarter=quarter
    )
    user = request.user
    if not rules.can_view_session(user, session):
        raise PermissionDenied
    if request.method == "POST":
        _session_action(request, session)
        return redirect(
            reverse("fund:session", args=[quarter.slug, session.pk]) + request.POST.get("anchor", "")
        )
    items = selectors.session_items(session)
    members = selectors.voting_members(session.fund, on=session.date) if session.on_paper else []
    present = set(session.attendances.values_list("member_id", flat=True)) if session.on_paper else set()
    rows = []
    for item in items:
        mine = next((v for v in item.votes.all() if v.voter_id == user.pk), None)
        recused = any(r.user_id == user.pk for r in item.recusals.all())
        rows.append(
            {
                "item": item,
                "application": item.application,
                "assessment": item.application.assessments[0] if item.application.assessments else None,
                "my_vote": mine,
                "recused": recused,
                "can_vote": rules.can_vote(user, item) and mine is None,
                "can_recuse": rules.can_recuse(user, item) and not recused and mine is None,
                "can_enter": rules.can_enter_paper_votes(user, item) and item.is_open,
                "can_close": rules.can_close_item(user, item),
                "entry_members": [m for m in members if session.is_written or m.pk in present],
                "is_applicant": rules.is_applicant(user, item),
            }
        )
    return render(
        request,
        "fund/staff/session.html",
        {
            "quarter": quarter,
            "session": session,
            "fund": session.fund,
            "rows": rows,
            "members": members,
            "present": present,
            "quorate": len(present) >= session.fund.quorum,
            "can_record_attendance": rules.can_enter_paper_votes(user, session)
            and session.status == AwardSession.Status.PLANNED
            and not session.is_written,
            "vote_form": forms.VoteForm(),
            "recusal_form": forms.RecusalForm(),
            "can_plan": rules.can_plan_session(user, session),
            "can_close_session": rules.can_plan_session(user, session)
            or rules.chairs_award_team(user, session),
            "can_sign": rules.can_sign_minutes(user, session),
            "all_closed": all(not r["item"].is_open for r in rows),
            "candidates": _candidates(session) if rules.can_schedule(user, session) else [],
        },
    )


def _candidates(session):
    """Complete or deferred applications of the session's round (or of the fund) not yet on this agenda."""
    if session.status != AwardSession.Status.PLANNED:
        return []
    qs = Application.objects.filter(fund=session.fund, status__in=[S.COMPLETE, S.DEFERRED]).exclude(
        agenda_items__session=session
    )
    if session.round_id:
        qs = qs.filter(round_id=session.round_id)
    staff_limit = session.fund.staff_decision_limit
    if staff_limit:
        qs = qs.filter(requested_amount__gt=staff_limit)
    return list(qs.select_related("category").order_by("submitted_at", "pk")[:100])


def _session_action(request, session):
    user = request.user
    action = request.POST.get("action")
    item = None
    item_id = params.optional_id(request.POST.get("item"), name="item")
    if item_id is not None:
        item = get_object_or_404(
            AgendaItem.objects.select_related("session", "application"), pk=item_id, session=session
        )
    try:
        if action == "vote" and item is not None:
            form = forms.VoteForm(request.POST)
            if not form.is_valid():
                raise DomainError(
                    _("Please choose yes, no or abstain; a reduced amount must be a positive number.")
                )
            services.cast_vote(item=item, voter=user, **form.cleaned_data)
            messages.success(request, _("Your vote has been recorded."))
        elif action == "attendance":
            ids = [i for i in map(params.id_or_none, request.POST.getlist("present")) if i is not None]
            paper.record_attendance(session=session, member_ids=ids, actor=user)
            messages.success(request, _("Attendance recorded."))
        elif action == "paper_vote" and item is not None:
            form = forms.PaperVoteForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Please choose a member and a vote."))
            data = form.cleaned_data
            paper.enter_paper_vote(
                item=item,
                member_id=data["voter"],
                choice=data["choice"],
                amount=data["amount"],
                conditions=data["conditions"],
                entered_by=user,
            )
            messages.success(request, _("The vote has been recorded."))
        elif action == "paper_recusal" and item is not None:
            voter_id = params.id_or_none(request.POST.get("voter"))
            if voter_id is None:
                raise DomainError(_("Please choose a member."))
            paper.enter_paper_recusal(
                item=item, member_id=voter_id, entered_by=user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The conflict of interest has been recorded."))
        elif action == "recuse" and item is not None:
            services.declare_recusal(item=item, user=user, reason=request.POST.get("reason", ""))
            messages.success(
                request, _("Your conflict of interest has been recorded; you do not vote on this item.")
            )
        elif action == "schedule" and request.POST.get("application"):
            application = get_object_or_404(
                Application.objects.select_related("fund"),
                pk=params.object_id(request.POST["application"], name="application"),
                fund=session.fund,
            )
            services.schedule(application=application, session=session, actor=user)
            messages.success(request, _("The application is on the agenda."))
        elif action == "close_session":
            services.close_session(session=session, actor=user)
            messages.success(request, _("The session is closed; the minutes can be signed."))
        elif action == "sign":
            services.sign_minutes(session=session, actor=user)
            messages.success(request, _("The minutes are signed."))
        else:
            raise PermissionDenied
    except DomainError as exc:
        _domain_error(request, exc)


def minutes(request, slug, session_id):
    quarter = quarter_or_404(slug)
    if not request.user.is_authenticated:
        raise PermissionDenied
    session = get_object_or_404(
        AwardSession.objects.select_related("fund", "quarter"), pk=session_id, quarter=quarter
    )
    if not rules.can_view_session(request.user, session):
        raise PermissionDenied
    return _pdf_response(pdf.minutes_pdf(session), f"protokoll-{session.date:%Y-%m-%d}.pdf")


# --- Budget, figures, exports -------------------------------------------------------------------


def budget(request, slug):
    quarter, fund = _area(request, slug, rules.can_view_budget)
    return render(
        request,
        "fund/staff/budget.html",
        {"quarter": quarter, "fund": fund, "years": selectors.budget_overview(quarter)},
    )


def figures(request, slug):
    quarter, fund = _area(request, slug, rules.can_export)
    return render(
        request,
        "fund/staff/figures.html",
        {
            "quarter": quarter,
            "fund": fund,
            "years": selectors.figures_per_year(quarter),
            "exports": [
                ("applications", _("Applications")),
                ("decisions", _("Decisions")),
                ("payouts", _("Payouts")),
            ],
        },
    )


def _export_rows(what, quarter):
    if what == "applications":
        header = [
            pgettext("fund", "Reference"),
            _("Year"),
            _("Round"),
            _("Kind of project"),
            _("Applicant"),
            _("Association or institution"),
            _("Title"),
            _("Status"),
            _("Submitted"),
            _("Total cost"),
            _("Own contribution"),
            _("Other funding"),
            _("Requested"),
            pgettext("fund", "Approved"),
            _("Paid"),
            _("Proof of use due"),
            _("First application"),
        ]
        qs = (
            Application.objects.filter(quarter=quarter)
            .exclude(status="draft")
            .select_related("fund", "round", "category")
            .annotate(is_restricted=core_selectors.is_restricted("email"))
            .order_by("submitted_at", "pk")
        )
        rows = (
            [
                a.reference,
                a.fund.year,
                a.round.name if a.round else "",
                a.category.name if a.category else "",
                # Art. 18 / 21: the amounts stay for the city's accounts, the applicant is not named.
                str(core_selectors.RESTRICTED_LABEL) if a.is_restricted else a.applicant_name,
                a.organisation_name,
                a.title,
                a.get_status_display(),
                a.submitted_at.date() if a.submitted_at else None,
                a.total_cost,
                a.own_contribution,
                a.other_funding,
                a.requested_amount,
                a.approved_amount,
                a.paid_amount,
                a.proof_due_date,
                _("yes") if a.is_first_time else _("no"),
            ]
            for a in qs.iterator(chunk_size=500)
        )
    elif what == "decisions":
        header = [
            pgettext("fund", "Reference"),
            _("Year"),
            pgettext("fund", "Decision"),
            _("Decided by"),
            _("Amount"),
            _("Conditions"),
            _("Reasons"),
            _("Decided"),
            _("Correction of"),
            _("Reason for the correction"),
        ]
        rows = (
            [
                d.application.reference,
                d.application.fund.year,
                d.get_outcome_display(),
                d.get_level_display(),
                d.amount,
                d.conditions,
                d.reasons,
                d.decided_at.date(),
                d.supersedes_id or "",
                d.correction_reason,
            ]
            for d in selectors.decisions_for_export(quarter).iterator(chunk_size=500)
        )
    elif what == "payouts":
        header = [
            pgettext("fund", "Reference"),
            _("Year"),
            _("Paid on"),
            _("Amount"),
            _("Booking reference"),
            _("Reason for the correction"),
        ]
        rows = (
            [
                p.application.reference,
                p.application.fund.year,
                p.paid_on,
                p.amount,
                p.reference,
                p.reason,
            ]
            for p in selectors.payouts_for_export(quarter).iterator(chunk_size=500)
        )
    else:
        raise Http404
    return header, rows


def export(request, slug, what, fmt):
    """CSV (German Excel, or RFC 4180 with ?format=csv-rfc4180) or XLSX of applications, decisions or
    payouts for the city's accounting."""
    quarter, _fund = _area(request, slug, rules.can_export)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    header, rows = _export_rows(what, quarter)
    filename = f"verfuegungsfonds-{quarter.slug}-{what}.{fmt}"
    audit.record(request.user, "fund.exported", quarter, what=what, format=fmt)
    if fmt == "csv":
        return exports.csv_response(header, rows, filename, exports.dialect_for(request))
    return exports.xlsx_response(header, rows, filename, title=what)


# --- Settings -----------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def fund_settings(request, slug):
    """The office sets the fund's rules, rounds and kinds of project, and opens next year's fund."""
    quarter = quarter_or_404(slug)
    if not request.user.is_authenticated or not rules.can_configure_fund(request.user, quarter):
        raise PermissionDenied
    fund = selectors.current_fund(quarter)
    year = params.whole_number(request.GET.get("year"), name="year", default=0, minimum=0, maximum=9999)
    if fund is not None and year:
        fund = Fund.objects.filter(quarter=quarter, year=year).first() or fund
    action = request.POST.get("action") if request.method == "POST" else None
    post = request.POST if action else None
    settings_form = (
        forms.FundSettingsForm(post if action == "settings" else None, instance=fund) if fund else None
    )
    round_form = forms.RoundForm(post if action == "round" else None, prefix="round")
    category_form = forms.CategoryForm(post if action == "category" else None, prefix="category")
    budget_form = forms.BudgetForm(post if action in ("create", "next_year") else None, prefix="budget")
    if action:
        form = {
            "settings": settings_form,
            "round": round_form,
            "category": category_form,
            "create": budget_form,
            "next_year": budget_form,
        }.get(action)
        if form is None or (fund is None and action != "create"):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "settings":
                    services.update_fund(fund=fund, data=data, actor=request.user)
                elif action == "round":
                    services.add_round(fund=fund, actor=request.user, **data)
                elif action == "category":
                    services.add_category(fund=fund, actor=request.user, **data)
                elif action == "create":
                    fund = services.create_fund(
                        quarter=quarter,
                        year=timezone.localdate().year,
                        budget=data["budget"],
                        actor=request.user,
                    )
                else:
                    fund = services.start_next_year(fund=fund, budget=data["budget"], actor=request.user)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, _("Saved."))
                return redirect(reverse("fund:settings", args=[quarter.slug]) + f"?year={fund.year}")
        messages.error(request, _("Please correct the marked fields."))
    return render(
        request,
        "fund/staff/settings.html",
        {
            "quarter": quarter,
            "fund": fund,
            "years": Fund.objects.filter(quarter=quarter).values_list("year", flat=True),
            "settings_form": settings_form,
            "round_form": round_form,
            "category_form": category_form,
            "budget_form": budget_form,
            "rounds": fund.rounds.all() if fund else [],
            "categories": fund.categories.all() if fund else [],
        },
    )
