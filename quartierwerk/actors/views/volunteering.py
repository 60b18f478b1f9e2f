"""Staff pages for volunteer engagement and its certificate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404

from .. import rules, services
from ..forms import (
    EngagementForm,
)
from ..models import (
    VolunteerEngagement,
)
from .common import _domain_errors, _download, _form_error, _page, _staff


@login_required
@require_http_methods(["GET", "POST"])
def staff_volunteers(request, slug):
    quarter = _staff(request, slug)
    can_manage = rules.can_record_engagement(request.user, quarter)
    form = EngagementForm(request.POST or None, quarter=quarter)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.record_engagement(
                    by=request.user,
                    quarter=quarter,
                    person=d["person"],
                    organisation=d["organisation"],
                    activity=d["activity"],
                    hours=d["hours"],
                    start=d["start_date"],
                    end=d["end_date"],
                )
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The volunteer work has been recorded."))
                return redirect("actors:staff_volunteers", quarter.slug)
    qs = VolunteerEngagement.objects.filter(quarter=quarter).select_related("person", "organisation")
    return render(
        request,
        "actors/staff/volunteers.html",
        {"quarter": quarter, "page_obj": _page(request, qs), "form": form, "can_manage": can_manage},
    )


@login_required
@require_POST
@_domain_errors
def staff_sign(request, slug, pk):
    quarter = _staff(request, slug, rules.can_sign_certificate)
    engagement = get_object_or_404(VolunteerEngagement, pk=pk, quarter=quarter)
    services.sign_engagement(by=request.user, engagement=engagement)
    messages.success(request, _("The certificate has been signed."))
    return redirect("actors:staff_volunteers", quarter.slug)


@login_required
@_domain_errors
def certificate(request, slug, pk):
    """The signed certificate (Ehrenamtsnachweis) as PDF, for staff and the volunteer."""
    quarter = quarter_or_404(slug)
    engagement = get_object_or_404(
        VolunteerEngagement.objects.select_related("person", "organisation", "quarter"),
        pk=pk,
        quarter=quarter,
    )
    if not (
        rules.can_sign_certificate(request.user, engagement)
        or rules.is_the_person(request.user, engagement.person)
    ):
        raise PermissionDenied
    pdf = services.certificate_pdf(engagement)
    return _download(pdf, f"ehrenamtsnachweis-{engagement.pk}.pdf", "application/pdf")
