"""`accord serve` for real: a subprocess on a free loopback port, SQLite in a temporary folder."""

import http.client
import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.html import page

ACCORD = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "accord"
START_TIMEOUT_SECONDS = 90


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        # The proxy in front of a production server says the request came over HTTPS.
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        return response.status, response.getheader("Location"), response.read()
    finally:
        connection.close()


@pytest.mark.skipif(not ACCORD.exists(), reason="the accord console script is not installed")
def test_accord_serve_runs_the_site_and_the_worker_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment |= {
        "ACCORD_DATA_DIR": str(tmp_path),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "EMAIL_URL": "dummymail://",
    }
    log_path = tmp_path / "serve.log"
    log = log_path.open("a")  # append mode: the children's writes never overwrite each other
    server = subprocess.Popen(
        [str(ACCORD), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        home = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                home = get(port, "/")
                break
            except OSError:
                time.sleep(0.5)
        assert home is not None, f"no answer within {START_TIMEOUT_SECONDS}s:\n{log_path.read_text()}"
        status, location, _ = home
        assert (status, location) == (302, "/login/?next=/")
        status, _, body = get(port, "/login/")
        assert status == 200
        login = page(body)
        assert login.one("h1").text == "Log in"
        stylesheet = login.all("link[rel=stylesheet]")[0].get("href")
        assert get(port, stylesheet)[0] == 200  # collected, hashed and served by whitenoise
        assert (tmp_path / "accord.sqlite3").exists()
        # A link's token never reaches the access log.
        assert get(port, "/invitations/secret-token-42/")[0] == 404
        # The tasks worker runs beside the web server (it waits a random moment before starting).
        while "Starting worker" not in log_path.read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "Starting worker" in log_path.read_text()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    log.close()
    assert server.returncode == 0
    access_log = log_path.read_text()
    assert "GET /invitations/[redacted]/" in access_log
    assert "secret-token-42" not in access_log
    with pytest.raises(OSError):
        get(port, "/healthz")
