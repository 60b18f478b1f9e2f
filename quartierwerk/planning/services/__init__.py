"""Every write planning allows, by sub-domain: the action plan (`plans`), projects (`projects`), their money (`funding`)."""

from .funding import add_source, advance, refresh_from_fund, set_amounts
from .plans import (
    add_field_of_action,
    add_goal,
    add_indicator,
    add_measure,
    create_plan,
    delete_item,
    publish_plan,
    record_value,
    revise_for_next_year,
    update_item,
    update_plan,
)
from .projects import (
    add_milestone,
    complete_milestone,
    create_from_report,
    create_project,
    move,
    update_project,
)

__all__ = [
    "add_source",
    "advance",
    "refresh_from_fund",
    "set_amounts",
    "add_milestone",
    "complete_milestone",
    "create_from_report",
    "create_project",
    "move",
    "update_project",
    "add_field_of_action",
    "add_goal",
    "add_indicator",
    "add_measure",
    "create_plan",
    "delete_item",
    "publish_plan",
    "record_value",
    "revise_for_next_year",
    "update_item",
    "update_plan",
]
