from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExplainConfig(AppConfig):
    name = "quartierwerk.core.explain"
    label = "explain"
    verbose_name = _("Leichte Sprache and sign language")
    default_auto_field = "django.db.models.BigAutoField"
