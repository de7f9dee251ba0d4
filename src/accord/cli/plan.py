"""`accord plan`: placeholder until the planning outputs land."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the `plan` command to ``app`` (written by the planning capability)."""
