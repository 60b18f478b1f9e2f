from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "quartierwerk.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import choices

        choices.install(m for m in apps.get_models() if m.__module__.startswith("quartierwerk."))
