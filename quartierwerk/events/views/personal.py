"""The personal pages: my registrations and sessions, my calendar link, my tasks."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartierwerk.core.errors import DomainError

from .. import rules, selectors, services
from ..forms import ActionItemStatusForm
from ..models import ActionItem, Event, Registration
from .common import PAGE_SIZE


@login_required
def my_events(request):
    """My registrations and my personal calendar feed link."""
    regs = (
        Registration.objects.filter(user=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event", "event__quarter")
        .order_by("-event__starts_at")
    )
    page_obj = Paginator(regs, PAGE_SIZE).get_page(request.GET.get("page"))
    from ..models import CalendarToken

    has_feed = CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).exists()
    since = timezone.now() - datetime.timedelta(days=90)
    sessions = list(
        Event.objects.filter(group_id__in=selectors.member_group_ids(request.user), starts_at__gte=since)
        .select_related("quarter", "group", "minutes")
        .order_by("starts_at")[:30]
    )
    chaired = {e.pk for e in sessions if rules.can_manage_session(request.user, e)}
    return render(
        request,
        "events/my_events.html",
        {
            "page_obj": page_obj,
            "has_feed": has_feed,
            "feed_url": request.session.pop("qw_events_feed_url", None),
            "sessions": sessions,
            "chaired": chaired,
        },
    )


@login_required
@require_POST
def my_feed_issue(request):
    token = services.issue_calendar_token(user=request.user)
    # Shown once on the next page; only the hash is stored.
    request.session["qw_events_feed_url"] = request.build_absolute_uri(
        reverse("events:personal_ics", args=[token])
    )
    messages.success(request, _("Your new calendar link is ready. Earlier links no longer work."))
    return redirect("events:my_events")


@login_required
@require_POST
def my_feed_revoke(request):
    services.revoke_calendar_tokens(user=request.user)
    messages.success(request, _("Your calendar link no longer works."))
    return redirect("events:my_events")


@login_required
def my_tasks(request):
    """My tasks from sessions: open ones first."""
    show_all = request.GET.get("all") == "1"
    qs = selectors.my_action_items(request.user)
    if not show_all:
        qs = qs.filter(status__in=ActionItem.OPEN_STATES)
    page_obj = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/my_tasks.html",
        {
            "page_obj": page_obj,
            "show_all": show_all,
            "status_choices": ActionItem.Status.choices,
            "query_string": "all=1" if show_all else "",
        },
    )


@login_required
@require_POST
def task_status(request, pk):
    item = get_object_or_404(ActionItem.objects.select_related("event", "assignee_person"), pk=pk)
    if not rules.can_update_item(request.user, item):
        raise PermissionDenied
    form = ActionItemStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_action_item_status(by=request.user, item=item, status=form.cleaned_data["status"])
            messages.success(request, _("The task has been updated."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Please choose a status."))
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("events:my_tasks")
