"""Self-service: registering and claiming an organisation, editing one's own entry, one's data, withdrawal."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404

from .. import rules, selectors, services
from ..forms import (
    ClaimForm,
    OrganisationForm,
    RegistrationForm,
)
from ..models import (
    Organisation,
    Person,
    Representation,
)
from .common import (
    _download,
    _form_error,
)


@login_required
@require_http_methods(["GET", "POST"])
def register(request, slug):
    """An association or initiative registers itself; the office verifies the entry."""
    quarter = quarter_or_404(slug)
    form = RegistrationForm(request.POST or None, initial={"public_fields": ["address", "location"]})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        message = data.pop("message", "")
        data.pop("confirm", None)
        try:
            org = services.register_organisation(by=request.user, quarter=quarter, data=data, message=message)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            return render(request, "actors/register_done.html", {"quarter": quarter, "org": org})
    return render(request, "actors/register.html", {"quarter": quarter, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def claim(request, slug, org_slug):
    quarter = quarter_or_404(slug)
    org = get_object_or_404(selectors.public_organisations(quarter), slug=org_slug)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_organisation(
                by=request.user, organisation=org, message=form.cleaned_data["message"]
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Thank you. The neighbourhood office will check your request."))
            return redirect("actors:detail", quarter.slug, org.slug)
    return render(request, "actors/claim.html", {"quarter": quarter, "org": org, "form": form})


@login_required
def my_organisations(request):
    """The entries the user represents or has asked to represent."""
    reps = Representation.objects.filter(user=request.user).select_related(
        "organisation", "organisation__quarter"
    )
    return render(request, "actors/mine.html", {"representations": reps})


@login_required
@require_http_methods(["GET", "POST"])
def edit_own(request, pk):
    """A representative keeps the entry up to date."""
    org = get_object_or_404(Organisation.objects.select_related("quarter"), pk=pk)
    if not rules.can_edit_organisation(request.user, org):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, initial=OrganisationForm.initial_for(org))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(by=request.user, organisation=org, data=form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The entry has been saved."))
            return redirect("actors:my_organisations")
    return render(request, "actors/edit_own.html", {"org": org, "form": form, "quarter": org.quarter})


@login_required
def my_data(request):
    """What the directory stores about the logged-in user: records, bases, and their export."""
    persons = list(selectors.person_detail_queryset().filter(user=request.user, anonymised_at__isnull=True))
    for person in persons:
        person.withdraw_link = reverse("actors:withdraw", args=[services.withdraw_token(person)])
    return render(request, "actors/my_data.html", {"persons": persons})


@login_required
def my_data_export(request, pk, fmt):
    person = get_object_or_404(Person, pk=pk, user=request.user)
    if not rules.can_export_person(request.user, person):
        raise PermissionDenied
    if fmt == "json":
        data = services.export_person_data(by=request.user, person=person)
        return _download(
            json.dumps(data, ensure_ascii=False, indent=2).encode(), "meine-daten.json", "application/json"
        )
    if fmt == "pdf":
        return _download(
            services.export_person_pdf(by=request.user, person=person), "meine-daten.pdf", "application/pdf"
        )
    raise Http404


@csrf_exempt  # the signed token in the URL is the authorisation; mail clients post here (RFC 8058)
@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    """One-click withdrawal from any e-mail: the link shows one button; a POST withdraws at once."""
    person = services.person_for_withdraw_token(token)
    if person is None:
        return render(request, "actors/withdraw.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.withdraw_consent(person=person, via="link")
        return render(request, "actors/withdraw.html", {"done": True})
    return render(
        request, "actors/withdraw.html", {"person": person, "done": person.withdrawn_at is not None}
    )
