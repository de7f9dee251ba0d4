"""`accord pii-check`: the personal data in a text file, before it goes to the vendor's support.

Exit status 1 when something is found, 0 when the text is clean, 2 when the file cannot be read
(one line on stderr with a hint, like every other command).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.table import Table

from accord.cli.app import plural, reported_errors, stdout
from accord.domain.errors import AccordError

if TYPE_CHECKING:
    from accord.domain.pii import Finding

#: Exit status when personal data is found (the text must not be sent as it is).
EXIT_FOUND = 1


def read_text(source: str) -> str:
    """The UTF-8 text of ``source``, a file path or ``-`` for standard input."""
    if source == "-":
        try:
            return sys.stdin.buffer.read().decode("utf-8")
        except UnicodeDecodeError:
            raise AccordError(
                "cannot read standard input: it is not UTF-8 text",
                hint="convert it first, e.g. iconv -t UTF-8",
                code="cannot-read",
            ) from None
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AccordError(
            f"cannot read {source}: it is not UTF-8 text",
            hint="give a text file (a ticket or an e-mail saved as text), or convert it with iconv -t UTF-8",
            code="cannot-read",
        ) from None
    except OSError as error:
        raise AccordError(
            f"cannot read {source}: {error.strerror or error}",
            hint="give the path of a text file, or - to read standard input",
            code="cannot-read",
        ) from None


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _print_table(text: str, findings: list[Finding]) -> None:
    if not findings:
        stdout.print("[green]✓[/] no personal data found")
        return
    table = Table(box=box.SIMPLE_HEAD, title=plural(len(findings), "finding"), title_justify="left")
    for heading in ("category", "line:col", "text", "why"):
        table.add_column(heading, overflow="fold", ratio=2 if heading == "text" else None)
    for finding in findings:
        line, column = _line_and_column(text, finding.start)
        table.add_row(finding.category.value, f"{line}:{column}", finding.text, finding.reason)
    stdout.print(table, markup=False, highlight=False)


def pii_check_command(
    source: Annotated[
        str,
        typer.Argument(metavar="FILE|-", help="A text file (a ticket, an e-mail), or - for standard input."),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print [{category, start, end, text}] as JSON.")
    ] = False,
    allow_domain: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-domain",
            help="A domain whose people's addresses may be sent (repeatable), e.g. vendor.com.",
        ),
    ] = None,
    allow_address: Annotated[
        list[str] | None,
        typer.Option("--allow-address", help="An address that may be sent (repeatable), e.g. the support's."),
    ] = None,
) -> None:
    """Find personal data (e-mails, phones, IDs, bank, cards, birth dates, pay, lists); exit 1 if any."""
    from accord.domain.pii import find_personal_data  # here, so other commands never load it

    with reported_errors():
        text = read_text(source)
    findings = find_personal_data(
        text, allowed_domains=allow_domain or (), allowed_addresses=allow_address or ()
    )
    if as_json:
        typer.echo(json.dumps([finding.as_dict() for finding in findings], ensure_ascii=False, indent=2))
    else:
        _print_table(text, findings)
    if findings:
        raise typer.Exit(EXIT_FOUND)


def register(app: typer.Typer) -> None:
    app.command("pii-check")(pii_check_command)


__all__ = ["EXIT_FOUND", "register"]
