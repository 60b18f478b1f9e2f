"""Personal data held by news: none about residents yet; posts are the office's public texts."""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.privacy import NotPersonal

DECLARATIONS = ()

NOT_PERSONAL = (
    NotPersonal("news.NewsPost", ("created_by",), _("staff account; pseudonymised with the account")),
    NotPersonal(
        "news.NewsPost",
        ("title", "teaser", "body", "translations", "image_alt"),
        _("the office's public news texts, in the languages of the city"),
    ),
    NotPersonal(
        "news.NewsPost",
        ("image", "image_type", "image_credit"),
        _("a published picture with the credit its author asked for"),
    ),
)
