"""`make run`'s own commands (from `make -n run`), on a temporary data folder and a free port:
migrate, the demo data, then the server; the demo vendor admin logs in and sees the portfolio."""

import http.cookiejar
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

from accord.demo import cast
from tests.html import page

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 90
STEP_TIMEOUT_SECONDS = 180


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_run_commands(data_dir, port, environment):
    """The shell lines `make run` would execute, the set-up of the virtualenv left out."""
    listing = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-n",
            "-o",
            "install",
            "run",
            f"RUN_DIR={data_dir}",
            f"RUN_PORT={port}",
        ],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return [line for line in listing.stdout.splitlines() if line.strip()]


class Browser:
    """Just enough of a browser: cookies, forms with their CSRF token, bounded waits."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path):
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.status, response.geturl(), response.read().decode()

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(self.base + path, data=data, timeout=10) as response:
            return response.status, response.geturl(), response.read().decode()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_sets_up_the_demo_and_serves_it(tmp_path):
    port = free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}
    }
    commands = make_run_commands(tmp_path, port, environment)
    assert "accord serve --host 127.0.0.1 --port" in commands[-1]
    assert any("accord demo" in line for line in commands)
    for line in commands[:-1]:
        step = subprocess.run(
            ["bash", "-c", line],
            cwd=REPO,
            env=environment,
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT_SECONDS,
        )
        assert step.returncode == 0, f"{line}\n{step.stdout}\n{step.stderr}"
    assert len((tmp_path / "secret_key").read_text().strip()) >= 50
    assert (tmp_path / "accord.sqlite3").exists()

    log_path = tmp_path / "serve.log"
    with log_path.open("a") as log:
        server = subprocess.Popen(
            ["bash", "-c", commands[-1]],
            cwd=REPO,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole below
        )
    browser = Browser(port)
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        login_page = None
        while login_page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                login_page = browser.get("/login/")
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        assert login_page is not None, f"no answer within {START_TIMEOUT_SECONDS}s:\n{log_path.read_text()}"
        token = page(login_page[2]).first("input[name=csrfmiddlewaretoken]").get("value")

        status, landed_on, _ = browser.post(
            "/login/",
            {"csrfmiddlewaretoken": token, "username": cast.ADMIN.email, "password": cast.DEMO_PASSWORD},
        )
        assert status == 200
        assert "/login/" not in landed_on, "the demo admin's login was refused"

        status, _, portfolio = browser.get(reverse("projects:portfolio"))
        assert status == 200
        for spec in cast.PROJECTS:
            assert spec.name.split(" — ")[1] in portfolio
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
