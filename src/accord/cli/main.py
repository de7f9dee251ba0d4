"""The `accord` command: playbooks, RACI lint, matrix import/export, plans.

Each command module defines ``register(app)``; this module wires them onto the one app.
"""

from __future__ import annotations

import sys

from accord.cli import plan, playbooks, serve
from accord.cli.app import app, stderr

for register in (playbooks.register, plan.register, serve.register):
    register(app)

__all__ = ["app", "run"]


def run() -> None:
    """Entry point of the `accord` console script."""
    try:
        app()
    except KeyboardInterrupt:
        stderr.print("interrupted")
        sys.exit(130)
