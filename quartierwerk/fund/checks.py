"""The fund's rules applied to an application: the same checks while typing (htmx) and on submission."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import formats

from .models import ZERO, Application, Attachment, Fund, Round


@dataclass
class Problem:
    message: str
    field: str = ""
    blocking: bool = True


@dataclass
class Figures:
    """The cost plan's sums, computed, never typed."""

    total_cost: Decimal = ZERO
    own_contribution: Decimal = ZERO
    other_funding: Decimal = ZERO
    requested: Decimal = ZERO
    maximum: Decimal | None = None
    share_percent: int = 100
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.blocking]


def euro(value: Decimal) -> str:
    """An amount in euros, through the one formatter of the core."""
    return formats.amount(value)


def limits(fund: Fund, category) -> tuple[Decimal | None, int]:
    """The maximum amount and share that apply to an application of this kind."""
    maximum = fund.max_per_application
    share = fund.max_share_percent
    if category is not None:
        if category.max_amount is not None:
            maximum = category.max_amount if maximum is None else min(maximum, category.max_amount)
        if category.max_share_percent is not None:
            share = min(share, category.max_share_percent)
    return maximum, share


def cost_plan(fund: Fund, category, amounts, own: Decimal, other: Decimal, no_other_funding: bool) -> Figures:
    """Sum the cost plan and check it against the limits of the fund and the kind of project."""
    total = sum((Decimal(a) for a in amounts), ZERO)
    maximum, share = limits(fund, category)
    figures = Figures(
        total_cost=total, own_contribution=own, other_funding=other, maximum=maximum, share_percent=share
    )
    figures.requested = total - own - other
    problems = figures.problems
    if fund.requires_cost_plan and not amounts:
        problems.append(Problem(_("Add at least one line to the cost plan."), "cost_items"))
        return figures
    if own + other > total:
        problems.append(
            Problem(
                _(
                    "The cost plan does not add up: own contribution and other funding (%(sum)s) are more than "
                    "the total cost (%(total)s)."
                )
                % {"sum": euro(own + other), "total": euro(total)},
                "own_contribution",
            )
        )
        return figures
    requested = figures.requested
    if amounts and requested <= 0:
        problems.append(Problem(_("Nothing is left to request from the fund."), "cost_items"))
        return figures
    if maximum is not None and requested > maximum:
        problems.append(
            Problem(
                _(
                    "The requested amount of %(requested)s is above the maximum of %(maximum)s per application."
                )
                % {"requested": euro(requested), "maximum": euro(maximum)},
                "cost_items",
            )
        )
    if share < 100 and total > 0:
        allowed = (total * share / 100).quantize(Decimal("0.01"))
        if requested > allowed:
            problems.append(
                Problem(
                    _(
                        "The fund pays at most %(share)s %% of the total cost, here %(allowed)s; you request "
                        "%(requested)s. Raise your own contribution or other funding."
                    )
                    % {"share": share, "allowed": euro(allowed), "requested": euro(requested)},
                    "own_contribution",
                )
            )
    if fund.min_own_share_percent and total > 0:
        needed = (total * fund.min_own_share_percent / 100).quantize(Decimal("0.01"))
        if own < needed:
            problems.append(
                Problem(
                    _(
                        "Your own contribution must be at least %(percent)s %% of the total cost, here %(needed)s."
                    )
                    % {"percent": fund.min_own_share_percent, "needed": euro(needed)},
                    "own_contribution",
                )
            )
    if fund.subsidiary_only and not no_other_funding:
        problems.append(
            Problem(
                _("This fund pays only where no other source is available: please confirm that."),
                "no_other_funding",
            )
        )
    remaining = fund.remaining
    if category is not None and category.remaining is not None:
        remaining = min(remaining, category.remaining)
    if requested > remaining:
        problems.append(
            Problem(
                _("The fund has only %(remaining)s left this year; the award team may reduce the amount.")
                % {"remaining": euro(remaining)},
                "cost_items",
                blocking=False,
            )
        )
    return figures


def open_round(fund: Fund, today: datetime.date | None = None) -> Round | None:
    """The round an application submitted today belongs to: the next deadline not yet passed."""
    today = today or timezone.localdate()
    return fund.rounds.filter(deadline__gte=today).order_by("deadline").first()


def application_problems(
    application: Application, *, amounts=None, attachment_kinds=None, today=None, consent: bool | None = None
) -> Figures:
    """Everything that keeps an application from being submitted (and the warnings the applicant should read)."""
    fund = application.fund
    today = today or timezone.localdate()
    if amounts is None:
        amounts = [item.amount for item in application.cost_items.all()]
    if attachment_kinds is None:
        attachment_kinds = set(
            application.attachments.filter(proof__isnull=True).values_list("kind", flat=True)
        )
    figures = cost_plan(
        fund,
        application.category,
        amounts,
        application.own_contribution,
        application.other_funding,
        application.no_other_funding,
    )
    problems = figures.problems
    for name, label in (
        ("title", _("project title")),
        ("summary", _("short description")),
        ("benefit", _("how the quarter benefits")),
    ):
        if not (getattr(application, name) or "").strip():
            problems.append(Problem(_("Please fill in: %(field)s.") % {"field": label}, name))
    kind = application.applicant_kind
    allowed = {
        Application.ApplicantKind.PRIVATE: fund.allow_private,
        Application.ApplicantKind.ASSOCIATION: fund.allow_associations,
        Application.ApplicantKind.INSTITUTION: fund.allow_institutions,
    }
    if not allowed.get(kind, False):
        problems.append(
            Problem(
                _("This fund does not accept applications from this kind of applicant."), "applicant_kind"
            )
        )
    if kind == Application.ApplicantKind.PRIVATE and not application.is_of_age:
        problems.append(
            Problem(
                _("Private applicants must be at least %(age)s years old.") % {"age": fund.min_applicant_age},
                "is_of_age",
            )
        )
    if kind != Application.ApplicantKind.PRIVATE and not application.organisation_name.strip():
        problems.append(Problem(_("Please name your association or institution."), "organisation_name"))
    if fund.categories.exists() and application.category_id is None:
        problems.append(Problem(_("Please choose the kind of project."), "category"))
    if application.start_date and application.end_date and application.end_date < application.start_date:
        problems.append(Problem(_("The project cannot end before it starts."), "end_date"))
    if application.start_date and application.start_date < today:
        problems.append(
            Problem(
                _("Money may not be spent before the approval; the start date lies in the past."),
                "start_date",
                blocking=False,
            )
        )
    if fund.requires_photo_or_map and not (attachment_kinds & {Attachment.Kind.PHOTO, Attachment.Kind.MAP}):
        problems.append(Problem(_("Please add a photo or a map of the place."), "attachments"))
    if not fund.is_open:
        problems.append(Problem(_("The fund does not take applications at the moment."), ""))
    elif not fund.continuous_submission and open_round(fund, today) is None:
        last = fund.rounds.order_by("-deadline").first()
        if last is not None:
            message = _("The last submission deadline (%(date)s) has passed; no round is open.") % {
                "date": last.deadline.strftime("%d.%m.%Y")
            }
        else:
            message = _("No submission round is open.")
        problems.append(Problem(message, ""))
    if consent is False:
        problems.append(Problem(_("Please agree to the processing of your data."), "consent"))
    return figures
