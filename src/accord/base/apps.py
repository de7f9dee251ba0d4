from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    name = "accord.base"
    label = "base"
    verbose_name = _("Shared machinery")

    def ready(self) -> None:
        from accord.base.ids import IdConverter

        # `<id:project_id>` in every URL pattern; Django will not let `int` be replaced.
        register_converter(IdConverter, "id")
