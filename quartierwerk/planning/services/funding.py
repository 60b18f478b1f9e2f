"""The office's writes on a project's money: funding sources, their amounts and states, the budget sums.

Every write locks the project's row first and then sums its sources again, so the budget on the project is
always the sum of its sources, also when several people edit at once.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import DomainError, require
from quartierwerk.core.text import clean_line

from .. import rules
from ..models import FundingSource, Project
from ..workflows import SOURCE_FLOW
from .plans import _decimal

ZERO = Decimal("0.00")
K = FundingSource.Kind
ORDER = list(FundingSource.State.values)


def _amount(value, field) -> Decimal | None:
    if value is None or value == "":
        return None
    amount = _decimal(value, field)
    if amount < 0:
        raise DomainError(_("Amounts cannot be negative."), field=field)
    return amount


def _lock(project: Project) -> Project:
    return Project.objects.select_for_update().select_related("quarter").get(pk=project.pk)


def fund_state(application) -> str:
    """The state of a fund source, read from its application in the fund."""
    status = application.status
    if status in ("closed", "proof_submitted", "repayment_due"):
        return FundingSource.State.ACCOUNTED
    if application.paid_amount > 0:
        return FundingSource.State.CALLED
    if status == "approved":
        return FundingSource.State.GRANTED
    if status == "draft":
        return FundingSource.State.PLANNED
    return FundingSource.State.APPLIED


def recompute(project: Project) -> Project:
    """Sum the project's sources into its budget; the caller holds the project's row lock."""
    sums = {"budget_planned": ZERO, "budget_applied": ZERO, "budget_granted": ZERO, "budget_called": ZERO}
    for source in FundingSource.objects.filter(project=project).select_related("fund_application"):
        reached = ORDER.index(source.state)
        sums["budget_planned"] += source.applied
        if reached >= ORDER.index(FundingSource.State.APPLIED):
            sums["budget_applied"] += source.applied
        if reached >= ORDER.index(FundingSource.State.GRANTED):
            sums["budget_granted"] += source.granted
        sums["budget_called"] += source.called
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now(), **sums)
    for name, value in sums.items():
        setattr(project, name, value)
    return project


def add_source(
    *,
    project: Project,
    by,
    kind: str,
    name: str = "",
    amount_applied=None,
    own_share=None,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    fund_application=None,
) -> FundingSource:
    """A new funding source; a fund source names the application and takes its amounts from the fund."""
    require(rules.can_manage(by, project), _("You may not change this project's budget."))
    if kind not in K.values:
        raise DomainError(_("Please choose the kind of source."), field="kind")
    fields = {
        "kind": kind,
        "own_share": _amount(own_share, "own_share") or ZERO,
        "period_start": period_start,
        "period_end": period_end,
    }
    if period_start and period_end and period_end < period_start:
        raise DomainError(_("The funding period ends before it starts."), field="period_end")
    if kind == K.FUND:
        if fund_application is None or fund_application.quarter_id != project.quarter_id:
            raise DomainError(_("Choose a fund application of this quarter."), field="fund_application")
        fields |= {
            "fund_application": fund_application,
            "name": _("Neighbourhood fund %(reference)s")
            % {"reference": fund_application.reference or fund_application.pk},
            "state": fund_state(fund_application),
        }
    else:
        fields["name"] = clean_line(name, max_length=200, field="name")
        if not fields["name"]:
            raise DomainError(_("Please name the funder or programme."), field="name")
        fields["amount_applied"] = _amount(amount_applied, "amount_applied")
    try:
        with transaction.atomic():
            project = _lock(project)
            source = FundingSource.objects.create(project=project, **fields)
            recompute(project)
            audit.record(
                by, "planning.budget_changed", project, source=source.name, applied=str(source.applied)
            )
    except IntegrityError:
        raise DomainError(_("This fund application already funds a project.")) from None
    return source


def set_amounts(*, source: FundingSource, by, amount_applied=None, amount_granted=None, amount_called=None):
    """Enter the amounts of a source that is not from the fund (the fund's are read from there)."""
    if source.kind == K.FUND:
        raise DomainError(_("The amounts of a fund application are kept in the fund."))
    values = {
        "amount_applied": _amount(amount_applied, "amount_applied"),
        "amount_granted": _amount(amount_granted, "amount_granted"),
        "amount_called": _amount(amount_called, "amount_called"),
    }
    try:
        with transaction.atomic():
            project = _lock(source.project)
            SOURCE_FLOW.check(by, source, "edit")
            FundingSource.objects.filter(pk=source.pk).update(**values)
            recompute(project)
            audit.record(
                by,
                "planning.budget_changed",
                project,
                source=source.name,
                **{k: str(v) for k, v in values.items()},
            )
    except IntegrityError:
        raise DomainError(
            _(
                "The granted amount cannot exceed the amount applied for, nor the called amount the granted one."
            )
        ) from None
    source.refresh_from_db()
    return source


def advance(*, source: FundingSource, by, action: str) -> FundingSource:
    """Move a source on: applied for, granted, called, accounted for (a fund source follows the fund)."""
    if source.kind == K.FUND:
        raise DomainError(_("A fund application's state is kept in the fund."))
    with transaction.atomic():
        project = _lock(source.project)
        source = FundingSource.objects.select_for_update().get(pk=source.pk)
        SOURCE_FLOW.check(by, source, action)
        source.state = SOURCE_FLOW.target(source, action)
        source.save(update_fields=["state"])
        recompute(project)
        audit.record(by, "planning.budget_changed", project, source=source.name, state=source.state)
    return source


def refresh_from_fund(*, project: Project, by=None) -> Project:
    """Read the states and amounts of the project's fund sources again from the fund."""
    with transaction.atomic():
        project = _lock(project)
        for source in FundingSource.objects.filter(project=project, kind=K.FUND).select_related(
            "fund_application"
        ):
            state = fund_state(source.fund_application)
            if state != source.state:
                FundingSource.objects.filter(pk=source.pk).update(state=state)
        recompute(project)
    return project
