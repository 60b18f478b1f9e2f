"""Pages of the actor directory: the public directory and group pages, self-service, and the staff tools."""

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core import audit, exports
from quartierwerk.core import selectors as core_selectors
from quartierwerk.core.errors import DomainError
from quartierwerk.core.params import object_id
from quartierwerk.core.views import quarter_or_404, staff_quarter

from . import rules, selectors, services, transfer
from .forms import (
    ActivityForm,
    ClaimForm,
    ConsentForm,
    DirectoryFilterForm,
    EngagementForm,
    GroupForm,
    ImportForm,
    InvitationForm,
    MemberForm,
    OrganisationForm,
    PersonForm,
    RegistrationForm,
    RelationshipForm,
    SaveFilterForm,
    StaffFilterForm,
    StaffOrganisationForm,
)
from .models import (
    ContactActivity,
    Group,
    GroupMembership,
    ImportBatch,
    Organisation,
    Person,
    Relationship,
    Representation,
    SavedFilter,
    VolunteerEngagement,
)

PAGE_SIZE = 25
GEOJSON = "application/geo+json"


def _page(request, qs, size=PAGE_SIZE):
    return Paginator(qs, size).get_page(request.GET.get("page"))


def _domain_errors(view):
    """Show a refused action as a message on the page it came from, instead of an error page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DomainError as exc:
            if exc.status == 403:
                raise PermissionDenied(str(exc))
            messages.error(request, str(exc))
            referer = request.META.get("HTTP_REFERER", "")
            if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
                return redirect(referer)
            if request.method == "GET":
                return redirect(request.path)
            if "slug" in kwargs:
                return redirect("actors:staff_index", kwargs["slug"])
            return redirect("core:home")

    return wrapper


def _form_error(form, exc: DomainError):
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc))


# --- Public directory ----------------------------------------------------------------------------------


def _directory(request, quarter):
    form = DirectoryFilterForm(request.GET or None)
    flt = selectors.DirectoryFilter.from_params(request.GET)
    page_obj = _page(request, selectors.public_organisations(quarter, flt))
    params = flt.as_params()
    if quarter:
        geojson_url = reverse("actors:directory_geojson", args=[quarter.slug])
    else:
        geojson_url = reverse("actors:city_geojson")
    if params:
        geojson_url += "?" + urlencode(params)
    return render(
        request,
        "actors/directory.html",
        {
            "quarter": quarter,
            "form": form,
            "page_obj": page_obj,
            "query_string": urlencode(params),
            "geojson_url": geojson_url,
            "filtered": bool(params),
        },
    )


def directory(request, slug):
    """The public directory of one quarter: search, filters, list and map."""
    return _directory(request, quarter_or_404(slug))


def city_directory(request):
    """The city-wide directory across every quarter."""
    return _directory(request, None)


def _geojson_response(data):
    return HttpResponse(json.dumps(data), content_type=GEOJSON)


def directory_geojson(request, slug):
    quarter = quarter_or_404(slug)
    return _geojson_response(
        selectors.directory_geojson(quarter, selectors.DirectoryFilter.from_params(request.GET))
    )


def city_geojson(request):
    return _geojson_response(
        selectors.directory_geojson(None, selectors.DirectoryFilter.from_params(request.GET))
    )


def _public_detail(request, org):
    groups = (
        GroupMembership.objects.filter(organisation=org, group__is_public=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate()))
        .select_related("group", "group__quarter")
    )
    map_data = None
    if org.shows("location") and org.lat is not None:
        map_data = {"type": "FeatureCollection", "features": [selectors.organisation_feature(org)]}
    return render(
        request,
        "actors/detail.html",
        {
            "org": org,
            "quarter": org.quarter,
            "contacts": selectors.public_contact_persons(org),
            "groups": groups,
            "map_data": map_data,
            "can_edit": rules.can_edit_organisation(request.user, org),
            "can_claim": request.user.is_authenticated
            and not rules.represents_organisation(request.user, org),
            "can_read": rules.can_read_actors(request.user, org),
        },
    )


def detail(request, slug, org_slug):
    quarter = quarter_or_404(slug)
    org = get_object_or_404(selectors.public_organisations(quarter), slug=org_slug)
    return _public_detail(request, org)


def city_detail(request, pk, org_slug):
    org = get_object_or_404(selectors.public_organisations(None).filter(quarter__isnull=True), pk=pk)
    return _public_detail(request, org)


def groups(request, slug):
    quarter = quarter_or_404(slug)
    qs = (
        selectors.public_groups(quarter)
        .order_by("name", "pk")
        .annotate(
            seats=Count(
                "memberships",
                filter=Q(memberships__end_date__isnull=True)
                | Q(memberships__end_date__gte=timezone.localdate()),
            )
        )
    )
    return render(request, "actors/groups.html", {"quarter": quarter, "page_obj": _page(request, qs)})


def group_detail(request, slug, group_slug):
    quarter = quarter_or_404(slug)
    group = get_object_or_404(selectors.public_groups(quarter), slug=group_slug)
    return render(
        request,
        "actors/group.html",
        {
            "quarter": quarter,
            "group": group,
            "members": selectors.group_members(group, public=True),
            "can_manage": rules.can_manage_groups(request.user, group),
        },
    )


# --- Self-service --------------------------------------------------------------------------------------


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


# --- Staff: organisations ------------------------------------------------------------------------------


def _staff(request, slug, rule=rules.can_read_actors):
    quarter = staff_quarter(request, slug)
    if not rule(request.user, quarter):
        raise PermissionDenied
    return quarter


def _staff_org(quarter, pk):
    return get_object_or_404(Organisation.objects.select_related("quarter"), pk=pk, quarter=quarter)


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
            "representations": Representation.objects.filter(organisation=org).select_related("user"),
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


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "vcf": "text/vcard; charset=utf-8",
}


def _contacts_download(contacts, fmt: str, basename: str, title: str, dialect: str = exports.EXCEL_DE):
    if fmt == "csv":
        data = transfer.contacts_csv(contacts, dialect)
    elif fmt == "xlsx":
        data = transfer.contacts_xlsx(contacts, title)
    elif fmt == "vcf":
        data = transfer.contacts_vcard(contacts)
    else:
        raise Http404
    return _download(data, f"{basename}.{fmt}", CONTENT_TYPES[fmt])


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


# --- Staff: persons ------------------------------------------------------------------------------------


@login_required
def staff_persons(request, slug):
    quarter = _staff(request, slug)
    q = (request.GET.get("q") or "").strip()[:200]
    qs = (
        Person.objects.filter(quarter=quarter, merged_into__isnull=True)
        .only(
            "id",
            "first_name",
            "last_name",
            "email",
            "role_title",
            "withdrawn_at",
            "anonymised_at",
            "quarter_id",
        )
        .annotate(is_restricted=core_selectors.is_restricted("email"))
    )
    if q:
        from . import search

        qs = search.matching(qs, q)
    return render(
        request,
        "actors/staff/persons.html",
        {
            "quarter": quarter,
            "page_obj": _page(request, qs.order_by("last_name", "first_name", "pk")),
            "q": q,
            "query_string": urlencode({"q": q}) if q else "",
            "can_manage": rules.can_manage_actors(request.user, quarter),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_person_new(request, slug):
    quarter = _staff(request, slug, rules.can_manage_actors)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.create_person(by=request.user, quarter=quarter, data=form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The person has been added. Record the basis for keeping the data."))
            return redirect("actors:staff_person", quarter.slug, person.pk)
    return render(request, "actors/staff/person_form.html", {"quarter": quarter, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_person(request, slug, pk):
    quarter = _staff(request, slug)
    person = get_object_or_404(selectors.person_detail_queryset(), pk=pk, quarter=quarter)
    can_manage = rules.can_manage_actors(request.user, person)
    form = PersonForm(request.POST or None if can_manage else None, initial=PersonForm.initial_for(person))
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_person(by=request.user, person=person, data=form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The person has been saved."))
                return redirect("actors:staff_person", quarter.slug, person.pk)
    return render(
        request,
        "actors/staff/person.html",
        {
            "quarter": quarter,
            "person": person,
            "restriction": core_selectors.restriction_for(person.email),
            "form": form,
            "can_manage": can_manage,
            "consent_form": ConsentForm(),
            "relationship_form": RelationshipForm(quarter=quarter),
            "activity_form": ActivityForm(),
            "activities": ContactActivity.objects.filter(person=person).select_related("created_by")[:50],
            "engagements": VolunteerEngagement.objects.filter(person=person).select_related("organisation"),
        },
    )


@login_required
@require_POST
@_domain_errors
def staff_person_consent(request, slug, pk):
    quarter = _staff(request, slug, rules.can_manage_actors)
    person = get_object_or_404(Person, pk=pk, quarter=quarter)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the legal basis, the source and at least one purpose."))
    else:
        services.record_consent(by=request.user, person=person, **form.cleaned_data)
        messages.success(request, _("The basis has been recorded."))
    return redirect("actors:staff_person", quarter.slug, person.pk)


@login_required
@require_POST
@_domain_errors
def staff_person_relationship(request, slug, pk):
    quarter = _staff(request, slug, rules.can_manage_actors)
    person = get_object_or_404(Person, pk=pk, quarter=quarter)
    form = RelationshipForm(request.POST, quarter=quarter)
    if not form.is_valid():
        messages.error(request, _("Choose an organisation and a relationship."))
    else:
        d = form.cleaned_data
        services.add_relationship(
            by=request.user,
            person=person,
            organisation=d["organisation"],
            kind=d["kind"],
            start=d["start_date"],
            is_public=d["is_public"],
        )
        messages.success(request, _("The relationship has been added."))
    return redirect("actors:staff_person", quarter.slug, person.pk)


@login_required
@require_POST
@_domain_errors
def staff_end_relationship(request, slug, pk):
    quarter = _staff(request, slug, rules.can_manage_actors)
    rel = get_object_or_404(
        Relationship.objects.select_related("organisation"), pk=pk, person__quarter=quarter
    )
    services.end_relationship(by=request.user, relationship=rel)
    messages.success(request, _("The relationship has ended; it stays in the history."))
    return redirect("actors:staff_person", quarter.slug, rel.person_id)


@login_required
def staff_person_export(request, slug, pk, fmt):
    """Everything stored about a person, as JSON or a readable PDF (DSGVO Art. 15)."""
    quarter = staff_quarter(request, slug)
    person = get_object_or_404(Person, pk=pk, quarter=quarter)
    if not rules.can_export_person(request.user, person):
        raise PermissionDenied
    if fmt == "json":
        data = services.export_person_data(by=request.user, person=person)
        body = json.dumps(data, ensure_ascii=False, indent=2).encode()
        return _download(body, f"person-{person.pk}.json", "application/json")
    if fmt == "pdf":
        return _download(
            services.export_person_pdf(by=request.user, person=person),
            f"person-{person.pk}.pdf",
            "application/pdf",
        )
    raise Http404


@login_required
@require_POST
@_domain_errors
def staff_person_erase(request, slug, pk):
    quarter = _staff(request, slug, rules.can_erase_person)
    person = get_object_or_404(Person, pk=pk, quarter=quarter)
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Confirm the erasure first."))
    else:
        services.erase_person(by=request.user, person=person)
        messages.success(request, _("The person has been anonymised."))
    return redirect("actors:staff_person", quarter.slug, person.pk)


# --- Staff: groups -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def staff_groups(request, slug):
    quarter = _staff(request, slug)
    can_manage = rules.can_manage_groups(request.user, quarter)
    form = GroupForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                group = services.create_group(by=request.user, quarter=quarter, **form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The group has been created."))
                return redirect("actors:staff_group", quarter.slug, group.pk)
    qs = (
        Group.objects.filter(quarter=quarter)
        .order_by("name", "pk")
        .annotate(
            seats=Count(
                "memberships",
                filter=Q(memberships__end_date__isnull=True)
                | Q(memberships__end_date__gte=timezone.localdate()),
            )
        )
    )
    return render(
        request,
        "actors/staff/groups.html",
        {"quarter": quarter, "page_obj": _page(request, qs), "form": form, "can_manage": can_manage},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_group(request, slug, pk):
    quarter = _staff(request, slug)
    group = get_object_or_404(Group, pk=pk, quarter=quarter)
    can_manage = rules.can_manage_groups(request.user, group)
    editing = request.method == "POST" and request.POST.get("action") == "edit"
    member_form = MemberForm(
        request.POST if request.method == "POST" and not editing else None, quarter=quarter
    )
    group_form = GroupForm(
        request.POST if editing else None,
        initial={f: getattr(group, f) for f in GroupForm.base_fields},
        prefix="group",
    )
    if editing:
        if not can_manage:
            raise PermissionDenied
        if group_form.is_valid():
            try:
                services.update_group(by=request.user, group=group, data=group_form.cleaned_data)
            except DomainError as exc:
                _form_error(group_form, exc)
            else:
                messages.success(request, _("The group has been saved."))
                return redirect("actors:staff_group", quarter.slug, group.pk)
    elif request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if member_form.is_valid():
            d = member_form.cleaned_data
            try:
                services.add_member(
                    by=request.user,
                    group=group,
                    role=d["role"],
                    person=d["person"],
                    organisation=d["organisation"],
                    start=d["start_date"],
                )
            except DomainError as exc:
                _form_error(member_form, exc)
            else:
                messages.success(request, _("The member has been added."))
                return redirect("actors:staff_group", quarter.slug, group.pk)
    return render(
        request,
        "actors/staff/group.html",
        {
            "quarter": quarter,
            "group": group,
            "members": selectors.group_members(group, public=False, include_ended=True),
            "member_form": member_form,
            "group_form": group_form,
            "can_manage": can_manage,
            "can_export": rules.can_export_contacts(request.user, group),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
@_domain_errors
def staff_end_membership(request, slug, pk):
    quarter = _staff(request, slug, rules.can_manage_groups)
    m = get_object_or_404(GroupMembership.objects.select_related("group"), pk=pk, group__quarter=quarter)
    services.end_membership(by=request.user, membership=m)
    messages.success(request, _("The seat has ended; it stays in the group's history."))
    return redirect("actors:staff_group", quarter.slug, m.group_id)


@login_required
def staff_group_contacts(request, slug, pk, fmt):
    """The group's invitation list: members who may be invited, as CSV, XLSX or vCard."""
    quarter = _staff(request, slug, rules.can_export_contacts)
    group = get_object_or_404(Group, pk=pk, quarter=quarter)
    contacts = selectors.group_contact_list(group)
    audit.record(request.user, "actors.group_contacts_exported", group, format=fmt, rows=len(contacts))
    return _contacts_download(
        contacts, fmt, f"kontakte-{group.slug}", group.name, exports.dialect_for(request)
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_invite(request, slug):
    """Write one e-mail to everybody on a group's invitation list or a saved filter's list."""
    quarter = _staff(request, slug, rules.can_export_contacts)
    if request.GET.get("group"):
        group = get_object_or_404(Group, pk=object_id(request.GET["group"], name="group"), quarter=quarter)
        contacts, about, back = (
            selectors.group_contact_list(group),
            group.name,
            reverse("actors:staff_group", args=[quarter.slug, group.pk]),
        )
    elif request.GET.get("saved"):
        saved = get_object_or_404(
            SavedFilter, pk=object_id(request.GET["saved"], name="saved"), quarter=quarter
        )
        flt = selectors.DirectoryFilter.from_params(saved.params, staff=True)
        contacts, about, back = (
            selectors.organisation_contacts(selectors.staff_organisations(quarter, flt)),
            saved.name,
            reverse("actors:staff_index", args=[quarter.slug]),
        )
    else:
        raise Http404
    recipients = sorted({c.email.lower() for c in contacts if c.email})
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.send_invitation(
                by=request.user, quarter=quarter, contacts=contacts, about=about, **form.cleaned_data
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("%(n)s e-mails are on their way.") % {"n": sent})
            return redirect(back)
    return render(
        request,
        "actors/staff/invite.html",
        {"quarter": quarter, "form": form, "about": about, "recipients": recipients, "back": back},
    )


# --- Staff: import -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def staff_import(request, slug):
    quarter = _staff(request, slug, rules.can_import)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = transfer.parse_upload(
                by=request.user, quarter=quarter, uploaded=form.cleaned_data["file"]
            )
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("actors:staff_import_preview", quarter.slug, batch.pk)
    recent = ImportBatch.objects.filter(quarter=quarter).only(
        "id", "filename", "status", "created_at", "result", "quarter_id"
    )[:10]
    return render(request, "actors/staff/import.html", {"quarter": quarter, "form": form, "recent": recent})


@login_required
@require_http_methods(["GET", "POST"])
@_domain_errors
def staff_import_preview(request, slug, pk):
    quarter = _staff(request, slug, rules.can_import)
    batch = get_object_or_404(ImportBatch, pk=pk, quarter=quarter)
    if request.method == "POST":
        if request.POST.get("action") == "discard":
            transfer.discard_import(by=request.user, batch=batch)
            messages.success(request, _("The import has been discarded."))
            return redirect("actors:staff_import", quarter.slug)
        result = transfer.run_import(by=request.user, batch=batch)
        messages.success(
            request,
            _("Imported: %(created)s new, %(updated)s updated, %(failed)s rows with errors not imported.")
            % result,
        )
        return redirect("actors:staff_import_preview", quarter.slug, batch.pk)
    error_page = _page(request, batch.errors, 100)
    return render(
        request,
        "actors/staff/import_preview.html",
        {
            "quarter": quarter,
            "batch": batch,
            "good_count": len(batch.rows),
            "sample": batch.rows[:20],
            "page_obj": error_page,
        },
    )


# --- Staff: volunteering -------------------------------------------------------------------------------


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
