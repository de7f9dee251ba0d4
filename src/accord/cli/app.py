"""What every `accord` command shares: the Typer app, consoles and error reporting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from accord.domain.errors import AccordError, InvalidInput

app = typer.Typer(
    name="accord",
    help="Accord: run integration and onboarding projects with your customers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stdout = Console()
stderr = Console(stderr=True)

#: Exit status for bad input (a file, an argument): nothing was written.
EXIT_BAD_INPUT = 2


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 task``, ``2 tasks``: a count with its noun (``many`` for an irregular plural)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def fail(error: AccordError) -> NoReturn:
    """Print an error (every problem of an InvalidInput on its own line) and exit with status 2."""
    if isinstance(error, InvalidInput) and len(error.problems) > 1:
        stderr.print(f"[bold red]error:[/] {escape(error.message)}", highlight=False, soft_wrap=True)
        for problem in error.problems:
            stderr.print(f"  - {problem}", highlight=False, markup=False, soft_wrap=True)
    else:
        stderr.print("[bold red]error:[/] ", end="", highlight=False)
        stderr.print(str(error), highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(EXIT_BAD_INPUT)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn the core's typed errors into one clear message and exit status 2, never a traceback."""
    try:
        yield
    except AccordError as error:
        fail(error)
