"""Background work of the webhooks: take ids, call a service."""

from __future__ import annotations

from dataclasses import asdict

from django.tasks import task


@task()
def webhook_delivery_send(*, delivery_id: int) -> str:
    """Make one attempt of a delivery if it is due and nobody else holds it; returns its status."""
    from accord.webhooks.delivery import delivery_attempt

    delivery = delivery_attempt(delivery_id=delivery_id)
    return delivery.status if delivery is not None else "skipped"


@task()
def webhooks_sweep_run(*, chain_token: str) -> dict[str, int] | None:
    """One link of the sweep's chain (it queues the next one a minute later)."""
    from accord.webhooks.sweep import sweep_chain_run

    report = sweep_chain_run(chain_token=chain_token)
    return None if report is None else asdict(report)


@task()
def webhook_disabled_notice_send(*, endpoint_id: int) -> int:
    """E-mail the notice of an automatically disabled endpoint; returns how many were sent."""
    from accord.webhooks.delivery import endpoint_disabled_notice_deliver

    return endpoint_disabled_notice_deliver(endpoint_id=endpoint_id)
