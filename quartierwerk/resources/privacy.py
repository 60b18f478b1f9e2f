"""Personal data held by the resource pool: who booked what and when, and residents' office-hour appointments."""

from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.privacy import Erasure, Kind, LegalBasis, NotPersonal, PersonalData, Retention, Subject

RECIPIENTS = (
    _("the owner of the resource (an association of the quarter or the office)"),
    _("the office of the quarter"),
)

DECLARATIONS = (
    PersonalData(
        model="resources.Booking",
        fields={
            "booker": Kind.USER,
            "name": Kind.NAME,
            "email": Kind.EMAIL,
            "phone": Kind.PHONE,
            "purpose": Kind.FREE_TEXT,
            "language": Kind.FREE_TEXT,
            "wants_interpreter": Kind.FREE_TEXT,
            "condition_note": Kind.FREE_TEXT,
            "answer": Kind.FREE_TEXT,
            "confirm_hash": Kind.TECHNICAL,
            "pickup_code": Kind.TECHNICAL,
            "terms_accepted_at": Kind.TECHNICAL,
            "licence_confirmed_at": Kind.TECHNICAL,
        },
        subject=Subject(user="booker", email="email"),
        purpose=_(
            "Lending resources and holding office-hour appointments: who booked, how to reach them, "
            "hand-over and return."
        ),
        legal_basis=LegalBasis.ART6_1_B,
        # Bookings are kept for a year after their end (deposits, damage); appointments for 90 days.
        retention=(
            Retention(
                period=timedelta(days=90),
                start="ends_at",
                when=Q(resource__kind="office_hours"),
                text=_("Office-hour appointments: 90 days after the appointment."),
            ),
            Retention(
                period=timedelta(days=365),
                start="ends_at",
                when=~Q(resource__kind="office_hours"),
                text=_("Bookings: one year after their end (deposit and damage)."),
            ),
        ),
        erasure=Erasure.DELETE,
        recipients=RECIPIENTS,
    ),
)

NOT_PERSONAL = (
    NotPersonal("resources.Category", ("name",), _("the name of a category of resources")),
    NotPersonal("resources.Resource", ("name",), _("the name of what is lent")),
    NotPersonal("resources.Closure", ("reason",), _("a choice: holiday, repair or other")),
    NotPersonal(
        "resources.Booking", ("decided_by",), _("account of the owner; pseudonymised with the account")
    ),
    NotPersonal("resources.Booking", ("organisation",), _("an association of the directory")),
    NotPersonal("resources.Closure", ("created_by", "note"), _("the owner's note on a repair or holiday")),
    NotPersonal(
        "resources.Resource",
        ("description", "place", "terms", "photo", "lat", "lon"),
        _("what an association or the office offers"),
    ),
)
