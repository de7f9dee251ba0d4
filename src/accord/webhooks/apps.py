from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "accord.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from accord.activity.services import activity_consumer_register
        from accord.webhooks import checks  # noqa: F401 - registers the deploy check
        from accord.webhooks.services import webhook_consumer

        # Webhooks are one more consumer of committed activity: the services never import them.
        activity_consumer_register(webhook_consumer)
