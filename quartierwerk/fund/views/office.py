"""The office's inbox and application page with its actions (completeness, changes, agenda, decision,
correction, payout, proof check, notes)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from quartierwerk.core import audit, params
from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import file_response
from quartierwerk.core.views import quarter_or_404

from .. import forms, pdf, rules, selectors, services
from ..models import Application, Attachment, AwardSession, Decision, ProofOfUse
from ..workflows import APPLICATION
from .common import _area, _domain_error, _page, _pdf_response


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


@dataclass(frozen=True)
class OfficeAction:
    """One action of the office on an application: who may take it, the form it posts, the service it calls."""

    rule: Callable
    form: type | None  # None: a button without fields
    run: Callable  # run(application, user, cleaned_data)


def _check_proof(application, user, data):
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


# The office's actions: the posted `action` → (rule, form, service).
ACTIONS = {
    "complete": OfficeAction(
        rules.can_triage, None, lambda a, user, data: services.mark_complete(application=a, actor=user)
    ),
    "request_changes": OfficeAction(
        rules.can_triage,
        forms.RequestChangesForm,
        lambda a, user, data: services.request_changes(application=a, message=data["message"], actor=user),
    ),
    "note": OfficeAction(
        rules.can_add_note,
        forms.NoteForm,
        lambda a, user, data: services.add_note(
            application=a, text=data["text"], kind=data["kind"], actor=user
        ),
    ),
    "schedule": OfficeAction(
        rules.can_schedule,
        forms.ScheduleForm,
        lambda a, user, data: services.schedule(application=a, session=data["session"], actor=user),
    ),
    "decide": OfficeAction(
        rules.can_decide,
        forms.DecideForm,
        lambda a, user, data: services.decide(
            application=a,
            outcome=data["outcome"],
            amount=data.get("amount"),
            conditions=data.get("conditions", ""),
            reasons=data.get("reasons", ""),
            actor=user,
        ),
    ),
    "correct": OfficeAction(
        rules.can_correct_amount,
        forms.CorrectAmountForm,
        lambda a, user, data: services.correct_amount(
            application=a, amount=data["amount"], reason=data["reason"], actor=user
        ),
    ),
    "payout": OfficeAction(
        rules.can_record_payout,
        forms.PayoutForm,
        lambda a, user, data: services.record_payout(
            application=a,
            amount=data["amount"],
            paid_on=data["paid_on"],
            reference=data.get("reference", ""),
            reason=data.get("reason", ""),
            actor=user,
        ),
    ),
    "check_proof": OfficeAction(rules.can_check_proof, forms.CheckProofForm, _check_proof),
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
        chosen = ACTIONS.get(action)
        if chosen is None or not chosen.rule(user, application):
            raise PermissionDenied
        kwargs = {"sessions": sessions} if action == "schedule" else {}
        form = chosen.form(request.POST, prefix=action, **kwargs) if chosen.form is not None else None
        if form is None or form.is_valid():
            data = form.cleaned_data if form is not None else {}
            try:
                chosen.run(application, user, data)
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
    can = {name: entry.rule(user, application) for name, entry in ACTIONS.items()}
    can["internal"] = rules.can_view_internal_notes(user, application)
    can["contact"] = rules.can_see_contact(user, application)
    proof = application.proofs.first()
    level = services.decision_level(application.fund, application.requested_amount)
    # Each form appears when the workflow allows its step to this user now; a form → its step in the table.
    show = {
        form: APPLICATION.can(user, application, action)
        for form, action in (
            ("complete", "complete"),
            ("request_changes", "request_changes"),
            ("schedule", "schedule"),
            ("decide", "approve"),
            ("payout", "payout"),
            ("check_proof", "accept_proof"),
            ("correct", "correct"),
        )
    }
    # Small grants the office decides itself, so it is not offered the award team's agenda for them.
    show["schedule"] = show["schedule"] and level != Decision.Level.OFFICE
    show["any"] = any(show.values())
    step_forms = {
        "request_changes": bound.get("request_changes") or forms.RequestChangesForm(prefix="request_changes"),
        "schedule": bound.get("schedule") or forms.ScheduleForm(sessions=sessions, prefix="schedule"),
        "decide": bound.get("decide") or forms.DecideForm(prefix="decide"),
        "payout": bound.get("payout")
        or forms.PayoutForm(initial={"paid_on": timezone.localdate()}, prefix="payout"),
        "check_proof": bound.get("check_proof") or forms.CheckProofForm(prefix="check_proof"),
        "correct": bound.get("correct") or forms.CorrectAmountForm(prefix="correct"),
    }
    steps = [
        {"key": key, "title": title, "button": button, "form": step_forms.get(key)}
        for key, title, button in (
            ("complete", _("Mark complete"), _("Mark complete")),
            ("request_changes", _("Request changes"), pgettext("fund", "Send request")),
            ("schedule", _("Put on the agenda"), _("Put on the agenda")),
            ("decide", _("Record the decision"), _("Decide")),
            ("payout", _("Record a payout"), _("Record payout")),
            ("check_proof", _("Check the proof of use"), _("Save the check")),
            ("correct", _("Correct the approved amount"), _("Correct")),
        )
        if show[key]
    ]
    # Without JavaScript a step opens as a form in the side panel (?step=…), as does one that came back with errors.
    wanted = next(iter(bound), None) or request.GET.get("step")
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
            "forms": {"note": bound.get("note") or forms.NoteForm(prefix="note")},
            "steps": steps,
            "open_step": wanted if wanted in {step["key"] for step in steps} else None,
            "level": level,
            "show": show,
        },
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
