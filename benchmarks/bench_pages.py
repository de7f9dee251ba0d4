"""Page latency on a large workspace: the portfolio, a RACI board and My work.

A workspace of 500 projects x 50 tasks (25,000 tasks, 126,000 RACI cells) and 2,000 people is
written in bulk into a fresh database: PostgreSQL when DATABASE_URL points to one (a database of
its own, dropped afterwards; run ``scripts/with-postgres python -m benchmarks pages``), else a
temporary SQLite file (the row says which). The real server then runs on the loopback
(``accord serve``: gunicorn, 2 workers, production settings over plain HTTP), and each page is
requested sequentially, after a warm-up, by a logged-in vendor admin and a customer contact.

The baseline is the same person asking a bare Django view for the same rows with one raw SQL
query (``benchmarks/pages/views.py``): same server, same middleware, no ORM, no template.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from benchmarks.timing import row

REPO = Path(__file__).resolve().parent.parent
PROJECTS, TASKS_PER_PROJECT, USERS = 500, 50, 2_000
WARMUP = 5
REQUESTS = 50
#: Each page (and each baseline) stops early once this much time is spent on it.
PAGE_BUDGET_SECONDS = 60.0
START_TIMEOUT_SECONDS = 120
POPULATE_TIMEOUT_SECONDS = 600
REQUEST_TIMEOUT_SECONDS = 30
PAGES = ("portfolio", "board", "my work")
PEOPLE = (("admin", "vendor admin"), ("contact", "customer contact"))


class Client:
    """A logged-in visitor: cookies kept between requests, one connection per request."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> tuple[int, str, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT_SECONDS)
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.getheader("Location") or "", content
        finally:
            connection.close()

    def log_in(self, login_path: str, email: str, password: str) -> None:
        status, _, page = self.request("GET", login_path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise RuntimeError(f"the login page answered {status} without a form")
        fields = {"csrfmiddlewaretoken": token.group(1).decode(), "username": email, "password": password}
        status, location, _ = self.request("POST", login_path, fields)
        if status != 302 or login_path in location:
            raise RuntimeError(f"logging in as {email} failed ({status} → {location or 'no redirect'})")

    def timed_get(self, path: str) -> float:
        started = time.perf_counter()
        status, location, _ = self.request("GET", path)
        elapsed = time.perf_counter() - started
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status} {location}".strip())
        return elapsed


def _latencies(client: Client, path: str) -> list[float]:
    for _ in range(WARMUP):
        client.timed_get(path)
    samples: list[float] = []
    deadline = time.monotonic() + PAGE_BUDGET_SECONDS
    while len(samples) < REQUESTS and time.monotonic() < deadline:
        samples.append(client.timed_get(path))
    return samples


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1] if len(samples) > 1 else samples[0]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _database(folder: Path) -> Iterator[tuple[str, str]]:
    """(DATABASE_URL, label) of an empty database: a PostgreSQL database of its own when
    DATABASE_URL points to a PostgreSQL server, else an SQLite file in ``folder``."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{folder / 'bench.sqlite3'}", "SQLite (DATABASE_URL not set to PostgreSQL)"
        return
    import psycopg

    name = f"accord_bench_{os.getpid()}"
    parts = urllib.parse.urlsplit(url)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), "PostgreSQL"
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment(folder: Path, database_url: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "benchmarks.pages.settings",
        "DATABASE_URL": database_url,
        "ACCORD_DATA_DIR": str(folder),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    return environment


@contextmanager
def _server(folder: Path, environment: dict[str, str], port: int) -> Iterator[None]:
    accord = Path(sys.executable).with_name("accord")
    log_path = folder / "serve.log"
    with log_path.open("a") as log:
        server = subprocess.Popen(
            [
                str(accord),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "2",
                "--no-task-worker",
            ],
            cwd=REPO,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"accord serve stopped:\n{log_path.read_text()[-3000:]}")
            try:
                Client(port).request("GET", "/healthz")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no answer within {START_TIMEOUT_SECONDS}s") from None
                time.sleep(0.5)
        yield
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run() -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="accord-bench-pages-") as name:
        folder = Path(name)
        with _database(folder) as (database_url, database):
            environment = _environment(folder, database_url)
            populated = subprocess.run(
                [sys.executable, "-m", "benchmarks.pages.populate", "--projects", str(PROJECTS),
                 "--tasks", str(TASKS_PER_PROJECT), "--users", str(USERS)],
                cwd=REPO, env=environment, capture_output=True, text=True, check=False,
                timeout=POPULATE_TIMEOUT_SECONDS,
            )  # fmt: skip
            if populated.returncode != 0:
                raise RuntimeError(f"populating the benchmark database failed:\n{populated.stderr[-3000:]}")
            setup = json.loads(populated.stdout)
            counts = setup["counts"]
            size = (
                f"{counts['projects']:,} projects, {counts['tasks']:,} tasks, "
                f"{counts['users']:,} users; {database}"
            )
            port = _free_port()
            with _server(folder, environment, port):
                for key, person in PEOPLE:
                    client = Client(port)
                    client.log_in(setup["paths"]["login"], setup[key], setup["password"])
                    for page in PAGES:
                        page_samples = _latencies(client, setup["paths"][page])
                        baseline_samples = _latencies(client, setup["baselines"][page])
                        rows.append(
                            row(
                                f"page: {page} ({person})",
                                size,
                                statistics.median(page_samples),
                                statistics.median(baseline_samples),
                                baseline="one raw SQL query",
                                p95_s=_p95(page_samples),
                                baseline_p95_s=_p95(baseline_samples),
                                requests=len(page_samples),
                                database=database,
                                path=setup["paths"][page],
                            )
                        )
    return rows


if __name__ == "__main__":
    for line in run():
        print(json.dumps(line))
