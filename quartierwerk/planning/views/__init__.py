"""The HTML pages of planning (URL names live in ../urls.py)."""

from .plans import (
    plan_diff,
    plan_list,
    plan_page,
    staff_add,
    staff_item,
    staff_plan,
    staff_plan_action,
    staff_plans,
    staff_value,
)

__all__ = [
    "plan_diff",
    "plan_list",
    "plan_page",
    "staff_add",
    "staff_item",
    "staff_plan",
    "staff_plan_action",
    "staff_plans",
    "staff_value",
]
