"""The office's pages: inbox, one report with the triage steps, export, figures and Open311 keys."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core import exports, geo
from quartierwerk.core.errors import DomainError
from quartierwerk.core.models import Membership, User
from quartierwerk.core.params import object_id
from quartierwerk.core.views import staff_quarter

from .. import private_links, rules, selectors, services
from ..forms import (
    AnswerForm,
    ApiClientForm,
    AssignForm,
    CategoryForm,
    FilterForm,
    ForwardForm,
    IdeaForm,
    KindForm,
    MergeForm,
    ModerateForm,
    StatusForm,
)
from ..models import (
    ApiClient,
    Forwarding,
    PhotoSettings,
    Report,
    ReportPhoto,
    ReportUpdate,
    ResponsibleBody,
    RoutingRule,
)
from ..workflows import REPORT_WORKFLOW
from .common import _page, _query_string, _valid_filters


def _staff_quarter(request, slug, rule=rules.can_view_inbox):
    quarter = staff_quarter(request, slug)
    if not rule(request.user, quarter):
        raise PermissionDenied
    return quarter


@login_required
def inbox(request, slug):
    """The office's inbox: new, unassigned, overdue, mine, all open, everything."""
    quarter = _staff_quarter(request, slug)
    view = request.GET.get("view") or "new"
    if view not in selectors.INBOX_VIEWS:
        view = "new"
    categories = list(selectors.categories_for(quarter))
    filters = FilterForm(request.GET or None, categories=categories)
    params = _valid_filters(filters)
    page_obj = _page(request, selectors.inbox(quarter, view, request.user, params))
    counts = selectors.panel_counts(quarter, request.user)
    return render(
        request,
        "reports/staff/inbox.html",
        {
            "quarter": quarter,
            "view": view,
            "views": [
                ("new", _("New"), counts["new"]),
                ("unassigned", _("Unassigned"), counts["unassigned"]),
                ("overdue", _("Overdue"), counts["overdue"]),
                ("mine", _("Mine"), counts["mine"]),
                ("open", _("All open"), None),
                ("all", _("All"), None),
            ],
            "filters": filters,
            "page_obj": page_obj,
            "query_string": _query_string(request),
        },
    )


def _staff_of(quarter):
    return (
        User.objects.filter(
            is_active=True, memberships__quarter=quarter, memberships__role=Membership.Role.STAFF
        )
        .distinct()
        .order_by("display_name", "email")
    )


def _bodies(quarter):
    return ResponsibleBody.objects.filter(city_id=quarter.city_id, is_active=True)


@login_required
def staff_detail(request, slug, pk, forms_override=None):
    """One report for staff: everything, with the triage actions."""
    quarter = _staff_quarter(request, slug)
    report = get_object_or_404(
        Report.objects.select_related(
            "category", "quarter", "assigned_to", "body", "duplicate_of", "reporter"
        ).prefetch_related("category__attributes"),
        pk=pk,
        quarter=quarter,
    )
    user = request.user
    forms = {
        "status": StatusForm(initial={"status": report.status}),
        "answer": AnswerForm(),
        "category": CategoryForm(
            initial={"category": report.category_id}, categories=selectors.categories_for(quarter)
        ),
        "kind": KindForm(initial={"kind": report.kind}),
        "assign": AssignForm(initial={"assignee": report.assigned_to_id}, staff=_staff_of(quarter)),
        "merge": MergeForm(),
        "forward": ForwardForm(
            initial={
                "body": RoutingRule.objects.filter(category=report.category, city_id=quarter.city_id)
                .values_list("body_id", flat=True)
                .first()
            },
            bodies=_bodies(quarter),
        ),
        "moderate": ModerateForm(initial={"description": report.description, "hidden": report.is_hidden}),
        "idea": IdeaForm(),
    }
    if forms_override:
        forms.update(forms_override)
    for name, form in forms.items():
        form.prefix = name
    can = {
        "contact": rules.can_see_contact(user, report),
        "answer": rules.can_answer(user, report),
        "triage": rules.can_triage(user, report),
        "edit": rules.can_edit(user, report),
        "hide": rules.can_hide(user, report),
        "revoke_links": rules.can_revoke_links(user, report),
    }
    steps = _next_steps(report, can, REPORT_WORKFLOW.available(user, report), forms)
    keys = [step["key"] for step in steps]
    wanted = next(iter(forms_override), None) if forms_override else request.GET.get("step")
    return render(
        request,
        "reports/staff/detail.html",
        {
            "quarter": quarter,
            "report": report,
            "forms": forms,
            "photos": ReportPhoto.objects.filter(report=report),
            "updates": ReportUpdate.objects.filter(report=report).select_related("author"),
            "hideable": services.HIDEABLE_UPDATES,
            "forwardings": Forwarding.objects.filter(report=report).select_related("body"),
            "duplicates": Report.objects.filter(duplicate_of=report).only("pk", "quarter_id"),
            "map_data": geo.feature_collection([selectors.report_feature(report)])
            if report.lat is not None
            else None,
            "next_new": selectors.inbox(quarter, "new", user)
            .exclude(pk=report.pk)
            .order_by("created_at", "id")
            .values_list("pk", flat=True)
            .first(),
            "near": selectors.nearby(quarter, report.category, report.lat, report.lon, exclude=report)
            if report.lat is not None
            else [],
            "can": can,
            "steps": steps,
            # Without JavaScript a step opens as a form in the side panel (?step=…), as does one with errors.
            "open_step": wanted if wanted in keys else None,
        },
        status=400 if forms_override else 200,
    )


