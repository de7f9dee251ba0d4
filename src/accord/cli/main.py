"""The `accord` command: playbooks, RACI lint, matrix import/export, plans, serve.

Each command module defines ``register(app)``; this module wires them onto the one app.
"""

from __future__ import annotations

import os
import sys
import traceback

from accord.cli import demo, pii, plan, playbooks, serve, token
from accord.cli.app import app, stderr

for register in (
    playbooks.register,
    plan.register,
    serve.register,
    demo.register,
    token.register,
    pii.register,
):
    register(app)

__all__ = ["app", "run"]

#: Exit status for an unexpected failure (a bug), as sysexits' EX_SOFTWARE.
EXIT_INTERNAL_ERROR = 70


def run() -> None:
    """Entry point of the `accord` console script.

    Expected errors are reported by each command; anything else is a bug, reported in one line
    (the traceback only with ACCORD_DEBUG=1) so that no user meets a traceback.
    """
    try:
        app()
    except KeyboardInterrupt:
        stderr.print("interrupted")
        sys.exit(130)
    except Exception as error:
        if os.environ.get("ACCORD_DEBUG"):
            traceback.print_exc()
        stderr.print(
            f"internal error: {type(error).__name__}: {error} "
            "(hint: this is a bug in Accord; run again with ACCORD_DEBUG=1 and report the traceback)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(EXIT_INTERNAL_ERROR)
