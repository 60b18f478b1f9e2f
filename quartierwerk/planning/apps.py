from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "quartierwerk.planning"
    label = "planning"
    verbose_name = _("Action plan and projects")
