"""Pages of the reports module: report, follow and support for residents; inbox and triage for staff."""

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartierwerk.core import exports, geo
from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import UploadRejected, file_response
from quartierwerk.core.models import Membership, User
from quartierwerk.core.params import object_id
from quartierwerk.core.views import quarter_or_404, staff_quarter

from . import private_links, rules, selectors, services
from .forms import (
    AnswerForm,
    ApiClientForm,
    AssignForm,
    BodyAnswerForm,
    CategoryForm,
    FilterForm,
    ForwardForm,
    IdeaForm,
    KindForm,
    MergeForm,
    ModerateForm,
    ReporterInfoForm,
    ReportForm,
    SolutionForm,
    StatusForm,
    SupportForm,
)
from .models import ApiClient, Forwarding, Report, ReportPhoto, ReportUpdate, ResponsibleBody, RoutingRule

PAGE_SIZE = 20
MY_REPORTS = "qw_my_report_ids"


def _page(request, qs, size=PAGE_SIZE):
    return Paginator(qs, size).get_page(request.GET.get("page"))


def _query_string(request) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])


def _valid_filters(form) -> dict:
    """The filters that are valid; one bad value does not drop the others."""
    form.is_valid()
    return getattr(form, "cleaned_data", {})


def _point(lat, lon) -> tuple[float, float] | None:
    """A valid (lat, lon) from user input, or None."""
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


# Residents ------------------------------------------------------------------------------------------


def start(request, slug):
    """Step one of reporting: choose what it is about."""
    quarter = quarter_or_404(slug)
    # Grouped for the headings: a group's heading appears once, however the positions interleave.
    categories = selectors.categories_by_group(quarter)
    # The session keeps the ids of the reports filed in this browser, not their private links.
    ids = request.session.get(MY_REPORTS, []) if request.session.session_key else []
    recent = (
        Report.objects.filter(pk__in=ids[:20], quarter=quarter).select_related("category")[:5] if ids else []
    )
    return render(
        request, "reports/start.html", {"quarter": quarter, "categories": categories, "recent": recent}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def new(request, slug, code):
    """Step two: place, description, photos, contact; the nearby-report hint comes in by htmx."""
    quarter = quarter_or_404(slug)
    category = get_object_or_404(selectors.categories_for(quarter), code=code)
    attributes = list(category.attributes.all())
    # Staff recording what a resident brought to the office (in person or by phone): not their own report.
    office = rules.can_triage(request.user, quarter)
    author = None if office else request.user
    form = ReportForm(
        request.POST or None, request.FILES or None, category=category, attributes=attributes, user=author
    )
    checking = request.method == "POST" and "check" in request.POST
    if checking:
        # Without JavaScript: "look for similar reports" shows the hint and keeps what was typed.
        typed = {k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "check", "photos")}
        form = ReportForm(None, category=category, attributes=attributes, user=author, initial=typed)
    if request.method == "POST" and not checking and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.create_report(
                quarter=quarter,
                category=category,
                description=data["description"],
                lat=data["lat"],
                lon=data["lon"],
                address=data["address"],
                no_place=data["no_place"],
                attributes=form.attribute_values(),
                category_attributes=attributes,
                reporter=author,
                source=Report.Source.OFFICE if office else Report.Source.WEB,
                name=data["name"],
                email=data["email"],
                show_name=data["show_name"],
                photos=data["photos"],
                language=request.LANGUAGE_CODE,
            )
        except DomainError as exc:
            field = (
                "photos"
                if isinstance(exc, UploadRejected)
                else exc.field
                if exc.field in form.fields
                else (f"attr_{exc.field}" if f"attr_{exc.field}" in form.fields else None)
            )
            form.add_error(field, str(exc))
        else:
            request.session[MY_REPORTS] = [report.pk, *request.session.get(MY_REPORTS, [])][:20]
            messages.success(
                request,
                _("Thank you! Your report has the reference number %(ref)s.") % {"ref": report.reference},
            )
            return redirect("reports:follow", report.follow_token)
    point = (
        _point(request.POST.get("lat"), request.POST.get("lon"))
        if checking
        else _point(form["lat"].value(), form["lon"].value())
    )
    near = selectors.nearby(quarter, category, *point) if point else []
    return render(
        request,
        "reports/new.html",
        {
            "quarter": quarter,
            "category": category,
            "form": form,
            "nearby": near,
            "checked": point is not None,
            "office": office,
            "boundary": geo.feature_collection([geo.quarter_feature(quarter)]) if quarter.boundary else None,
        },
        status=400 if request.method == "POST" and not checking else 200,
    )


