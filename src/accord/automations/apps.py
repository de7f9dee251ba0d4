from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AutomationsConfig(AppConfig):
    name = "accord.automations"
    label = "automations"
    verbose_name = _("Automations")
