"""The count of an agenda item: a confirmation page that says what the result will be, then the count."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404

from . import rules, services
from .models import AgendaItem, Decision, Fund


def _consequence(item: AgendaItem, counted) -> str:
    """What the count will set in motion, in one sentence."""
    R = AgendaItem.Result
    fund = item.session.fund
    result = counted.tally.result
    if result == R.NO_QUORUM:
        return _("The award team cannot decide this item; the application goes onto the next agenda.")
    level = services.decision_level(fund, item.application.requested_amount)
    if fund.award_team_power == Fund.AwardTeamPower.RECOMMENDS or level == Decision.Level.COUNCIL:
        return _("The result is a recommendation; the decision is then taken by the office or the council.")
    if result == R.APPROVED:
        return _("The application is approved and the amount is committed from the budget.")
    if result == R.REJECTED:
        return _("The application is rejected; the applicant is told so.")
    return _("The application is deferred.")


@never_cache
@require_http_methods(["GET", "POST"])
def count_item(request, slug, session_id, item_id):
    """Only the chair or the office counts, after seeing what the result will be."""
    quarter = quarter_or_404(slug)
    if not request.user.is_authenticated:
        raise PermissionDenied
    item = get_object_or_404(
        AgendaItem.objects.select_related("session", "session__fund", "application"),
        pk=item_id,
        session_id=session_id,
        session__quarter=quarter,
    )
    if not rules.can_close_item(request.user, item):
        raise PermissionDenied
    back = reverse("fund:session", args=[quarter.slug, item.session_id]) + f"#item-{item.pk}"
    if request.method == "POST":
        try:
            item = services.close_item(item=item, actor=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Result recorded: %(result)s.") % {"result": item.get_result_display()}
            )
        return redirect(back)
    counted = services.count_votes(item)
    return render(
        request,
        "fund/staff/count.html",
        {
            "quarter": quarter,
            "item": item,
            "session": item.session,
            "fund": item.session.fund,
            "counted": counted,
            "result_label": AgendaItem.Result(counted.tally.result).label,
            "consequence": _consequence(item, counted),
            "back": back,
        },
    )