@require_GET
def nearby(request, slug, code):
    """The "is it one of these?" hint: open reports of the same category near the pin (an htmx fragment)."""
    quarter = quarter_or_404(slug)
    category = get_object_or_404(selectors.categories_for(quarter), code=code)
    point = _point(request.GET.get("lat"), request.GET.get("lon"))
    if point is None:
        return render(request, "reports/_nearby.html", {"quarter": quarter, "nearby": [], "checked": False})
    near = selectors.nearby(quarter, category, *point)
    return render(request, "reports/_nearby.html", {"quarter": quarter, "nearby": near, "checked": True})


def report_list(request, slug):
    """Public list and map of a quarter's reports with filters."""
    quarter = quarter_or_404(slug)
    categories = list(selectors.categories_for(quarter))
    filters = FilterForm(request.GET or None, categories=categories)
    params = _valid_filters(filters)
    page_obj = _page(request, selectors.public_reports(quarter, params))
    query = _query_string(request)
    return render(
        request,
        "reports/list.html",
        {
            "quarter": quarter,
            "filters": filters,
            "page_obj": page_obj,
            "query_string": query,
            "geojson_url": reverse("reports:geojson", args=[slug]) + (f"?{query}" if query else ""),
        },
    )


@require_GET
def geojson(request, slug):
    """Map data of the public list (same filters), newest 500 reports with a place."""
    quarter = quarter_or_404(slug)
    params = FilterForm(request.GET, categories=selectors.categories_for(quarter))
    data = _valid_filters(params)
    response = JsonResponse(
        geo.feature_collection(selectors.map_features(quarter, selectors.public_reports(quarter, data)))
    )
    response["Content-Type"] = "application/geo+json"
    return response


def _visible_report(request, slug, pk) -> Report:
    quarter = quarter_or_404(slug)
    report = get_object_or_404(
        Report.objects.select_related("category", "quarter", "body", "duplicate_of").prefetch_related(
            selectors.public_photos(), selectors.public_updates(), "category__attributes"
        ),
        pk=pk,
        quarter=quarter,
    )
    if not rules.can_view_report(request.user, report):
        raise Http404
    return report


def detail(request, slug, pk):
    """The public part of one report: text, photos, status, public answers."""
    report = _visible_report(request, slug, pk)
    session_key = request.session.session_key or ""
    is_supporter = services.supported_by(report, user=request.user, session_key=session_key)
    return render(
        request,
        "reports/detail.html",
        {
            "quarter": report.quarter,
            "report": report,
            "support_form": SupportForm(),
            "is_supporter": is_supporter,
            "solution_form": SolutionForm(),
            "can_staff": rules.can_view_inbox(request.user, report),
            "map_data": geo.feature_collection(
                ([geo.quarter_feature(report.quarter)] if report.quarter.boundary else [])
                + [selectors.report_feature(report)]
            )
            if report.lat is not None
            else None,
        },
    )


@require_POST
def support(request, slug, pk):
    """Support an existing report ("me too") instead of filing a twin."""
    report = _visible_report(request, slug, pk)
    form = SupportForm(request.POST)
    email = form.cleaned_data["email"] if form.is_valid() else ""
    try:
        target, created = services.support(report=report, user=request.user, email=email)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(report.get_absolute_url())
    if created and not request.user.is_authenticated:
        messages.success(
            request,
            _("Thank you. Please confirm your support with the link we sent to your e-mail address."),
        )
    elif created:
        messages.success(
            request,
            _("Thank you for your support. %(n)d people support this report.") % {"n": target.support_count},
        )
    else:
        messages.info(request, _("You already support this report."))
    return redirect(target.get_absolute_url())


@never_cache
@require_http_methods(["GET", "POST"])
def support_confirm(request, token):
    """The link from the e-mail: a button confirms (a GET alone changes nothing, as mail scanners follow links)."""
    if request.method == "POST":
        report = services.confirm_support(token)
        if report is None:
            raise Http404
        messages.success(request, _("Thank you, your support is counted."))
        return redirect(report.get_absolute_url())
    return render(request, "reports/support_confirm.html", {})


@require_POST
def solution(request, slug, pk):
    """A supporter confirms or reopens a solved report."""
    report = _visible_report(request, slug, pk)
    if not services.supported_by(report, user=request.user, session_key=request.session.session_key or ""):
        raise PermissionDenied
    return _respond_to_solution(request, report, report.get_absolute_url())


