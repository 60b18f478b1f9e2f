"""Newsletter pages: subscribe, confirm, one-click unsubscribe, the archive; the office composes, tests, sends."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core import throttle
from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404, staff_quarter
from quartierwerk.events.models import Event

from .. import newsletter, rules, selectors
from ..forms import ComposeForm, SubscribeForm, TestSendForm
from ..models import Issue, NewsPost, Subscriber


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request, slug):
    """Subscribe to the newsletter of a quarter: a confirmation mail follows (double opt-in)."""
    quarter = quarter_or_404(slug)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttle.check("news-subscribe", request.META.get("REMOTE_ADDR", ""), limit=10, seconds=600)
        try:
            newsletter.subscribe(
                city=quarter.city,
                email=form.cleaned_data["email"],
                quarters=[quarter],
                topics=form.cleaned_data["topics"],
            )
        except DomainError as exc:
            form.add_error("email", str(exc))
        else:
            return render(request, "news/newsletter/subscribed.html", {"quarter": quarter})
    return render(
        request,
        "news/newsletter/subscribe.html",
        {"quarter": quarter, "form": form, "consent_text": newsletter.consent_text()},
        status=400 if form.errors else 200,
    )


@never_cache
def confirm(request, token):
    try:
        subscriber = newsletter.confirm(token=token)
    except DomainError as exc:
        return render(request, "news/newsletter/message.html", {"text": str(exc)}, status=400)
    return render(
        request,
        "news/newsletter/message.html",
        {
            "title": _("Subscription confirmed"),
            "text": _("Thank you. You will receive the next issue."),
            "subscriber": subscriber,
        },
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a button; POST ends the subscription at once (also RFC 8058 one-click, which sends no token)."""
    issue_id = request.GET.get("issue", "")
    issue_id = int(issue_id) if issue_id.isdigit() else None
    if request.method == "POST":
        subscriber = newsletter.unsubscribe(token=token, issue_id=issue_id)
        if subscriber is None:
            raise Http404
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
        return render(
            request,
            "news/newsletter/message.html",
            {"title": _("Unsubscribed"), "text": _("You will receive no more issues of the newsletter.")},
        )
    if not Subscriber.objects.filter(token=token).exists():
        raise Http404
    return render(request, "news/newsletter/unsubscribe.html", {"token": token, "issue_id": issue_id})


def archive(request, slug):
    """The issues sent to the quarter's subscribers (and the city's to all)."""
    quarter = quarter_or_404(slug)
    issues = selectors.sent_issues(quarter)
    return render(request, "news/newsletter/archive.html", {"quarter": quarter, "issues": issues})


def issue_page(request, pk):
    issue = get_object_or_404(Issue.objects.select_related("quarter", "city"), pk=pk)
    if issue.status != Issue.Status.SENT and not rules.can_view_office(request.user, issue):
        raise Http404
    return render(request, "news/newsletter/issue.html", {"issue": issue, "quarter": issue.quarter})


# Office ----------------------------------------------------------------------------------------------------


@login_required
def staff_newsletter(request, slug):
    """The quarter's issues with their figures, and how many subscribe."""
    quarter = staff_quarter(request, slug)
    issues = list(Issue.objects.filter(quarter=quarter).order_by("-created_at")[:50])
    figures = selectors.issue_figures([i.pk for i in issues])
    return render(
        request,
        "news/staff/newsletter.html",
        {
            "quarter": quarter,
            "rows": [(i, figures.get(i.pk, {})) for i in issues],
            "subscribers": selectors.subscriber_counts(quarter),
            "can_send": rules.can_send_newsletter(request.user, quarter),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_compose(request, slug):
    quarter = staff_quarter(request, slug)
    if not rules.can_send_newsletter(request.user, quarter):
        raise PermissionDenied
    post_ids = [p.pk for p in selectors.posts_for(quarter)[:15]]
    event_ids = [e.pk for e in selectors.upcoming_events(quarter)]
    form = ComposeForm(
        request.POST or None,
        posts=NewsPost.objects.filter(pk__in=post_ids).order_by("-publish_at"),
        events=Event.objects.filter(pk__in=event_ids).order_by("starts_at"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issue = newsletter.compose(
                by=request.user,
                city=quarter.city,
                quarter=quarter,
                subject=data["subject"],
                intro=data["intro"],
                posts=data["posts"],
                events=data["events"],
                topic=data["topic"],
                rate_per_minute=data["rate_per_minute"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The issue is composed. Send a test before sending it."))
            return redirect("news:staff_issue", issue.pk)
    return render(
        request,
        "news/staff/compose.html",
        {"quarter": quarter, "form": form},
        status=400 if form.errors else 200,
    )


def _office_issue(request, pk, *, send: bool = False):
    issue = Issue.objects.select_related("quarter", "city").filter(pk=pk).first()
    if issue is None:
        raise Http404
    allowed = rules.can_send_newsletter if send else rules.can_view_office
    if not request.user.is_authenticated or not allowed(request.user, issue):
        raise PermissionDenied
    return issue


@login_required
@never_cache
def staff_issue(request, pk):
    issue = _office_issue(request, pk)
    return render(
        request,
        "news/staff/issue.html",
        {
            "issue": issue,
            "quarter": issue.quarter,
            "figures": newsletter.figures(issue),
            "recipients": selectors.recipients(issue).count() if issue.status == Issue.Status.DRAFT else None,
            "test_form": TestSendForm(initial={"to": request.user.email}),
            "can_send": rules.can_send_newsletter(request.user, issue),
        },
    )


@login_required
@require_POST
def staff_issue_action(request, pk, action):
    """Send a test, or start sending (the worker `manage.py send_newsletter` sends at the issue's rate)."""
    issue = _office_issue(request, pk, send=True)
    try:
        if action == "test":
            form = TestSendForm(request.POST)
            form.is_valid()
            newsletter.send_test(issue=issue, by=request.user, to=form.cleaned_data.get("to", ""))
            messages.success(request, _("The test is in the outbox."))
        elif action == "send":
            n = newsletter.start_sending(issue=issue, by=request.user)
            messages.success(request, _("Sending has started to %(n)d subscribers.") % {"n": n})
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("news:staff_issue", issue.pk)
