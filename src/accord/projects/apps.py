from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "accord.projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from accord.activity.services import activity_consumer_register
        from accord.projects.summary import summary_on_activity

        # Every committed change to a project recounts the portfolio's summary of it.
        activity_consumer_register(summary_on_activity)
