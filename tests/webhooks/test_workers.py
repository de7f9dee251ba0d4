"""Real `db_worker` processes against the test database: a worker killed mid-delivery loses
nothing, and two workers deliver each message once.

On SQLite the test database lives in memory, so the data is copied into a file the workers use
(``VACUUM INTO``); on PostgreSQL (``make test``) they use the test database itself.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from accord.webhooks import services, tasks
from accord.webhooks.models import EventType, WebhookDelivery, WebhookMessage
from accord.workspaces.models import MembershipKind
from tests.webhooks.conftest import make_endpoint
from tests.webhooks.receiver import Planned
from tests.workspaces.factories import MembershipFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class WorkerDatabase:
    """The database the worker processes use, and SQL reads of it after they ran."""

    def __init__(self, tmp_path: Path) -> None:
        self.file: Path | None = None
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            self.file = tmp_path / "workers.sqlite3"
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(self.file)])
            self.url = f"sqlite:///{self.file}"
        else:
            self.url = (
                f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}:"
                f"{settings['PORT'] or 5432}/{settings['NAME']}"
            )

    def rows(self, sql: str, *params: object) -> list[tuple]:
        if self.file is not None:
            with sqlite3.connect(self.file) as database:
                return database.execute(sql.replace("%s", "?"), params).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def write(self, sql: str, *params: object) -> None:
        if self.file is not None:
            with sqlite3.connect(self.file) as database:
                database.execute(sql.replace("%s", "?"), params)
            return
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    def command(self, *arguments: str) -> list[str]:
        return [sys.executable, "-m", "django", *arguments]

    def environment(self) -> dict[str, str]:
        return os.environ | {
            "DJANGO_SETTINGS_MODULE": "tests.webhooks.worker_settings",
            "DATABASE_URL": self.url,
            "PYTHONPATH": str(ROOT),
        }

    def worker(self) -> subprocess.Popen:
        return subprocess.Popen(
            self.command("db_worker", "--batch", "--no-reload", "--interval", "0.1", "--no-startup-delay"),
            cwd=ROOT,
            env=self.environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def run(self, *arguments: str) -> None:
        subprocess.run(
            self.command(*arguments),
            cwd=ROOT,
            env=self.environment(),
            check=True,
            capture_output=True,
            timeout=120,
        )


def _deliveries(endpoint, count):
    messages = WebhookMessage.objects.bulk_create(
        WebhookMessage(
            workspace_id=endpoint.workspace_id,
            message_id=services.new_message_id(),
            event_type=EventType.TASK_APPROVED,
            payload={"type": "task.approved", "data": {"n": number}},
        )
        for number in range(count)
    )
    return WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, message=message) for message in messages
    )


@pytest.fixture
def endpoint(private_targets, receiver, settings):
    settings.TASKS = DATABASE_QUEUE
    manager = MembershipFactory(kind=MembershipKind.VENDOR_MANAGER)
    return make_endpoint(manager.user, manager.workspace, receiver.url)


def _wait(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_two_workers_deliver_each_message_exactly_once(endpoint, receiver, tmp_path):
    deliveries = _deliveries(endpoint, 200)
    for delivery in deliveries:
        # Every delivery queued twice (as a sweep re-queueing it would): both workers race for it.
        tasks.webhook_delivery_send.enqueue(delivery_id=delivery.pk)
        tasks.webhook_delivery_send.enqueue(delivery_id=delivery.pk)
    database = WorkerDatabase(tmp_path)
    workers = [database.worker(), database.worker()]
    for worker in workers:
        worker.wait(timeout=180)
        assert worker.returncode == 0, worker.stderr.read().decode()[-2000:]
    counts = Counter(receiver.ids())
    expected = set(WebhookMessage.objects.values_list("message_id", flat=True))
    assert set(counts) == expected
    assert len(expected) == 200
    assert set(counts.values()) == {1}
    assert database.rows(
        "SELECT status, attempt_count, COUNT(*) FROM webhooks_webhookdelivery GROUP BY 1, 2"
    ) == [("succeeded", 1, 200)]


def test_a_worker_killed_mid_delivery_loses_nothing(endpoint, receiver, tmp_path):
    [delivery] = _deliveries(endpoint, 1)
    message_id = delivery.message.message_id
    receiver.plan(Planned(status=200, delay_s=20))  # holds the first request until the worker dies
    tasks.webhook_delivery_send.enqueue(delivery_id=delivery.pk)
    database = WorkerDatabase(tmp_path)
    doomed = database.worker()
    assert _wait(lambda: len(receiver.received) == 1), "the first worker never sent"
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=30)
    [(status, leased)] = database.rows(
        "SELECT status, lease_expires_at FROM webhooks_webhookdelivery WHERE id = %s", delivery.pk
    )
    assert status == "in_flight"
    assert leased is not None
    # Nobody else may take it while the lease holds...
    database.run("webhooks_sweep")
    assert database.rows("SELECT status FROM webhooks_webhookdelivery WHERE id = %s", delivery.pk) == [
        ("in_flight",)
    ]
    # ...and once it expired, the sweep queues it again and a worker delivers it.
    database.write(
        "UPDATE webhooks_webhookdelivery SET lease_expires_at = %s WHERE id = %s",
        "2000-01-01 00:00:00",
        delivery.pk,
    )
    database.run("webhooks_sweep")
    rescuer = database.worker()
    rescuer.wait(timeout=120)
    assert rescuer.returncode == 0, rescuer.stderr.read().decode()[-2000:]
    assert receiver.ids() == [message_id, message_id]  # the same webhook-id: receivers drop repeats
    assert database.rows(
        "SELECT status, attempt_count FROM webhooks_webhookdelivery WHERE id = %s", delivery.pk
    ) == [("succeeded", 2)]
    errors = [
        row[0]
        for row in database.rows(
            "SELECT error FROM webhooks_webhookattempt WHERE delivery_id = %s ORDER BY number", delivery.pk
        )
    ]
    assert errors[0].startswith("interrupted")
    assert errors[1] == ""
