"""Personal data held by planning: who prepared a plan version, and who took part in its revision."""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.privacy import Erasure, Kind, LegalBasis, NotPersonal, PersonalData, Subject

DECLARATIONS = (
    PersonalData(
        model="planning.ActionPlan",
        fields={"created_by": Kind.USER, "revision_participants": Kind.FREE_TEXT},
        subject=Subject(user="created_by"),
        purpose=_("Keeping the quarter's action plan and who prepared and discussed each version."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        recipients=(_("the office of the quarter"), _("the public (published versions)")),
    ),
)

NOT_PERSONAL = (
    NotPersonal(
        "planning.ActionPlan",
        ("summary", "adopted_by"),
        _("the office's public record of a plan and the body that adopted it"),
    ),
    NotPersonal("planning.FieldOfAction", ("description",), _("the office's text of a plan")),
    NotPersonal("planning.Goal", ("description",), _("the office's text of a plan")),
    NotPersonal("planning.Measure", ("description",), _("the office's text of a plan")),
    NotPersonal("planning.Indicator", ("name",), _("the name of a statistical figure")),
    NotPersonal("planning.FundingSource", ("name",), _("the name of a funder, programme or sponsor")),
    NotPersonal("planning.Project", ("created_by",), _("staff account; pseudonymised with the account")),
    NotPersonal(
        "planning.Project",
        ("description", "results"),
        _(
            "the office's public text of a project; an idea taken from a report comes without the reporter's name"
        ),
    ),
)
