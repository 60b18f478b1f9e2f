"""Who may do what in planning: the office of the quarter writes; published plans and projects are public.

Staff of another quarter see and change nothing internal here; city staff of the city read the office's view.
"""

import rules

from quartierwerk.core.rules import is_admin, is_city_staff, is_staff_of_quarter


@rules.predicate
def is_published(user, target) -> bool:
    return getattr(target, "status", None) == "published"


@rules.predicate
def is_draft(user, target) -> bool:
    return getattr(target, "status", None) == "draft"


# The office: writes plans and projects of its quarter; city staff read along.
can_manage = is_staff_of_quarter | is_admin
can_view_office = is_staff_of_quarter | is_city_staff | is_admin

can_view_plan = is_published | can_view_office
can_edit_plan = can_manage & is_draft
can_publish_plan = can_manage & is_draft
can_revise_plan = can_manage & is_published
# Measured values keep coming in after a plan is adopted.
can_record_value = can_manage
