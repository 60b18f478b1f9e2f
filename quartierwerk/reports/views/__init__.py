"""Pages of the reports module: report, follow and support for residents; inbox and triage for staff."""

from .links import body_answer, follow, follow_solution, photo
from .residents import (
    detail,
    geojson,
    my_reports,
    nearby,
    new,
    report_list,
    solution,
    start,
    support,
    support_confirm,
)
from .staff import api_clients, export_csv, figures, inbox, photo_checks, staff_action, staff_detail

__all__ = [
    "api_clients",
    "body_answer",
    "detail",
    "export_csv",
    "figures",
    "follow",
    "follow_solution",
    "geojson",
    "inbox",
    "my_reports",
    "nearby",
    "new",
    "photo",
    "photo_checks",
    "report_list",
    "solution",
    "start",
    "staff_action",
    "staff_detail",
    "support",
    "support_confirm",
]
