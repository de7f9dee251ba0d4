"""Delivering 10,000 webhook events to a local receiver, none lost.

A fresh SQLite file (WAL) holds one endpoint, 10,000 messages and their deliveries, each
delivery's task queued. Two real ``db_worker`` processes (``--batch``) then claim, sign
(Standard Webhooks), send and record every delivery to a receiver on 127.0.0.1 (Python's
threading HTTP server); the time runs from the workers' start to their exit, and the run counts
only if the receiver got every message id exactly once and every delivery is marked delivered.

The baseline is the same 10,000 POSTs with the same bodies sent by a plain loop with urllib3
(one kept-alive connection, no database, no signing, no worker) to the same receiver.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import urllib3

from benchmarks.timing import row

REPO = Path(__file__).resolve().parent.parent
EVENTS = 10_000
WORKERS = 2
TIMEOUT_SECONDS = 1800


class _Receiver:
    def __init__(self) -> None:
        self.ids: list[str] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.lock:
                    receiver.ids.append(self.headers.get("webhook-id", ""))
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"


def _environment(database: Path) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    return environment | {
        "DJANGO_SETTINGS_MODULE": "benchmarks.webhooks.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": str(REPO),
        "ACCORD_DATA_DIR": str(database.parent),
    }


def _django(environment: dict[str, str], *arguments: str) -> list[str]:
    return [sys.executable, "-m", "django", *arguments]


def _one_run(events: int, receiver: _Receiver) -> float:
    with tempfile.TemporaryDirectory(prefix="accord-bench-webhooks-") as folder:
        database = Path(folder) / "bench.sqlite3"
        environment = _environment(database)
        subprocess.run(
            _django(environment, "migrate", "--no-input", "--verbosity", "0"),
            env=environment,
            cwd=REPO,
            check=True,
        )
        subprocess.run(
            [sys.executable, "-m", "benchmarks.webhooks.populate", receiver.url, str(events)],
            env=environment,
            cwd=REPO,
            check=True,
        )
        with receiver.lock:
            receiver.ids.clear()
        command = _django(
            environment, "db_worker", "--batch", "--no-reload", "--interval", "0.05", "--no-startup-delay"
        )
        started = time.perf_counter()
        workers = [
            subprocess.Popen(command, env=environment, cwd=REPO, stdout=subprocess.DEVNULL)
            for _ in range(WORKERS)
        ]
        for worker in workers:
            worker.wait(timeout=TIMEOUT_SECONDS)
        elapsed = time.perf_counter() - started
        with sqlite3.connect(database) as connection:
            statuses = dict(
                connection.execute("SELECT status, COUNT(*) FROM webhooks_webhookdelivery GROUP BY 1")
            )
            expected = {
                row[0] for row in connection.execute("SELECT message_id FROM webhooks_webhookmessage")
            }
        counts = Counter(receiver.ids)
        if statuses != {"succeeded": events} or set(counts) != expected or set(counts.values()) != {1}:
            raise RuntimeError(f"deliveries lost or repeated: {statuses}, {len(counts)} ids received")
        return elapsed


def _baseline(events: int, receiver: _Receiver) -> float:
    from benchmarks.webhooks.populate import _data

    bodies = [repr(_data(number)).encode() for number in range(events)]
    pool = urllib3.PoolManager(retries=False)
    started = time.perf_counter()
    for number, body in enumerate(bodies):
        response = pool.request(
            "POST",
            receiver.url,
            body=body,
            headers={"Content-Type": "application/json", "webhook-id": f"b{number}"},
        )
        if response.status != 204:
            raise RuntimeError(f"the receiver answered {response.status}")
    return time.perf_counter() - started


def run(events: int = EVENTS, repeat: int = 3) -> list[dict[str, Any]]:
    receiver = _Receiver()
    try:
        baseline = statistics.median(_baseline(events, receiver) for _ in range(repeat))
        median = statistics.median(_one_run(events, receiver) for _ in range(repeat))
    finally:
        receiver.server.shutdown()
    return [
        row(
            "webhooks: deliver every event to a local receiver (2 db_worker, SQLite)",
            f"{events:,} events",
            median,
            baseline,
            baseline="plain urllib3 POST loop",
        )
    ]
