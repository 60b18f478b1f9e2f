"""Pages behind private links: the reporter's follow page, the responsible body's answer page, photos."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core import geo
from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import UploadRejected, file_response

from .. import rules, selectors, services
from ..forms import (
    BodyAnswerForm,
    ReporterInfoForm,
    SolutionForm,
)
from ..models import Forwarding, Report, ReportPhoto, ReportUpdate
from ..tasks import FIXED_QUESTION_AFTER_DAYS
from ..workflows import REPORT_WORKFLOW
from .residents import _respond_to_solution


def _report_by_token(token) -> Report:
    return get_object_or_404(
        Report.objects.select_related("category", "quarter", "duplicate_of", "body").prefetch_related(
            selectors.public_photos(), selectors.public_updates(), "category__attributes"
        ),
        Report.follow_link_matches(token),
    )


def _time_to_ask_whether_fixed(report) -> bool:
    """Not seconds after reporting: once the reminder has asked, or the report is as old as it would be then."""
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
            # Held photos are not in public_photos: say they arrived, so the reporter does not send them again.
            "held_photos": report.photos.filter(review=ReportPhoto.Review.PENDING)
            .exclude(ReportPhoto.shown_publicly())
            .count(),
            # The steps of whoever holds the link (not of a signed-in person): asked of the workflow.
            "steps": REPORT_WORKFLOW.available(None, report),
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
    """Serve one photo after checking that the viewer may see it: the office, and the responsible body it was
    forwarded to, see the original unless it was rejected; everyone else an approved original, or the blurred
    copy of a photo nobody has checked yet (never its original)."""
    item = get_object_or_404(ReportPhoto.objects.select_related("report"), pk=pk)
    report = item.report
    name = f"{report.reference}-{item.pk}"
    if rules.can_see_internal(request.user, report):
        return file_response(item.image, content_type=item.content_type, filename=name)
    body_token = request.GET.get("f", "")
    if (
        body_token
        and item.review != ReportPhoto.Review.REJECTED
        and Forwarding.objects.filter(Forwarding.link_matches(body_token), report=report).exists()
    ):
        return file_response(item.image, content_type=item.content_type, filename=name)
    shown = item.is_public or item.shows_blurred
    if not shown:
        raise Http404
    if report.is_hidden:
        # The reporter (follow link) sees the public photos of a hidden report; nobody else outside the office.
        token = request.GET.get("t", "")
        if not (token and report.opens_with(token)):
            raise Http404
    if item.is_public:
        return file_response(item.image, content_type=item.content_type, filename=name)
    kind = "image/png" if item.blurred.name.endswith(".png") else "image/jpeg"
    response = file_response(item.blurred, content_type=kind, filename=f"{name}-blurred")
    # Once the photo is approved the same address serves the original: do not keep the blurred one.
    response["Cache-Control"] = "no-cache"
    return response


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
    photos = ReportPhoto.objects.filter(report=report).exclude(review=ReportPhoto.Review.REJECTED)
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
