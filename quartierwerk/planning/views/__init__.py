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
from .projects import (
    project_list,
    project_page,
    staff_board,
    staff_from_report,
    staff_milestone,
    staff_move,
    staff_project,
    staff_project_new,
    staff_projects,
    staff_source,
)

__all__ = [
    "project_list",
    "project_page",
    "staff_board",
    "staff_from_report",
    "staff_milestone",
    "staff_move",
    "staff_project",
    "staff_project_new",
    "staff_projects",
    "staff_source",
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
