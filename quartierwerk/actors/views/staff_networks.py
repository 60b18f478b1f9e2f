"""Staff pages for groups and their seats, contact lists and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core import audit, exports
from quartierwerk.core.errors import DomainError
from quartierwerk.core.params import object_id

from .. import rules, selectors, services
from ..forms import (
    GroupForm,
    InvitationForm,
    MemberForm,
)
from ..models import (
    Group,
    GroupMembership,
    SavedFilter,
)
from .common import _contacts_download, _domain_errors, _form_error, _page, _staff


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
