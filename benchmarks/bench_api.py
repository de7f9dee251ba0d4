"""Throughput and p95 of ``GET /api/v1/projects/{id}`` (a project of 50 tasks with their RACI,
every role staffed) against a minimal endpoint that returns the same JSON from one raw SQL query
(``benchmarks/api/views.py``), in the same run, on the same server.

The real server runs on the loopback (``accord serve``: gunicorn, 2 workers, production settings
over plain HTTP) on a fresh database (PostgreSQL when DATABASE_URL points to one, else SQLite).
``CLIENTS`` threads request each address for ``SECONDS`` (one connection per request), after a
warm-up. Target: the API's throughput at least half the baseline's (``ratio`` here is the
baseline's throughput over the API's, so ≤ 2).

Run: ``.venv/bin/python -m benchmarks api``.
"""

from __future__ import annotations

import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import bench_pages
from benchmarks.bench_pages import REPO, _database, _environment, _free_port, _p95, _server
from benchmarks.timing import row

TASKS = 50
CLIENTS = 4
SECONDS = 10.0
WARMUP = 20
TARGET_SHARE = 0.5  # the API's throughput over the baseline's, at least


def _get(port: int, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _load(port: int, path: str, headers: dict[str, str]) -> tuple[float, list[float]]:
    """Requests per second and the latencies of ``CLIENTS`` threads asking ``path`` for ``SECONDS``."""
    for _ in range(WARMUP):
        status, _body = _get(port, path, headers)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
    samples: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def work() -> None:
        own = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            status, _body = _get(port, path, headers)
            own.append(time.perf_counter() - started)
            if status != 200:
                raise RuntimeError(f"GET {path} answered {status}")
        with lock:
            samples.extend(own)

    started = time.monotonic()
    threads = [threading.Thread(target=work) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(samples) / (time.monotonic() - started), samples


def run() -> list[dict[str, Any]]:
    # `accord serve` migrates and collects static files first: slow on a busy machine.
    bench_pages.START_TIMEOUT_SECONDS = max(bench_pages.START_TIMEOUT_SECONDS, 600)
    with tempfile.TemporaryDirectory(prefix="accord-bench-api-") as name:
        folder = Path(name)
        with _database(folder) as (database_url, database):
            environment = _environment(folder, database_url) | {
                "DJANGO_SETTINGS_MODULE": "benchmarks.api.settings"
            }
            populated = subprocess.run(
                [sys.executable, "-m", "benchmarks.api.populate", "--tasks", str(TASKS)],
                cwd=REPO, env=environment, capture_output=True, text=True, check=False, timeout=600,
            )  # fmt: skip
            if populated.returncode != 0:
                raise RuntimeError(f"populating the benchmark database failed:\n{populated.stderr[-3000:]}")
            setup = json.loads(populated.stdout)
            port = _free_port()
            api_path = f"/api/v1/projects/{setup['project']}"
            raw_path = f"/bench/raw/api/projects/{setup['project']}"
            with _server(folder, environment, port):
                token = {"Authorization": f"Bearer {setup['token']}"}
                api_body = json.loads(_get(port, api_path, token)[1])
                raw_body = json.loads(_get(port, raw_path, {})[1])
                if set(api_body) != set(raw_body) or api_body["phases"] != raw_body["phases"]:
                    raise RuntimeError("the baseline does not answer the same document as the API")
                api_rate, api_samples = _load(port, api_path, token)
                raw_rate, raw_samples = _load(port, raw_path, {})
    share = api_rate / raw_rate
    return [
        row(
            "api: GET /api/v1/projects/{id}",
            f"{setup['tasks']} tasks with their RACI; {database}; 2 workers, {CLIENTS} clients",
            statistics.median(api_samples),
            statistics.median(raw_samples),
            baseline="same JSON, one raw SQL query",
            p95_s=_p95(api_samples),
            baseline_p95_s=_p95(raw_samples),
            throughput_rps=round(api_rate, 1),
            baseline_throughput_rps=round(raw_rate, 1),
            throughput_share=round(share, 3),
            target_share=TARGET_SHARE,
            met=share >= TARGET_SHARE,
            requests=len(api_samples),
            database=database,
        )
    ]


if __name__ == "__main__":
    for line in run():
        print(json.dumps(line))
