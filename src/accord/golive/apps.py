from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoliveConfig(AppConfig):
    name = "accord.golive"
    label = "golive"
    verbose_name = _("Go-live")
