"""Background work of support: take ids, call a service."""

from __future__ import annotations

from django.tasks import task


@task()
def escalation_email_send(*, escalation_id: int) -> bool:
    """E-mail one escalation to the vendor's support (nothing if it was e-mailed already)."""
    from accord.support.services import escalation_email_deliver

    return escalation_email_deliver(escalation_id=escalation_id)
