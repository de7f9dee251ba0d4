"""Background work of the inbox: take ids, call a service."""

from __future__ import annotations

from django.tasks import task


@task()
def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification to its recipient (nothing if it was e-mailed already)."""
    from accord.inbox.services import notification_email_deliver

    return notification_email_deliver(notification_id=notification_id)
