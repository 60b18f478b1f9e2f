"""Every write planning allows, by sub-domain: the action plan (`plans`)."""

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

__all__ = [
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
