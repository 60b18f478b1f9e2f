"""Who may do what with the address register."""

import rules

from quartierwerk.core.rules import is_admin, role_set


@rules.predicate
def is_staff_of_city(user, city) -> bool:
    return city is not None and city.pk in role_set(user).city_ids


can_import_addresses = is_staff_of_city | is_admin
