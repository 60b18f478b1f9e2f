"""The fund's public pages: the fund with its funded projects, a project's page, starting an application
and asking for lost links."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from quartierwerk.core import geo
from quartierwerk.core.client import client_address
from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import file_response
from quartierwerk.core.views import quarter_or_404

from .. import checks, forms, rules, selectors, services
from ..models import Application, Attachment
from .common import OWNER_PREFIX, S, _fund_or_404, _page


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
