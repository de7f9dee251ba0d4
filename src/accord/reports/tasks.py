"""Background work of the reports: take ids, call a service."""

from __future__ import annotations

from django.tasks import task


@task()
def digest_email_send(*, delivery_id: int) -> bool:
    """E-mail one weekly digest (nothing if it was sent already)."""
    from accord.reports.services import digest_email_deliver

    return digest_email_deliver(delivery_id=delivery_id)


@task()
def digests_send_run() -> int:
    """One run of the weekly digest over every active project (idempotent; run it hourly)."""
    from accord.reports.digest import digests_send

    return digests_send()