def _respond_to_solution(request, report, back):
    form = SolutionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.respond_to_solution(
            report=report, confirmed=request.POST.get("answer") == "confirm", by=request.user, note=note
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        if request.POST.get("answer") == "confirm":
            messages.success(request, _("Thank you for confirming. The report is closed."))
        else:
            messages.success(request, _("The report is open again; the office will look at it."))
    return redirect(back)


def _report_by_token(token) -> Report:
    return get_object_or_404(
        Report.objects.select_related("category", "quarter", "duplicate_of", "body").prefetch_related(
            selectors.public_photos(), selectors.public_updates(), "category__attributes"
        ),
        Report.follow_link_matches(token),
    )


def _time_to_ask_whether_fixed(report) -> bool:
    """Not seconds after reporting: once the reminder has asked, or the report is as old as it would be then."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from .tasks import FIXED_QUESTION_AFTER_DAYS

    days = getattr(settings, "REPORTS_FIXED_QUESTION_DAYS", FIXED_QUESTION_AFTER_DAYS)
    return report.fixed_question_at is not None or report.created_at < timezone.now() - timedelta(days=days)


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request, token):
    """The reporter's private page: status, answers, and a form to add information or a photo."""
    report = _report_by_token(token)
    form = ReporterInfoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_reporter_info(
                report=report, text=form.cleaned_data["text"], photos=form.cleaned_data["photos"]
            )
        except DomainError as exc:
            form.add_error(
                "photos" if exc.field == "photos" or isinstance(exc, UploadRejected) else "text", str(exc)
            )
        else:
            messages.success(request, _("Thank you, your information has been added."))
            return redirect("reports:follow", token)
    response = render(
        request,
        "reports/follow.html",
        {
            "quarter": report.quarter,
            "report": report,
            "form": form,
            "solution_form": SolutionForm(),
            "ask_fixed": _time_to_ask_whether_fixed(report),
            "follow_link": request.build_absolute_uri(reverse("reports:follow", args=[token])),
        },
        status=400 if request.method == "POST" else 200,
    )
    return response


@require_POST
def follow_solution(request, token):
    report = _report_by_token(token)
    back = reverse("reports:follow", args=[token])
    if request.POST.get("answer") == "fixed":
        form = SolutionForm(request.POST)
        try:
            services.reporter_says_fixed(
                report=report, note=form.cleaned_data["note"] if form.is_valid() else ""
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you! The report is marked as solved."))
        return redirect(back)
    return _respond_to_solution(request, report, back)


def photo(request, pk):
    """Serve one photo after checking that the viewer may see it."""
    item = get_object_or_404(ReportPhoto.objects.select_related("report"), pk=pk)
    report = item.report
    internal = rules.can_see_internal(request.user, report)
    if not internal and (not item.is_public or report.is_hidden):
        # The reporter (follow link) and the responsible body (answer link) see the public photos of a
        # hidden report; nobody outside the office sees a hidden photo.
        token, body_token = request.GET.get("t", ""), request.GET.get("f", "")
        allowed = item.is_public and (
            (token and report.opens_with(token))
            or (
                body_token
                and Forwarding.objects.filter(Forwarding.link_matches(body_token), report=report).exists()
            )
        )
        if not allowed:
            raise Http404
    return file_response(item.image, content_type=item.content_type, filename=f"{report.reference}-{item.pk}")


@never_cache
@require_http_methods(["GET", "POST"])
def body_answer(request, token):
    """The responsible body answers through its private link, without an account."""
    forwarding = get_object_or_404(
        Forwarding.objects.select_related("report__quarter", "report__category", "body"),
        Forwarding.link_matches(token),
    )
    report = forwarding.report
    form = BodyAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_answer(
                forwarding=forwarding, text=form.cleaned_data["text"], status=form.cleaned_data["status"]
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you. Your answer has been added to the report."))
            return redirect("reports:body_answer", token)
    photos = ReportPhoto.objects.filter(report=report, is_public=True)
    updates = ReportUpdate.objects.filter(report=report, is_public=True)
    response = render(
        request,
        "reports/body_answer.html",
        {
            "quarter": report.quarter,
            "report": report,
            "forwarding": forwarding,
            "form": form,
            "photos": photos,
            "updates": updates,
            "map_data": geo.feature_collection([selectors.report_feature(report)])
            if report.lat is not None
            else None,
        },
        status=400 if request.method == "POST" else 200,
    )
    return response


# Staff ----------------------------------------------------------------------------------------------


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
            "can": {
                "contact": rules.can_see_contact(user, report),
                "answer": rules.can_answer(user, report),
                "triage": rules.can_triage(user, report),
                "forward": rules.can_forward(user, report),
                "edit": rules.can_edit(user, report),
                "hide": rules.can_hide(user, report),
                "revoke_links": rules.can_revoke_links(user, report),
            },
        },
        status=400 if forms_override else 200,
    )


ACTIONS = (
    "status",
    "answer",
    "category",
    "kind",
    "assign",
    "merge",
    "forward",
    "moderate",
    "idea",
    "photo",
    "update",
    "follow_link",
    "answer_link",
)


@login_required
@require_POST
def staff_action(request, slug, pk, action):
    """One triage step; every form posts here and returns to the report (or the next one in the inbox)."""
    if action not in ACTIONS:
        raise Http404
    quarter = _staff_quarter(request, slug)
    report = get_object_or_404(Report.objects.select_related("quarter", "category"), pk=pk, quarter=quarter)
    user = request.user
    form = None
    done = _("Saved.")
    try:
        if action == "status":
            form = StatusForm(request.POST, prefix="status")
            if form.is_valid():
                services.change_status(
                    report=report, by=user, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
                )
        elif action == "answer":
            form = AnswerForm(request.POST, prefix="answer")
            if form.is_valid():
                services.answer(
                    report=report, by=user, text=form.cleaned_data["text"], public=form.cleaned_data["public"]
                )
        elif action == "category":
            form = CategoryForm(request.POST, prefix="category", categories=selectors.categories_for(quarter))
            if form.is_valid():
                services.set_category(report=report, by=user, category=form.cleaned_data["category"])
        elif action == "kind":
            form = KindForm(request.POST, prefix="kind")
            if form.is_valid():
                services.set_kind(report=report, by=user, kind=form.cleaned_data["kind"])
        elif action == "assign":
            form = AssignForm(request.POST, prefix="assign", staff=_staff_of(quarter))
            if form.is_valid():
                services.assign(report=report, by=user, assignee=form.cleaned_data["assignee"])
        elif action == "merge":
            form = MergeForm(request.POST, prefix="merge")
            if form.is_valid():
                into = Report.objects.filter(pk=form.cleaned_data["into"], quarter=quarter).first()
                if into is None:
                    form.add_error("into", _("No report with this reference in this quarter."))
                else:
                    services.merge(report=report, into=into, by=user)
        elif action == "forward":
            form = ForwardForm(request.POST, prefix="forward", bodies=_bodies(quarter))
            if form.is_valid():
                services.forward(
                    report=report, by=user, body=form.cleaned_data["body"], note=form.cleaned_data["note"]
                )
        elif action == "moderate":
            form = ModerateForm(request.POST, prefix="moderate")
            if form.is_valid():
                d = form.cleaned_data
                services.moderate(
                    report=report,
                    by=user,
                    description=d["description"] if rules.can_edit(user, report) else None,
                    hidden=d["hidden"],
                    reason=d["reason"],
                )
        elif action == "idea":
            form = IdeaForm(request.POST, prefix="idea")
            if form.is_valid():
                services.convert_to_idea(report=report, by=user, note=form.cleaned_data["note"])
        elif action == "update":
            entry = get_object_or_404(
                ReportUpdate, pk=object_id(request.POST.get("update"), name="update"), report=report
            )
            services.set_update_public(update=entry, by=user, public=request.POST.get("public") == "1")
        elif action == "follow_link":
            private_links.revoke_follow_link(report=report, by=user)
            done = (
                _("The old follow link no longer works; the reporter has been sent a new one.")
                if report.reporter_email
                else _(
                    "The old follow link no longer works. The reporter gave no e-mail address for a new one."
                )
            )
        elif action == "answer_link":
            forwarding = get_object_or_404(
                Forwarding, pk=object_id(request.POST.get("forwarding"), name="forwarding"), report=report
            )
            private_links.revoke_answer_link(forwarding=forwarding, by=user)
            done = _("The answer link no longer works; forward the report again to send the body a new one.")
        elif action == "photo":
            item = get_object_or_404(
                ReportPhoto, pk=object_id(request.POST.get("photo"), name="photo"), report=report
            )
            services.set_photo_public(photo=item, by=user, public=request.POST.get("public") == "1")
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
    from datetime import timedelta

    from django.utils import timezone

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


def my_reports(request):
    """Reports of the logged-in resident (an account keeps one's reports together)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('core:login')}?next={request.path}")
    qs = Report.objects.filter(Q(reporter=request.user)).select_related("category", "quarter")
    return render(request, "reports/mine.html", {"page_obj": _page(request, qs)})
