"""Personal data held by insights: none. The contact log counts visits, calls and e-mails by topic, language
and referral without anything about the person; time is booked for the team, not for a person."""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.privacy import NotPersonal

DECLARATIONS = ()

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
    NotPersonal(
        "insights.PublishedReport", ("published_by",), _("staff account; pseudonymised with the account")
    ),
)
