from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "accord.inbox"
    label = "inbox"
    verbose_name = _("Inbox")

    def ready(self) -> None:
        from accord.activity.services import activity_consumer_register
        from accord.inbox.services import notifications_for_entry

        # The inbox reacts to committed activity: the services that change tasks never import it.
        activity_consumer_register(notifications_for_entry)
