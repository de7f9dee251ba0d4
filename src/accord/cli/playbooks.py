"""`accord playbooks`, `accord show`, `accord lint`, `accord import`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from accord.cli.app import reported_errors, stdout
from accord.playbooks import builtin_playbooks


def playbooks_command(
    keys: Annotated[bool, typer.Option("--keys", help="Print only the keys, one a line.")] = False,
) -> None:
    """List the built-in playbooks."""
    with reported_errors():
        playbooks = builtin_playbooks()
    if keys:
        for playbook in playbooks:
            typer.echo(playbook.key)
        return
    table = Table(title="Built-in playbooks")
    for column in ("key", "name", "version", "roles", "tasks", "source"):
        table.add_column(column, justify="right" if column in {"roles", "tasks"} else "left")
    for playbook in playbooks:
        source = playbook.source
        table.add_row(
            playbook.key,
            playbook.name,
            playbook.version,
            str(len(playbook.roles)),
            str(len(playbook.tasks)),
            f"{source.vendor} · {source.file}" if source else "",
        )
    stdout.print(table)


def register(app: typer.Typer) -> None:
    app.command("playbooks")(playbooks_command)
