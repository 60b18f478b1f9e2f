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
    PersonalData(
        model="news.Subscriber",
        fields={
            "email": Kind.EMAIL,
            "person": Kind.PERSON,
            "language": Kind.TECHNICAL,
            "topics": Kind.COPY,
            "consent_text": Kind.COPY,
            "token": Kind.TECHNICAL,
        },
        subject=Subject(email="email", person="person"),
        purpose=_("Sending the newsletter to those who asked for it, and proving their consent."),
        legal_basis=LegalBasis.ART6_1_A,
        # Unsubscribing ends the sending; erasure removes the address and the consent with it.
        erasure=Erasure.DELETE,
        recipients=(_("the office of the quarter"),),
    ),
    PersonalData(
        model="news.Delivery",
        fields={"subscriber": Kind.EMAIL, "mail_id": Kind.TECHNICAL},
        subject=Subject(email="subscriber__email"),
        purpose=_("Sending each issue once to each subscriber and counting bounces and unsubscriptions."),
        legal_basis=LegalBasis.ART6_1_A,
        erasure=Erasure.DELETE,
        recipients=(_("the office of the quarter"),),
    ),
)

NOT_PERSONAL = (
    NotPersonal(
        "news.NewsPost",
        ("title", "teaser", "body", "translations", "image_alt", "topics"),
        _("the office's public news texts, in the languages of the city"),
    ),
    NotPersonal("news.NewsPost", ("image", "image_type"), _("a published picture chosen by the office")),
    NotPersonal(
        "news.Issue",
        ("intro", "body", "subject"),
        _("the office's newsletter text, sent to every subscriber"),
    ),
    NotPersonal("news.Document", ("created_by",), _("staff account; pseudonymised with the account")),
    NotPersonal("news.Document", ("title", "description"), _("the office's description of its document")),
    NotPersonal(
        "news.DocumentVersion",
        ("uploaded_by", "file", "original_name", "note"),
        _("the office's own documents and who of the office uploaded them"),
    ),
    NotPersonal("news.Issue", ("created_by",), _("staff account; pseudonymised with the account")),
)
