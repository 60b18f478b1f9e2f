"""Staff pages for organisations: the quarter's directory, an entry, verification, notes, duplicates, exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core import audit, exports
from quartierwerk.core.errors import DomainError
from quartierwerk.core.params import object_id

from .. import rules, selectors, services
from ..forms import (
    ActivityForm,
    SaveFilterForm,
    StaffFilterForm,
    StaffOrganisationForm,
)
from ..models import (
    ContactActivity,
    GroupMembership,
    Organisation,
    Person,
    Relationship,
    Representation,
    SavedFilter,
)
from .common import _contacts_download, _domain_errors, _form_error, _page, _staff, _staff_org

# --- Staff: organisations ------------------------------------------------------------------------------


@login_required
def staff_index(request, slug):
    """Staff start page: search across everything, filtered list, saved filters, waiting registrations."""
    quarter = _staff(request, slug)
    params = request.GET.copy()
    saved_id = params.get("saved")
    saved_filters = list(SavedFilter.objects.filter(quarter=quarter))
    if saved_id:
        saved = next((f for f in saved_filters if str(f.pk) == saved_id), None)
        if saved:
            params = saved.params
    flt = selectors.DirectoryFilter.from_params(params, staff=True)
    page_obj = _page(
        request,
        selectors.staff_organisations(quarter, flt).only(
            "id", "name", "kind", "status", "town", "tags", "is_public", "quarter_id"
        ),
    )
    pending = Organisation.objects.filter(quarter=quarter, status=Organisation.Status.PENDING).only(
        "id", "name"
    )
    claims = Representation.objects.filter(
        organisation__quarter=quarter, status=Representation.Status.PENDING, is_claim=True
    ).select_related("organisation", "user")
    q = (request.GET.get("search") or "").strip()
    return render(
        request,
        "actors/staff/index.html",
        {
            "quarter": quarter,
            "form": StaffFilterForm(params or None),
            "page_obj": page_obj,
            "query_string": urlencode(flt.as_params()),
            "filter_params": flt.as_params(),
            "saved_filters": saved_filters,
            "save_form": SaveFilterForm(),
            "pending": pending,
            "claims": claims,
            "search": q,
            "results": selectors.staff_search(quarter, q) if q else None,
            "can_manage": rules.can_manage_actors(request.user, quarter),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_organisation_new(request, slug):
    quarter = _staff(request, slug, rules.can_manage_actors)
    form = StaffOrganisationForm(request.POST or None, initial={"public_fields": ["address", "location"]})
    if request.method == "POST" and form.is_valid():
        try:
            org = services.create_organisation(by=request.user, quarter=quarter, data=form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The entry has been created."))
            return redirect("actors:staff_organisation", quarter.slug, org.pk)
    return render(request, "actors/staff/organisation_form.html", {"quarter": quarter, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_organisation(request, slug, pk):
    """One organisation for staff: everything, with notes, contact log, persons, history."""
    quarter = _staff(request, slug)
    org = _staff_org(quarter, pk)
    can_manage = rules.can_manage_actors(request.user, org)
    form = StaffOrganisationForm(
        request.POST or None if can_manage else None, initial=StaffOrganisationForm.initial_for(org)
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_organisation(by=request.user, organisation=org, data=form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The entry has been saved."))
                return redirect("actors:staff_organisation", quarter.slug, org.pk)
    return render(
        request,
        "actors/staff/organisation.html",
        {
            "quarter": quarter,
            "org": org,
            "form": form,
            "can_manage": can_manage,
            "activity_form": ActivityForm(),
            "activities": ContactActivity.objects.filter(organisation=org).select_related("created_by")[:50],
            "relationships": Relationship.objects.filter(organisation=org).select_related("person"),
            "memberships": GroupMembership.objects.filter(organisation=org).select_related("group"),
            "representations": Representation.objects.filter(organisation=org).select_related(
                "user", "organisation"
            ),
            "history": audit.history_for(org)[:30],
        },
    )


@login_required
@require_POST
@_domain_errors
def staff_verify(request, slug, pk):
    quarter = _staff(request, slug, rules.can_manage_actors)
    org = _staff_org(quarter, pk)
    if request.POST.get("decision") == "reject":
        services.reject_organisation(by=request.user, organisation=org, reason=request.POST.get("reason", ""))
        messages.success(request, _("The registration has been rejected."))
    else:
        services.verify_organisation(by=request.user, organisation=org)
        messages.success(request, _("The entry is verified and now listed in the directory."))
    return redirect("actors:staff_organisation", quarter.slug, org.pk)


@login_required
@require_POST
@_domain_errors
def staff_decide_representation(request, slug, pk):
    quarter = _staff(request, slug, rules.can_manage_actors)
    rep = get_object_or_404(
        Representation.objects.select_related("organisation"), pk=pk, organisation__quarter=quarter
    )
    services.decide_representation(
        by=request.user, representation=rep, approve=request.POST.get("approve") == "1"
    )
    messages.success(request, _("The request has been decided."))
    return redirect("actors:staff_organisation", quarter.slug, rep.organisation_id)


@login_required
@require_POST
@_domain_errors
def staff_activity(request, slug, kind, pk):
    """Add a note or contact to the log of an organisation or a person."""
    quarter = _staff(request, slug, rules.can_manage_actors)
    if kind not in ("organisation", "person"):
        raise Http404
    form = ActivityForm(request.POST)
    if kind == "organisation":
        subject = {"organisation": _staff_org(quarter, pk)}
        back = reverse("actors:staff_organisation", args=[quarter.slug, pk])
    else:
        subject = {"person": get_object_or_404(Person, pk=pk, quarter=quarter)}
        back = reverse("actors:staff_person", args=[quarter.slug, pk])
    if form.is_valid():
        services.add_activity(
            by=request.user,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
            on_date=form.cleaned_data["date"],
            **subject,
        )
        messages.success(request, _("The note has been added."))
    else:
        messages.error(request, _("Write what happened."))
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
@_domain_errors
def staff_duplicates(request, slug):
    """Entries that look alike, with a merge button per pair."""
    quarter = _staff(request, slug)
    if request.method == "POST":
        if not rules.can_merge(request.user, quarter):
            raise PermissionDenied
        if request.POST.get("kind") == "person":
            keep = get_object_or_404(
                Person, pk=object_id(request.POST.get("keep"), name="keep"), quarter=quarter
            )
            duplicate = get_object_or_404(
                Person, pk=object_id(request.POST.get("duplicate"), name="duplicate"), quarter=quarter
            )
            services.merge_persons(by=request.user, keep=keep, duplicate=duplicate)
        else:
            keep = _staff_org(quarter, object_id(request.POST.get("keep"), name="keep"))
            duplicate = _staff_org(quarter, object_id(request.POST.get("duplicate"), name="duplicate"))
            services.merge_organisations(by=request.user, keep=keep, duplicate=duplicate)
        messages.success(request, _("“%(name)s” has been merged.") % {"name": duplicate})
        return redirect("actors:staff_duplicates", quarter.slug)
    return render(
        request,
        "actors/staff/duplicates.html",
        {
            "quarter": quarter,
            "groups": selectors.duplicate_candidates(quarter),
            "person_groups": selectors.duplicate_person_candidates(quarter),
            "can_merge": rules.can_merge(request.user, quarter),
        },
    )


@login_required
def staff_export(request, slug, fmt):
    """Export the (filtered or saved-filter) organisation list as CSV, XLSX or vCard."""
    quarter = _staff(request, slug, rules.can_export_contacts)
    params = request.GET
    if request.GET.get("saved"):
        saved_id = object_id(request.GET["saved"], name="saved")
        params = get_object_or_404(SavedFilter, pk=saved_id, quarter=quarter).params
    flt = selectors.DirectoryFilter.from_params(params, staff=True)
    contacts = selectors.organisation_contacts(selectors.staff_organisations(quarter, flt))
    audit.record(
        request.user, "actors.contacts_exported", quarter, quarter=quarter, format=fmt, rows=len(contacts)
    )
    return _contacts_download(
        contacts, fmt, f"akteure-{quarter.slug}", quarter.name, exports.dialect_for(request)
    )


@login_required
@require_POST
@_domain_errors
def staff_save_filter(request, slug):
    quarter = _staff(request, slug, rules.can_manage_actors)
    form = SaveFilterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the filter a name."))
    else:
        services.save_filter(
            by=request.user, quarter=quarter, name=form.cleaned_data["name"], params=request.POST
        )
        messages.success(request, _("The filter has been saved."))
    return redirect("actors:staff_index", quarter.slug)


@login_required
@require_POST
def staff_delete_filter(request, slug, pk):
    quarter = _staff(request, slug, rules.can_manage_actors)
    services.delete_filter(by=request.user, saved=get_object_or_404(SavedFilter, pk=pk, quarter=quarter))
    messages.success(request, _("The filter has been deleted."))
    return redirect("actors:staff_index", quarter.slug)
