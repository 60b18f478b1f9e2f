"""Who may do what in the resource pool, one predicate per permission, asked by services, pages and API.

The owner of a resource is the organisation that offers it (its approved representatives) or, for a
resource of the office, the staff of the quarter; the staff of the quarter moderate the whole pool of their
quarter. Targets are a Resource or a Booking (both carry `quarter_id`).
"""

import rules

from quartierwerk.actors.rules import represents_organisation
from quartierwerk.core.rules import is_admin, is_authenticated, is_city_staff, is_staff_of_quarter


def _resource(target):
    return getattr(target, "resource", target)


@rules.predicate
def represents_owner(user, target) -> bool:
    resource = _resource(target)
    return resource.owner_id is not None and represents_organisation(user, resource.owner)


@rules.predicate
def represents_an_organisation(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    from quartierwerk.actors.models import Representation

    return Representation.objects.filter(user=user, status=Representation.Status.APPROVED).exists()


@rules.predicate
def is_booker(user, booking) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if booking.booker_id == user.pk:
        return True
    return booking.organisation_id is not None and represents_organisation(user, booking.organisation)


@rules.predicate
def is_published(user, target) -> bool:
    return _resource(target).is_published


@rules.predicate
def open_to_anyone(user, resource) -> bool:
    return resource.bookable_by == "anyone"


@rules.predicate
def open_to_associations(user, resource) -> bool:
    return resource.bookable_by in ("anyone", "associations")


# The owner and the office of the quarter run a resource and decide on its bookings.
can_manage_resource = represents_owner | is_staff_of_quarter | is_admin
can_view_office = is_staff_of_quarter | is_city_staff | is_admin
can_view_resource = is_published | can_manage_resource | can_view_office
# Offering a new resource: an association's representative or the office.
can_offer = is_staff_of_quarter | is_admin | (is_authenticated & represents_an_organisation)
# Booking: who the resource is open to; the office may always book its quarter's resources.
can_book = is_published & (
    (is_authenticated & open_to_anyone)
    | (is_authenticated & open_to_associations & represents_an_organisation)
    | is_staff_of_quarter
)
# A booking is seen by its booker, the owner and the office (city staff read).
can_view_booking = is_booker | can_manage_resource | can_view_office
can_decide = can_manage_resource
can_hand_over = can_manage_resource
can_take_back = can_manage_resource
can_cancel = is_booker | can_manage_resource
can_close = can_manage_resource
