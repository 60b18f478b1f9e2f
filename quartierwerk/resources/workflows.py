"""The states of a booking, declared once: services enforce, pages ask which buttons to show."""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.workflow import Transition, Workflow, states

from . import rules
from .models import Booking

S = Booking.Status
BOOKING_FLOW = Workflow(
    name="resources.Booking",
    state_field="status",
    transitions=[
        Transition("approve", states(S.REQUESTED), S.APPROVED, rules.can_decide, _("Approve")),
        Transition("refuse", states(S.REQUESTED), S.REFUSED, rules.can_decide, _("Refuse")),
        Transition("hand_over", states(S.APPROVED), S.HANDED_OVER, rules.can_hand_over, _("Hand over")),
        Transition("take_back", states(S.HANDED_OVER), S.RETURNED, rules.can_take_back, _("Returned")),
        Transition(
            "cancel",
            states(S.UNCONFIRMED, S.REQUESTED, S.APPROVED),
            S.CANCELLED,
            rules.can_cancel,
            _("Cancel booking"),
        ),
    ],
)

# The history sentences of this module (core/history.py shows them); named here too, so that this module's
# own catalogue carries their translations.
HISTORY = {
    "resources.appointment_confirmed": _("Appointment in the office hours confirmed"),
    "resources.booked": _("Booking made"),
    "resources.booking_approved": _("Booking confirmed by the owner"),
    "resources.booking_cancelled": _("Booking cancelled"),
    "resources.booking_refused": _("Booking refused by the owner"),
    "resources.closed": _("Resource closed for repair or holiday"),
    "resources.handed_over": _("Resource handed over"),
    "resources.offered": _("Resource offered in the pool"),
    "resources.returned": _("Resource returned"),
}