def _next_steps(report, can, actions, forms) -> list[dict]:
    """The steps the side panel offers, most common first: each opens one form (or a confirmation) at a time."""
    offered = [
        ("answer", can["answer"], _("Answer"), _("Send answer")),
        ("status", can["answer"], _("Status"), _("Change status")),
        ("forward", "forward" in actions, _("Forward"), _("Forward to this body")),
        ("assign", can["triage"], _("Assign"), _("Assign")),
        ("category", can["triage"], _("Category"), _("Set category")),
        ("kind", can["triage"], _("Problem, question or idea"), _("Set kind")),
        (
            "merge",
            can["triage"] and "merge" in actions and not report.duplicate_of_id,
            _("Merge duplicate"),
            _("Merge into the original"),
        ),
        (
            "idea",
            can["triage"] and "pass_on_as_idea" in actions,
            _("Pass on as project idea"),
            _("Pass on as idea"),
        ),
        ("moderate", can["edit"] or can["hide"], _("Edit or hide"), _("Save")),
    ]
    steps = [
        {"key": key, "title": title, "button": button, "form": forms[key]}
        for key, shown, title, button in offered
        if shown
    ]
    if can["revoke_links"]:
        steps.append(
            {
                "key": "follow_link",
                "title": _("Reporter's private link"),
                "button": _("Revoke follow link"),
                "confirm": _(
                    "If the link was passed on: the old link stops working and the reporter gets a new one by e-mail."
                ),
            }
        )
    return steps


@dataclass(frozen=True)
class FormStep:
    """A triage step with a form: how to bind the form, and the service its cleaned data goes to."""

    form: Callable  # (POST data, quarter) -> the bound form, prefixed with the step's name
    run: Callable  # (user, report, valid form) -> None; may add errors to the form instead


def _merge(user, report, form) -> None:
    into = Report.objects.filter(pk=form.cleaned_data["into"], quarter_id=report.quarter_id).first()
    if into is None:
        form.add_error("into", _("No report with this reference in this quarter."))
    else:
        services.merge(report=report, into=into, by=user)


def _moderate(user, report, form) -> None:
    d = form.cleaned_data
    services.moderate(
        report=report,
        by=user,
        description=d["description"] if rules.can_edit(user, report) else None,
        hidden=d["hidden"],
        reason=d["reason"],
    )


