"""Who may do what with the figures and reports: the office keeps its log and writes its reports, city staff
read every quarter of their city, everyone reads published annual reports and the figures marked public."""

import rules

from quartierwerk.core.rules import is_admin, is_city_staff, is_staff_of_quarter, role_set


@rules.predicate
def is_staff_of_city(user, city) -> bool:
    """City staff of this city (the target is a City)."""
    return city is not None and city.pk in role_set(user).city_ids


# The office of the quarter: keeps the contact log and the time, writes, generates and publishes reports.
can_keep_records = is_staff_of_quarter | is_admin
# The quarter's figures with nothing held back, the internal report and the drafts: office and city.
can_view_internal = is_staff_of_quarter | is_city_staff | is_admin
# The city's overview of all its quarters (target: the city): city staff and administrators.
can_view_city_dashboard = is_staff_of_city | is_admin


@rules.predicate
def is_published_public_report(user, report) -> bool:
    return report.kind == "public" and report.versions.exists()


can_read_report = can_view_internal | is_published_public_report
