from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiKitConfig(AppConfig):
    name = "accord.apikit"
    label = "apikit"
    verbose_name = _("HTTP API")
