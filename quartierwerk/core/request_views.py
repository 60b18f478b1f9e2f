"""Staff pages of data protection: the log of requests by letter or at the counter, and who is responsible."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import rules, selectors, services
from .errors import DomainError
from .legal_forms import (
    AnswerForm,
    ArrangementForm,
    LiftRestrictionForm,
    ResponsiblePartyForm,
    SubjectRequestForm,
)
from .models import City, ProcessingRestriction, Quarter, ResponsibleParty, SubjectRequest
from .views import quarter_or_404


def _quarter_for_requests(request, slug) -> Quarter:
    quarter = quarter_or_404(slug)
    if not rules.can_handle_subject_requests(request.user, quarter):
        raise PermissionDenied
    return quarter


def _form_error(form, exc: DomainError) -> None:
    if exc.status == 403:
        raise PermissionDenied(str(exc))
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


@login_required
@require_http_methods(["GET", "POST"])
def subject_requests(request, slug):
    """The quarter's request log with the form to log a new one."""
    quarter = _quarter_for_requests(request, slug)
    form = SubjectRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            logged = services.log_subject_request(by=request.user, quarter=quarter, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("The request is logged. Answer by %(date)s.") % {"date": f"{logged.due_on:%d.%m.%Y}"},
            )
            return redirect("core:subject_request", quarter.slug, logged.pk)
    return render(
        request,
        "core/staff/subject_requests.html",
        {
            "quarter": quarter,
            "requests": list(selectors.subject_requests(quarter)),
            "form": form,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def subject_request(request, slug, pk):
    """One logged request: its deadline, the tools to answer it, and closing it."""
    quarter = _quarter_for_requests(request, slug)
    logged = get_object_or_404(selectors.subject_requests(quarter), pk=pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_subject_request(by=request.user, request=logged, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The request is closed."))
            return redirect("core:subject_request", quarter.slug, logged.pk)
    return render(
        request,
        "core/staff/subject_request.html",
        {
            "quarter": quarter,
            "item": logged,
            "form": form,
            "lift_form": LiftRestrictionForm(),
            "restrictions": list(logged.restrictions.all()),
            "tools": answer_tools(logged),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def lift_restriction(request, slug, pk, restriction_id):
    quarter = _quarter_for_requests(request, slug)
    restriction = get_object_or_404(
        ProcessingRestriction.objects.select_related("request__quarter"),
        pk=restriction_id,
        request_id=pk,
        request__quarter=quarter,
    )
    form = LiftRestrictionForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Say why the restriction ends."), field="reason")
        services.lift_restriction(
            by=request.user, restriction=restriction, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied(str(exc)) from exc
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The restriction has been lifted."))
    return redirect("core:subject_request", quarter.slug, pk)


def answer_tools(logged: SubjectRequest) -> list[tuple[str, str]]:
    """Links to the tools that answer this kind of request: (label, url)."""
    slug, pk = logged.quarter.slug, logged.pk
    tools = []
    if logged.kind in (SubjectRequest.Kind.ACCESS, SubjectRequest.Kind.PORTABILITY):
        tools.append(
            (_("Download the person's data as ZIP"), reverse("core:subject_request_export", args=[slug, pk]))
        )
    if logged.kind in (
        SubjectRequest.Kind.RECTIFICATION,
        SubjectRequest.Kind.ACCESS,
        SubjectRequest.Kind.ERASURE,
    ):
        tools.append((_("Find the person in the directory"), reverse("actors:staff_persons", args=[slug])))
    return tools


@login_required
def subject_request_export(request, slug, pk):
    """The ZIP of the person's data for an access or portability request, to print or hand over."""
    quarter = _quarter_for_requests(request, slug)
    logged = get_object_or_404(selectors.subject_requests(quarter), pk=pk)
    try:
        data = services.export_for_request(by=request.user, request=logged)
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied(str(exc)) from exc
        messages.error(request, str(exc))
        return redirect("core:subject_request", slug, pk)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="auskunft-{logged.pk}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def subject_request_erase(request, slug, pk):
    """Carry out an erasure request; what a legal hold keeps is listed on the request afterwards."""
    quarter = _quarter_for_requests(request, slug)
    logged = get_object_or_404(selectors.subject_requests(quarter), pk=pk)
    if not request.POST.get("confirm"):
        messages.error(request, _("Confirm that the data is to be erased."))
        return redirect("core:subject_request", slug, pk)
    try:
        result = services.erase_for_request(by=request.user, request=logged)
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied(str(exc)) from exc
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The data has been erased. Records kept under a legal hold: %(n)d.") % {"n": len(result.holds)},
        )
    return redirect("core:subject_request", slug, pk)


# Who is responsible -------------------------------------------------------------------------------------


def _may_manage_parties(request) -> None:
    if not rules.may_manage_parties(request.user):
        raise PermissionDenied


def _managed_cities(user):
    rs = rules.role_set(user)
    cities = City.objects.all()
    return cities if rs.is_admin else cities.filter(pk__in=rs.city_ids)


@login_required
def parties(request):
    """The responsible parties and each quarter's arrangement, for the cities the user answers for."""
    _may_manage_parties(request)
    cities = list(_managed_cities(request.user))
    city_ids = [c.pk for c in cities]
    all_parties = ResponsibleParty.objects.filter(city_id__in=city_ids).select_related("city")
    quarters = Quarter.objects.filter(city_id__in=city_ids).select_related("city", "operator_party")
    return render(
        request,
        "core/staff/parties.html",
        {
            "cities": [
                (
                    city,
                    [p for p in all_parties if p.city_id == city.pk],
                    [q for q in quarters if q.city_id == city.pk],
                )
                for city in cities
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_edit(request, city_slug, pk=None):
    """Create or change a city administration's or an operator's details."""
    _may_manage_parties(request)
    city = get_object_or_404(_managed_cities(request.user), slug=city_slug)
    party = get_object_or_404(ResponsibleParty, pk=pk, city=city) if pk else None
    form = ResponsiblePartyForm(request.POST or None, instance=party)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.PARTY_FIELDS}
        try:
            # The form is not saved itself: the service is the one place that writes.
            fresh = ResponsibleParty.objects.get(pk=party.pk) if party else None
            services.save_responsible_party(by=request.user, city=city, data=data, party=fresh)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The details have been saved."))
            return redirect("core:parties")
    return render(request, "core/staff/party_form.html", {"form": form, "city": city, "party": party})


@login_required
@require_http_methods(["GET", "POST"])
def quarter_arrangement(request, slug):
    """Record the operator of a quarter and the arrangement its contract states."""
    quarter = quarter_or_404(slug)
    if not rules.can_set_arrangement(request.user, quarter):
        raise PermissionDenied
    form = ArrangementForm(
        request.POST or None,
        quarter=quarter,
        initial={"arrangement": quarter.arrangement, "operator_party": quarter.operator_party_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_arrangement(
                by=request.user,
                quarter=quarter,
                arrangement=form.cleaned_data["arrangement"],
                operator=form.cleaned_data["operator_party"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The arrangement has been saved."))
            return redirect("core:parties")
    return render(request, "core/staff/arrangement_form.html", {"form": form, "quarter": quarter})
