from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "quartierwerk.core.places"
    label = "places"
    verbose_name = _("Address register")
    default_auto_field = "django.db.models.BigAutoField"
