"""The fund's settings: its rules, rounds and kinds of project, a quarter's first fund and the next year's."""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from quartierwerk.core import audit, multilingual
from quartierwerk.core.errors import Conflict, DomainError, require
from quartierwerk.core.text import clean_for_column, clean_line

from .. import checks, rules
from ..models import ZERO, Category, Fund
from .common import to_money

SETTINGS_FIELDS = Fund.SETTINGS_FIELDS


def update_fund(*, fund: Fund, data: dict, actor) -> Fund:
    """Change a fund's rules; the budget can never drop below what is already committed."""
    require(rules.can_configure_fund(actor, fund))
    with transaction.atomic():
        fund = Fund.objects.select_for_update().get(pk=fund.pk)
        before = {name: getattr(fund, name) for name in SETTINGS_FIELDS}
        for name, value in data.items():
            if name in SETTINGS_FIELDS:
                setattr(
                    fund,
                    name,
                    clean_for_column(Fund, name, value)
                    if name in ("name", "purpose", "rules_text", "consent_text")
                    else value,
                )
        if "translations" in data:
            data_translations = multilingual.clean(
                Fund, data["translations"], multilingual.offered(fund.quarter.city), keep=fund.translations
            )
            before["translations"] = fund.translations
            fund.translations = data_translations
        if fund.budget < fund.committed:
            raise Conflict(
                _("The budget cannot be lower than what is already committed (%(committed)s).")
                % {"committed": checks.euro(fund.committed)},
                field="budget",
            )
        if fund.award_team is not None and (
            fund.award_team.quarter_id != fund.quarter_id or fund.award_team.kind != "award_team"
        ):
            raise DomainError(_("Choose an award team of this quarter."), field="award_team")
        fund.save()
        after = {name: getattr(fund, name) for name in SETTINGS_FIELDS}
        if "translations" in before:
            after["translations"] = fund.translations
        changes = audit.diff(before, after)
        if changes:
            audit.record(actor, "fund.settings_changed", fund, **changes)
    return fund


def add_round(*, fund: Fund, name: str, deadline: datetime.date, actor):
    from ..models import Round

    require(rules.can_configure_fund(actor, fund))
    if deadline.year != fund.year:
        raise DomainError(_("The deadline must lie in the fund's year."), field="deadline")
    with transaction.atomic():
        try:
            with transaction.atomic():
                round_ = Round.objects.create(
                    fund=fund, name=clean_line(name, max_length=120, truncate=True), deadline=deadline
                )
        except IntegrityError:
            raise Conflict(_("There is already a round with this deadline."), field="deadline")
        audit.record(actor, "fund.round_added", fund, name=round_.name, deadline=deadline)
    return round_


def add_category(
    *, fund: Fund, name: str, actor, budget=None, max_amount=None, max_share_percent=None
) -> Category:
    require(rules.can_configure_fund(actor, fund))
    name = clean_line(name, max_length=120, truncate=True)
    if not name:
        raise DomainError(_("Please name the kind of project."), field="name")
    if max_share_percent is not None and not 0 < max_share_percent <= 100:
        raise DomainError(_("A share lies between 1 and 100 %."), field="max_share_percent")
    with transaction.atomic():
        category = Category.objects.create(
            fund=fund,
            name=name,
            budget=budget,
            max_amount=max_amount,
            max_share_percent=max_share_percent,
            position=fund.categories.count() + 1,
        )
        audit.record(actor, "fund.category_added", fund, name=name, budget=budget, max_amount=max_amount)
    return category


def start_next_year(*, fund: Fund, budget, actor) -> Fund:
    """Open the fund for the following year with the same rules and kinds of project (rounds move by a year)."""
    import copy

    from ..models import Round

    require(rules.can_configure_fund(actor, fund))
    budget = to_money(budget, field="budget")
    with transaction.atomic():
        if Fund.objects.filter(quarter_id=fund.quarter_id, year=fund.year + 1).exists():
            raise Conflict(_("The fund for %(year)s exists already.") % {"year": fund.year + 1})
        new = copy.copy(fund)
        new.pk = None
        new.year = fund.year + 1
        new.budget = budget
        new.committed = ZERO
        new.paid = ZERO
        new.save()
        for category in fund.categories.all():
            Category.objects.create(
                fund=new,
                name=category.name,
                position=category.position,
                budget=category.budget,
                max_amount=category.max_amount,
                max_share_percent=category.max_share_percent,
            )
        for round_ in fund.rounds.all():
            try:
                deadline = round_.deadline.replace(year=new.year)
            except ValueError:  # 29 February
                deadline = round_.deadline.replace(year=new.year, day=28)
            Round.objects.create(fund=new, name=round_.name, deadline=deadline)
        audit.record(actor, "fund.year_started", new, budget=budget, copied_from=fund.pk)
    return new


def create_fund(*, quarter, year: int, budget, actor) -> Fund:
    """Open a quarter's first fund (later years: start_next_year copies the rules)."""
    require(rules.can_configure_fund(actor, quarter))
    budget = to_money(budget, field="budget")
    with transaction.atomic():
        try:
            with transaction.atomic():
                fund = Fund.objects.create(quarter=quarter, year=year, budget=budget)
        except IntegrityError:
            raise Conflict(_("The fund for %(year)s exists already.") % {"year": year})
        audit.record(actor, "fund.created", fund, year=year, budget=budget)
    return fund
