"""Background work of the automations: take ids, call a service."""

from __future__ import annotations

from django.tasks import task


@task()
def run_failure_notice_send(*, run_id: int) -> int:
    """E-mail the owner of a rule that one of its runs failed; returns how many were sent."""
    from accord.automations.engine import run_failure_notice_deliver

    return run_failure_notice_deliver(run_id=run_id)
