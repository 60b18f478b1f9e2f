"""Personal data held by news: who wrote a post and whom its picture credits; the posts are public texts."""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.privacy import Erasure, Kind, LegalBasis, NotPersonal, PersonalData, Subject

DECLARATIONS = (
    PersonalData(
        model="news.NewsPost",
        fields={"created_by": Kind.USER, "image_credit": Kind.NAME},
        subject=Subject(user="created_by"),
        purpose=_("Publishing the office's news: who wrote a post, and the credit its picture carries."),
        legal_basis=LegalBasis.ART6_1_E,
        # The post stays public; the author's account and the credit are blanked.
        erasure=Erasure.PSEUDONYMISE,
        recipients=(_("the public"),),
    ),
)

NOT_PERSONAL = (
    NotPersonal(
        "news.NewsPost",
        ("title", "teaser", "body", "translations", "image_alt", "topics"),
        _("the office's public news texts, in the languages of the city"),
    ),
    NotPersonal("news.NewsPost", ("image", "image_type"), _("a published picture chosen by the office")),
)
