"""Personal data held by insights: only who published a report version. The contact log counts visits, calls
and e-mails by topic, language and referral without anything about the person; time is booked for the team,
not for a person."""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.privacy import Erasure, Kind, LegalBasis, NotPersonal, PersonalData, Subject

DECLARATIONS = (
    PersonalData(
        model="insights.PublishedReport",
        fields={"published_by": Kind.USER},
        subject=Subject(user="published_by"),
        purpose=_("Keeping who published a version of an annual report."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        recipients=(_("the office of the quarter"),),
    ),
)

NOT_PERSONAL = (
    NotPersonal(
        "insights.AnnualReport",
        ("introduction", "highlights", "outlook"),
        _("the office's own texts of its annual report"),
    ),
    NotPersonal(
        "insights.AnnualReport", ("figures",), _("aggregate figures, small counts held back in public")
    ),
    NotPersonal("insights.PublicFigure", ("key",), _("the name of a figure")),
    NotPersonal(
        "insights.PublishedReport",
        ("figures_json",),
        _("aggregate figures, small counts held back in public"),
    ),
    NotPersonal("insights.PublishedReport", ("texts",), _("the office's own texts of its annual report")),
)