FORM_STEPS: dict[str, FormStep] = {
    "status": FormStep(
        lambda data, quarter: StatusForm(data, prefix="status"),
        lambda user, report, form: services.change_status(
            report=report, by=user, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
        ),
    ),
    "answer": FormStep(
        lambda data, quarter: AnswerForm(data, prefix="answer"),
        lambda user, report, form: services.answer(
            report=report, by=user, text=form.cleaned_data["text"], public=form.cleaned_data["public"]
        ),
    ),
    "category": FormStep(
        lambda data, quarter: CategoryForm(
            data, prefix="category", categories=selectors.categories_for(quarter)
        ),
        lambda user, report, form: services.set_category(
            report=report, by=user, category=form.cleaned_data["category"]
        ),
    ),
    "kind": FormStep(
        lambda data, quarter: KindForm(data, prefix="kind"),
        lambda user, report, form: services.set_kind(report=report, by=user, kind=form.cleaned_data["kind"]),
    ),
    "assign": FormStep(
        lambda data, quarter: AssignForm(data, prefix="assign", staff=_staff_of(quarter)),
        lambda user, report, form: services.assign(
            report=report, by=user, assignee=form.cleaned_data["assignee"]
        ),
    ),
    "merge": FormStep(lambda data, quarter: MergeForm(data, prefix="merge"), _merge),
    "forward": FormStep(
        lambda data, quarter: ForwardForm(data, prefix="forward", bodies=_bodies(quarter)),
        lambda user, report, form: services.forward(
            report=report, by=user, body=form.cleaned_data["body"], note=form.cleaned_data["note"]
        ),
    ),
    "moderate": FormStep(lambda data, quarter: ModerateForm(data, prefix="moderate"), _moderate),
    "idea": FormStep(
        lambda data, quarter: IdeaForm(data, prefix="idea"),
        lambda user, report, form: services.convert_to_idea(
            report=report, by=user, note=form.cleaned_data["note"]
        ),
    ),
}


# Steps on one entry, photo or link of the report, named by a posted id; each answers its message (or None).
def _update_visibility(request, report) -> None:
    entry = get_object_or_404(
        ReportUpdate, pk=object_id(request.POST.get("update"), name="update"), report=report
    )
    services.set_update_public(update=entry, by=request.user, public=request.POST.get("public") == "1")


def _photo_visibility(request, report) -> None:
    item = get_object_or_404(
        ReportPhoto, pk=object_id(request.POST.get("photo"), name="photo"), report=report
    )
    services.set_photo_public(photo=item, by=request.user, public=request.POST.get("public") == "1")


def _revoke_follow_link(request, report) -> str:
    private_links.revoke_follow_link(report=report, by=request.user)
    if report.reporter_email:
        return _("The old follow link no longer works; the reporter has been sent a new one.")
    return _("The old follow link no longer works. The reporter gave no e-mail address for a new one.")


def _revoke_answer_link(request, report) -> str:
    forwarding = get_object_or_404(
        Forwarding, pk=object_id(request.POST.get("forwarding"), name="forwarding"), report=report
    )
    private_links.revoke_answer_link(forwarding=forwarding, by=request.user)
    return _("The answer link no longer works; forward the report again to send the body a new one.")


ITEM_STEPS: dict[str, Callable] = {
    "photo": _photo_visibility,
    "update": _update_visibility,
    "follow_link": _revoke_follow_link,
    "answer_link": _revoke_answer_link,
}


@login_required
@require_POST
def staff_action(request, slug, pk, action):
    """One triage step; every form posts here and returns to the report (or the next one in the inbox)."""
    if action not in FORM_STEPS and action not in ITEM_STEPS:
        raise Http404
    quarter = _staff_quarter(request, slug)
    report = get_object_or_404(Report.objects.select_related("quarter", "category"), pk=pk, quarter=quarter)
    form = None
    done = _("Saved.")
    try:
        if action in FORM_STEPS:
            step = FORM_STEPS[action]
            form = step.form(request.POST, quarter)
            if form.is_valid():
                step.run(request.user, report, form)
        else:
            done = ITEM_STEPS[action](request, report) or done
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied
        if form is None:
            messages.error(request, str(exc))
            return redirect("reports:staff_detail", slug, pk)
        form.add_error(None, str(exc))
    if form is not None and form.errors:
        return staff_detail(request, slug, pk, forms_override={action: form})
    messages.success(request, done)
    if request.POST.get("next") == "inbox":
        return redirect(reverse("reports:inbox", args=[slug]))
    return redirect("reports:staff_detail", slug, pk)


