"""`accord serve`: migrate, collect static files, then run the web server and the tasks worker together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Annotated

import typer

from accord.cli.app import stderr

DEFAULT_SETTINGS = "accord.config.settings.production"
#: How long each child gets to finish its current request or task once asked to stop.
STOP_GRACE_SECONDS = 20


def _django(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "django", *arguments]


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Web server worker processes.")] = 2,
    settings: Annotated[
        str | None,
        typer.Option(
            help=f"Django settings module [default: $DJANGO_SETTINGS_MODULE, else {DEFAULT_SETTINGS}]"
        ),
    ] = None,
    task_worker: Annotated[
        bool,
        typer.Option(
            "--task-worker/--no-task-worker", help="Also run the tasks worker (off: run it elsewhere)."
        ),
    ] = True,
) -> None:
    """Run Accord: migrate the database, collect static files, start gunicorn and the tasks worker.

    Ctrl-C (or SIGTERM) stops both; if either stops on its own, the other is stopped too.
    """
    environment = dict(os.environ)
    environment["DJANGO_SETTINGS_MODULE"] = (
        settings or environment.get("DJANGO_SETTINGS_MODULE") or DEFAULT_SETTINGS
    )
    for step in (["migrate", "--no-input"], ["collectstatic", "--no-input", "--verbosity", "0"]):
        if subprocess.run(_django(*step), env=environment, check=False).returncode != 0:  # noqa: S603
            stderr.print(f"[bold red]error:[/] `{' '.join(step[:1])}` failed; see the messages above.")
            raise typer.Exit(1)
    web = [
        sys.executable, "-m", "gunicorn", "accord.config.wsgi:application",
        "--bind", f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "--workers", str(workers),
        "--no-control-socket",
        "--access-logfile", "-",
        # Invitation and reset links carry their token in the path: keep them out of the log.
        "--logger-class", "accord.config.gunicorn_logging.RedactingLogger",
        "--graceful-timeout", str(STOP_GRACE_SECONDS - 2),
    ]  # fmt: skip
    processes = [subprocess.Popen(web, env=environment)]  # noqa: S603
    if task_worker:
        worker = _django("db_worker", "--queue-name", "*", "--no-reload")
        processes.append(subprocess.Popen(worker, env=environment))  # noqa: S603

    def on_signal(number: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    status = 0
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        stderr.print("[bold red]error:[/] a child process stopped; stopping the others.")
        status = 1
    except KeyboardInterrupt:
        stderr.print("stopping")
    finally:
        _stop(processes)
    raise typer.Exit(status)


def register(app: typer.Typer) -> None:
    """Add the `serve` command to ``app``."""
    app.command("serve")(serve_command)
