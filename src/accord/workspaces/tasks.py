"""Background work of the workspaces app: take ids, call a service."""

from __future__ import annotations

from django.tasks import task


@task()
def invitation_email_send(*, invitation_id: int) -> bool:
    """Send an invitation's e-mail (nothing if it was accepted or withdrawn meanwhile)."""
    from accord.workspaces.services import invitation_email_deliver

    return invitation_email_deliver(invitation_id=invitation_id)
