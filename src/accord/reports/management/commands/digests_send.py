"""`manage.py digests_send`: send the weekly digests that are due now (idempotent; run hourly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from accord.reports.digest import digests_send


class Command(BaseCommand):
    help = (
        "Send the weekly status digests due now (each project's first business day of the week, in "
        "each recipient's time zone). Idempotent: run it every hour (cron, or the worker's host)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        made = digests_send()
        self.stdout.write(f"{made} digest(s) made; the e-mails go out through the tasks worker")
