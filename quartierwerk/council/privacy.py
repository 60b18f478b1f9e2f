"""Personal data in council business: none but the staff account on a status report.

Papers are public records of the council; originators are factions and offices, never private persons, and
the OParl API publishes no members of a Quartiersrat or other residents' bodies.
"""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.privacy import Erasure, Kind, LegalBasis, NotPersonal, PersonalData, Subject

DECLARATIONS = (
    PersonalData(
        model="council.StatusReport",
        fields={"reported_by": Kind.USER},
        subject=Subject(user="reported_by"),
        purpose=_("Knowing who recorded the state of a resolution point's implementation."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        recipients=(_("the office of the quarter"), _("city staff")),
    ),
)

PUBLIC_RECORD = _("public council business, written by the council and the administration")

NOT_PERSONAL = (
    NotPersonal("council.Body", ("name", "short_name"), _("the name of the city as a body")),
    NotPersonal(
        "council.Organization",
        ("name", "short_name", "email"),
        _("a council body or an office's shared address"),
    ),
    NotPersonal(
        "council.Location",
        ("description", "street_address", "room", "postal_code", "locality"),
        _("a public meeting place"),
    ),
    NotPersonal("council.LegislativeTerm", ("name",), PUBLIC_RECORD),
    NotPersonal("council.Meeting", ("name",), PUBLIC_RECORD),
    NotPersonal("council.AgendaItem", ("name", "resolution_text"), PUBLIC_RECORD),
    NotPersonal("council.Paper", ("name", "summary"), PUBLIC_RECORD),
    NotPersonal("council.File", ("name", "file_name"), PUBLIC_RECORD),
    NotPersonal("council.ResolutionPoint", ("text",), PUBLIC_RECORD),
    NotPersonal("council.StatusReport", ("text",), _("the office's report on the state of implementation")),
)
