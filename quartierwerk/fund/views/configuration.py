"""The fund's settings page: its rules, rounds and kinds of project, and next year's fund."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from quartierwerk.core import params
from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404

from .. import forms, rules, selectors, services
from ..models import Fund


@never_cache
@require_http_methods(["GET", "POST"])
def fund_settings(request, slug):
    """The office sets the fund's rules, rounds and kinds of project, and opens next year's fund."""
    quarter = quarter_or_404(slug)
    if not request.user.is_authenticated or not rules.can_configure_fund(request.user, quarter):
        raise PermissionDenied
    fund = selectors.current_fund(quarter)
    year = params.whole_number(request.GET.get("year"), name="year", default=0, minimum=0, maximum=9999)
    if fund is not None and year:
        fund = Fund.objects.filter(quarter=quarter, year=year).first() or fund
    action = request.POST.get("action") if request.method == "POST" else None
    post = request.POST if action else None
    settings_form = (
        forms.FundSettingsForm(post if action == "settings" else None, instance=fund) if fund else None
    )
    round_form = forms.RoundForm(post if action == "round" else None, prefix="round")
    category_form = forms.CategoryForm(post if action == "category" else None, prefix="category")
    budget_form = forms.BudgetForm(post if action in ("create", "next_year") else None, prefix="budget")
    if action:
        form = {
            "settings": settings_form,
            "round": round_form,
            "category": category_form,
            "create": budget_form,
            "next_year": budget_form,
        }.get(action)
        if form is None or (fund is None and action != "create"):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "settings":
                    services.update_fund(fund=fund, data=data, actor=request.user)
                elif action == "round":
                    services.add_round(fund=fund, actor=request.user, **data)
                elif action == "category":
                    services.add_category(fund=fund, actor=request.user, **data)
                elif action == "create":
                    fund = services.create_fund(
                        quarter=quarter,
                        year=timezone.localdate().year,
                        budget=data["budget"],
                        actor=request.user,
                    )
                else:
                    fund = services.start_next_year(fund=fund, budget=data["budget"], actor=request.user)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, _("Saved."))
                return redirect(reverse("fund:settings", args=[quarter.slug]) + f"?year={fund.year}")
        messages.error(request, _("Please correct the marked fields."))
    return render(
        request,
        "fund/staff/settings.html",
        {
            "quarter": quarter,
            "fund": fund,
            "years": Fund.objects.filter(quarter=quarter).values_list("year", flat=True),
            "settings_form": settings_form,
            "round_form": round_form,
            "category_form": category_form,
            "budget_form": budget_form,
            "rounds": fund.rounds.all() if fund else [],
            "categories": fund.categories.all() if fund else [],
        },
    )
