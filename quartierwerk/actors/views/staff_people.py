"""Staff pages for persons: the list, a record, consent, relationships, export and erasure."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core import selectors as core_selectors
from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import staff_quarter

from .. import rules, selectors, services
from ..forms import (
    ActivityForm,
    ConsentForm,
    PersonForm,
    RelationshipForm,
)
from ..models import (
    ContactActivity,
    Person,
    Relationship,
    VolunteerEngagement,
)
from .common import (
    _domain_errors,
    _download,
    _form_error,
    _page,
    _staff,
)


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
        from .. import search

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
