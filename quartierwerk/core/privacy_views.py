"""Pages for a person's own data: download a copy (with or without an account) and delete the account."""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import privacy_services as privacy
from .client import client_address
from .errors import DomainError
from .files import file_response
from .models import DataExport
from .rules import can_open_staff_erasure


class EmailForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))


class ConfirmDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, delete my account and the data stored about me."), required=True
    )


class StaffEraseForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of the person"))
    reason = forms.CharField(
        label=gettext_lazy("Request (date, how the identity was checked)"), max_length=300
    )
    confirm = forms.BooleanField(label=gettext_lazy("Erase now; this cannot be undone."), required=True)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    """'Meine Daten herunterladen': ask for an export, see those being prepared and ready."""
    if request.method == "POST":
        try:
            privacy.request_export(user=request.user)
            messages.success(request, _("Your data is being collected. We will e-mail you when it is ready."))
        except DomainError as exc:
            messages.error(request, str(exc))
        return redirect("core:my_data")
    exports = DataExport.objects.filter(user=request.user).order_by("-created_at")[:10]
    holds = privacy.holds_for(privacy.for_user(request.user))
    return render(request, "core/privacy/my_data.html", {"exports": exports, "holds": holds})


@never_cache
@login_required
def my_data_download(request, pk: int):
    try:
        export = privacy.downloadable(export_id=pk, token="", user=request.user)
    except DomainError as exc:
        raise PermissionDenied(str(exc)) from exc
    return file_response(
        export.file, filename="meine-daten.zip", content_type="application/zip", inline=False
    )


@never_cache
def export_download(request, pk: int, token: str):
    """The link from the e-mail; an account's export also needs that account's log-in."""
    try:
        export = privacy.downloadable(export_id=pk, token=token, user=request.user)
    except DomainError as exc:
        if exc.status == 403:
            return redirect_to_login(request.get_full_path(), reverse("core:login"))
        raise PermissionDenied(str(exc)) from exc
    return file_response(
        export.file, filename="meine-daten.zip", content_type="application/zip", inline=False
    )


@never_cache
@require_http_methods(["GET", "POST"])
def export_by_email(request):
    """The public form for people without an account: a confirmation link goes to the address."""
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            privacy.request_email_export(email=form.cleaned_data["email"], client_ip=client_address(request))
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "core/privacy/export_sent.html")
    return render(request, "core/privacy/export_request.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def export_confirm(request, signed: str):
    """A button, not the GET itself, starts the export: mail scanners that open links must not trigger it."""
    if request.method == "POST":
        try:
            privacy.confirm_email_export(signed)
        except DomainError as exc:
            return render(request, "core/privacy/export_confirm.html", {"error": str(exc)}, status=400)
        return render(request, "core/privacy/export_sent.html", {"confirmed": True})
    return render(request, "core/privacy/export_confirm.html", {})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """A resident deletes their own account, after seeing what a legal hold keeps and until when."""
    ref = privacy.for_user(request.user)
    form = ConfirmDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = privacy.erase(ref, by=request.user, reason="account deleted by its holder")
        logout(request)
        return render(request, "core/privacy/deleted.html", {"holds": result.holds})
    return render(
        request, "core/privacy/delete_account.html", {"form": form, "holds": privacy.holds_for(ref)}
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def staff_erase(request):
    """Staff erase the data held under an e-mail address, for a request made by letter or at the counter."""
    if not can_open_staff_erasure(request.user):
        raise PermissionDenied
    form = StaffEraseForm(request.POST or None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        ref = privacy.for_email(form.cleaned_data["email"])
        try:
            privacy.require_reach(request.user, ref)
        except DomainError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            result = privacy.erase(ref, by=request.user, reason=form.cleaned_data["reason"])
            form = StaffEraseForm()
    return render(request, "core/privacy/staff_erase.html", {"form": form, "result": result}, status=status)