@login_required
def export_csv(request, slug):
    """The inbox (same view and filters) as CSV, for the annual report and spreadsheets."""
    quarter = _staff_quarter(request, slug)
    view = request.GET.get("view") if request.GET.get("view") in selectors.INBOX_VIEWS else "all"
    filters = FilterForm(request.GET or None, categories=selectors.categories_for(quarter))
    params = _valid_filters(filters)
    contact = rules.can_see_contact(request.user, quarter)
    qs = selectors.inbox(quarter, view, request.user, params)

    header = [
        "reference",
        "created_at",
        "category",
        "kind",
        "status",
        "description",
        "address",
        "lat",
        "lon",
        "supporters",
        "assigned_to",
        "forwarded_to",
        "due_at",
        "first_answer_at",
        "solved_at",
        "source",
        "project_reference",
    ] + (["reporter_name", "reporter_email", "reporter_phone"] if contact else [])

    def rows():
        for r in qs.iterator(chunk_size=2000):
            row = [
                r.reference,
                r.created_at,
                r.category.name,
                r.kind,
                r.status,
                r.description,
                r.address,
                r.lat,
                r.lon,
                r.support_count,
                r.assigned_to or "",
                r.body.name if r.body_id else "",
                r.due_at,
                r.first_answer_at,
                r.solved_at,
                r.source,
                r.project_reference or "",
            ] + ([r.reporter_name, r.reporter_email, r.reporter_phone] if contact else [])
            yield row

    return exports.csv_response(
        header, rows(), f"meldungen-{quarter.slug}.csv", exports.dialect_for(request), stream=True
    )


@login_required
def figures(request, slug):
    """Reports by category and status, median time to first answer and to solution."""
    quarter = _staff_quarter(request, slug)
    period = request.GET.get("period", "")

    since = (
        timezone.now() - timedelta(days=selectors.PERIODS[period]) if period in selectors.PERIODS else None
    )
    return render(
        request,
        "reports/staff/figures.html",
        {"quarter": quarter, "figures": selectors.figures(quarter, since=since), "period": period},
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_clients(request, slug):
    """Open311 keys of client applications: issue and revoke."""
    quarter = _staff_quarter(request, slug, rules.can_manage_api_clients)
    form = ApiClientForm(request.POST or None)
    key = None
    if request.method == "POST":
        if "revoke" in request.POST:
            client = get_object_or_404(
                ApiClient, pk=object_id(request.POST["revoke"], name="revoke"), quarter=quarter
            )
            services.revoke_api_client(client=client, by=request.user)
            messages.success(request, _("The key of %(name)s has been revoked.") % {"name": client.name})
            return redirect("reports:api_clients", slug)
        if form.is_valid():
            d = form.cleaned_data
            _client, key = services.create_api_client(
                quarter=quarter,
                name=d["name"],
                by=request.user,
                contact_email=d["contact_email"],
                rate_limit=d["rate_limit"],
                returns_token=d["returns_token"],
            )
            form = ApiClientForm()
    clients = ApiClient.objects.filter(quarter=quarter).order_by("revoked_at", "name")
    return render(
        request,
        "reports/staff/api_clients.html",
        {"quarter": quarter, "form": form, "clients": clients, "key": key},
    )


@login_required
@require_http_methods(["GET", "POST"])
def photo_checks(request, slug):
    """Residents' photos nobody has checked yet, oldest first: approve or reject each; and the quarter's choice
    of how unchecked photos appear to the public (held back or blurred)."""
    quarter = _staff_quarter(request, slug, rules.can_check_photos)
    if request.method == "POST":
        try:
            if "mode" in request.POST:
                services.set_photo_mode(quarter=quarter, by=request.user, mode=request.POST.get("mode", ""))
                messages.success(request, _("Saved."))
            else:
                item = get_object_or_404(
                    ReportPhoto.objects.select_related("report"),
                    pk=object_id(request.POST.get("photo"), name="photo"),
                    report__quarter=quarter,
                )
                approve = request.POST.get("decision") == "approve"
                services.set_photo_public(photo=item, by=request.user, public=approve)
                messages.success(
                    request,
                    _("The photo is now public.")
                    if approve
                    else _("The photo has been rejected; the public does not see it."),
                )
        except DomainError as exc:
            messages.error(request, str(exc))
        return redirect(reverse("reports:photo_checks", args=[slug]) + _keep_page(request))
    pending = (
        ReportPhoto.objects.filter(review=ReportPhoto.Review.PENDING, report__quarter=quarter)
        .select_related("report__category")
        .order_by("created_at", "id")
    )
    return render(
        request,
        "reports/staff/photos.html",
        {
            "quarter": quarter,
            "page_obj": _page(request, pending),
            "mode": PhotoSettings.mode_of(quarter.pk),
            "modes": PhotoSettings.Mode.choices,
        },
    )


def _keep_page(request) -> str:
    page = request.GET.get("page", "")
    return f"?page={page}" if page.isdigit() else ""
