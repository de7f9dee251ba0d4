"""`python -m benchmarks.webhooks.populate URL COUNT`: one endpoint, COUNT messages and their
deliveries, each delivery's task queued (as the consumer queues them after commit)."""

from __future__ import annotations

import sys

import django


def main(url: str, count: int) -> None:
    django.setup()
    from django.db import transaction

    from accord.accounts.models import User
    from accord.webhooks import tasks
    from accord.webhooks.events import envelope
    from accord.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint, WebhookMessage
    from accord.webhooks.services import new_message_id, new_secret
    from accord.workspaces.models import Membership, MembershipKind, Workspace

    workspace = Workspace.objects.create(name="Bench", slug="bench")
    user = User.objects.create_user(email="bench@example.com", full_name="Bench Admin")
    Membership.objects.create(user=user, workspace=workspace, kind=MembershipKind.VENDOR_ADMIN)
    endpoint = WebhookEndpoint.objects.create(
        workspace=workspace, url=url, event_types=list(EventType.values), secret=new_secret(), created_by=user
    )
    messages = WebhookMessage.objects.bulk_create(
        (
            WebhookMessage(
                workspace=workspace,
                message_id=new_message_id(),
                event_type=EventType.TASK_STATUS_CHANGED,
                payload=envelope(EventType.TASK_STATUS_CHANGED, endpoint.created_at, _data(number)),
            )
            for number in range(count)
        ),
        batch_size=1000,
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        (WebhookDelivery(endpoint=endpoint, message=message) for message in messages), batch_size=1000
    )
    with transaction.atomic():
        for delivery in deliveries:
            tasks.webhook_delivery_send.enqueue(delivery_id=delivery.pk)


def _data(number: int) -> dict[str, object]:
    """A payload the size of a real task.status_changed (about 1 KB)."""
    base = "https://accord.example.com"
    return {
        "workspace": {"id": 1},
        "project": {
            "id": 7,
            "name": "Acme integration",
            "status": "active",
            "customer": {"id": 3, "name": "Acme"},
        },
        "actor": {"id": 12, "name": "Ada Lovelace"},
        "activity": {"id": number, "verb": "task.approved"},
        "task": {
            "id": 1000 + number,
            "key": f"task-{number}",
            "name": "Connect the invoicing API",
            "phase": {"key": "build", "name": "Build and test"},
            "milestone": False,
            "status": "done",
            "planned_start": "2026-03-02",
            "planned_finish": "2026-03-13",
            "actual_start": "2026-03-03",
            "actual_finish": "2026-03-12",
        },
        "status": {"from": "awaiting_approval", "to": "done"},
        "action": "approved",
        "reason": "",
        "links": {
            "project": f"{base}/projects/7/",
            "board": f"{base}/projects/7/board/",
            "task": f"{base}/projects/7/tasks/{1000 + number}/",
        },
    }


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
