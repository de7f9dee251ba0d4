"""`manage.py webhooks_sweep`: sweep now, and make sure the sweep's chain runs on the worker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from accord.webhooks.sweep import sweep_chain_ensure, webhooks_sweep


class Command(BaseCommand):
    help = (
        "Queue webhook deliveries left behind (expired leases, lost tasks, missed activity) "
        "and start the every-minute sweep on the tasks worker if it is not running."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = webhooks_sweep()
        started = sweep_chain_ensure()
        self.stdout.write(
            f"leases expired: {report.leases_expired}, overdue queued: {report.overdue_queued}, "
            f"activity entries read: {report.entries_read}; "
            f"sweep chain {'started' if started else 'already running (or no queue with a clock)'}"
        )
