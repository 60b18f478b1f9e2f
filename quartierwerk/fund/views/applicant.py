"""The applicant's private area behind the private link: overview, files and letters, withdrawal and the
proof of use (the wizard is in `wizard.py`)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import file_response

from .. import forms, pdf, services
from ..models import Application, Attachment, Decision
from ..workflows import APPLICATION
from .common import _actor, _application, _domain_error, _pdf_response
from .wizard import STEPS


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
            "can_withdraw": APPLICATION.can(request.user, application, "withdraw"),
            "can_submit_proof": APPLICATION.can(request.user, application, "submit_proof"),
        },
    )


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
    if not APPLICATION.can(request.user, application, "submit_proof"):
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
