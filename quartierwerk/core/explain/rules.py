"""Who may put up the sign-language video: the office of the quarter, the city's staff, an administrator."""

import rules

from quartierwerk.core.models import City
from quartierwerk.core.rules import is_admin, is_city_staff, is_staff_of_quarter, role_set


@rules.predicate
def is_staff_of_this_city(user, target) -> bool:
    """City staff of the city itself (the core predicate reads the city of objects that belong to one)."""
    return isinstance(target, City) and target.pk in role_set(user).city_ids


# The target is a quarter (its video) or a city (the video on the start page).
can_manage_sign_video = is_staff_of_quarter | is_city_staff | is_staff_of_this_city | is_admin
