"""Who may do what with the actor directory: one predicate per permission, asked by views and API alike.

Targets are a Quarter or any object with `quarter_id` (Organisation, Person, Group, engagement …).
City staff read everything of their city's quarters; changes are for the quarter's staff and admins.
"""

import rules

from quartierwerk.core.rules import (
    is_admin,
    is_authenticated,
    is_city_staff,
    is_staff_of_quarter,
)


@rules.predicate
def represents_organisation(user, organisation) -> bool:
    """The user is an approved representative of this organisation."""
    if not getattr(user, "is_authenticated", False) or organisation is None:
        return False
    from .models import Representation

    cache = getattr(user, "_qw_represented", None)
    if cache is None:
        cache = set(
            Representation.objects.filter(user=user, status=Representation.Status.APPROVED).values_list(
                "organisation_id", flat=True
            )
        )
        user._qw_represented = cache
    return getattr(organisation, "pk", None) in cache


@rules.predicate
def is_the_person(user, person) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(person, "user_id", None) == user.pk)


# The office of the quarter (and administrators) change the directory.
can_manage_actors = is_staff_of_quarter | is_admin
# Staff area reading: the office, city staff of the city, administrators.
can_read_actors = is_staff_of_quarter | is_city_staff | is_admin
# Self-service: any logged-in user may register an organisation or claim an entry.
# (composed with always_false only so the rule takes the usual (user, target) arguments)
can_register_organisation = is_authenticated | rules.always_false
can_claim_organisation = is_authenticated | rules.always_false
can_edit_organisation = can_manage_actors | represents_organisation
can_verify_organisation = can_manage_actors
can_merge = can_manage_actors
can_add_note = can_manage_actors
can_see_notes = can_read_actors
can_manage_groups = can_manage_actors
# Personal data leaves the system only through the office (or to the person about themself).
can_export_contacts = can_manage_actors
can_import = can_manage_actors
can_record_consent = can_manage_actors
can_export_person = can_manage_actors | is_the_person
can_erase_person = can_manage_actors
can_record_engagement = can_manage_actors
can_sign_certificate = can_manage_actors
can_download_certificate = can_manage_actors | is_the_person
