from .city import city_dashboard, city_export
from .public import report_list, version_json, version_page, version_pdf
from .staff import (
    contact_log,
    figures_page,
    report_progress,
    staff_report,
    staff_reports,
    team_time,
)

__all__ = [
    "city_dashboard",
    "city_export",
    "contact_log",
    "figures_page",
    "report_list",
    "report_progress",
    "staff_report",
    "staff_reports",
    "team_time",
    "version_json",
    "version_page",
    "version_pdf",
]
