"""Who may do what in council business.

Papers, points and status reports are public council records: everyone reads them. The office of a quarter a
paper concerns, city staff of the paper's city and administrators record status reports and confirm the
papers the import suggests; the city-wide overview and its export are for city staff and administrators.
"""

import rules

from quartierwerk.core.rules import is_admin, is_city_staff, is_staff_of_quarter, role_set


def _paper(target):
    return getattr(target, "paper", target)


@rules.predicate
def is_office_of_paper(user, target) -> bool:
    """Staff of a quarter the paper (or the point's paper) concerns, confirmed by staff."""
    quarters = role_set(user).staff_quarter_ids
    if not quarters:
        return False
    paper = _paper(target)
    return any(link.quarter_id in quarters for link in paper.quarter_links.all() if link.confirmed)


@rules.predicate
def is_city_staff_of_paper(user, target) -> bool:
    return _paper(target).body.city_id in role_set(user).city_ids


@rules.predicate
def is_city_staff_of_city(user, city) -> bool:
    return city is not None and city.pk in role_set(user).city_ids


can_record_status_report = is_office_of_paper | is_city_staff_of_paper | is_admin
# A suggested link of a paper to a quarter: the quarter's office or city staff confirm or drop it.
can_confirm_suggestion = is_staff_of_quarter | is_city_staff | is_admin
can_view_quarter_office = is_staff_of_quarter | is_city_staff | is_admin
can_view_city_overview = is_city_staff_of_city | is_admin
