"""`accord playbooks`, `accord show`, `accord lint`, `accord import`."""

from __future__ import annotations

import json
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement
from rich.padding import Padding
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn
from rich.table import Table
from rich.text import Text

from accord.cli.app import EXIT_BAD_INPUT, plural, reported_errors, stderr, stdout
from accord.domain.errors import AccordError, InvalidInput, Problem
from accord.domain.lint import Finding
from accord.domain.playbook import Playbook, Side
from accord.domain.raci import Raci
from accord.playbooks import builtin_playbooks, resolve_playbook

if TYPE_CHECKING:
    from accord.formats.matrix import Detection

PlaybookArgument = Annotated[
    str,
    typer.Argument(metavar="KEY|FILE", help="A built-in playbook key, or the path of a playbook YAML file."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of the terminal.", dir_okay=False),
]


class ShowFormat(StrEnum):
    TABLE = "table"
    MD = "md"
    CSV = "csv"
    HTML = "html"
    XLSX = "xlsx"
    JSON = "json"


class LintFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def write_output(content: str | bytes, output: Path | None) -> None:
    """Write to ``output`` atomically (a temporary file renamed into place), or to the terminal."""
    if output is None:
        if isinstance(content, bytes):
            raise AccordError("this format is binary", hint="give a file with -o, e.g. -o matrix.xlsx")
        typer.echo(content, nl=not content.endswith("\n"))
        return
    data = content.encode("utf-8") if isinstance(content, str) else content
    partial = output.with_name(f".{output.name}.partial")
    try:
        partial.write_bytes(data)
        partial.replace(output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise AccordError(
            f"cannot write {output}: {error.strerror}", hint="check the folder exists and is writable"
        ) from None
    stderr.print(f"wrote {output}", style="dim")


def playbooks_command(
    keys: Annotated[bool, typer.Option("--keys", help="Print only the keys, one a line.")] = False,
) -> None:
    """List the built-in playbooks: key, name, version, roles, tasks, source."""
    with reported_errors():
        playbooks = builtin_playbooks()
    if keys:
        for playbook in playbooks:
            typer.echo(playbook.key)
        return
    table = Table(title="Built-in playbooks", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("key · name", overflow="fold", min_width=24)
    table.add_column("version", min_width=7)
    table.add_column("roles", justify="right", min_width=5)
    table.add_column("tasks", justify="right", min_width=5)
    table.add_column("source", no_wrap=True, min_width=24)
    for playbook in playbooks:
        source = playbook.source
        table.add_row(
            f"[bold]{escape(playbook.key)}[/]\n[dim]{escape(playbook.name)}[/]",
            playbook.version,
            str(len(playbook.roles)),
            str(len(playbook.tasks)),
            f"{escape(source.file)}\n[dim]{escape(source.vendor)}[/]" if source else "",
        )
    stdout.print(table)


def render_playbook(playbook: Playbook, output_format: ShowFormat) -> str | bytes:
    from accord.formats import matrix
    from accord.formats.playbook_json import playbook_to_json

    if output_format is ShowFormat.JSON:
        return playbook_to_json(playbook)
    if output_format is ShowFormat.CSV:
        return matrix.matrix_to_csv(playbook)
    if output_format is ShowFormat.HTML:
        return matrix.matrix_to_html(playbook)
    if output_format is ShowFormat.XLSX:
        return matrix.matrix_to_xlsx(playbook)
    return matrix.matrix_to_markdown(playbook)


#: The format an output file's extension names.
SHOW_SUFFIXES = {
    ".md": ShowFormat.MD,
    ".markdown": ShowFormat.MD,
    ".csv": ShowFormat.CSV,
    ".html": ShowFormat.HTML,
    ".htm": ShowFormat.HTML,
    ".xlsx": ShowFormat.XLSX,
    ".json": ShowFormat.JSON,
}
_LETTER_STYLE = {"R": "bold red", "A": "bold yellow", "C": "bold blue", "I": "green", "N/A": "dim"}


def show_format(requested: ShowFormat | None, output: Path | None) -> ShowFormat:
    """The requested format, else the one the output file's extension names, else a table."""
    if requested is not None:
        return requested
    if output is None:
        return ShowFormat.TABLE
    chosen = SHOW_SUFFIXES.get(output.suffix.lower())
    if chosen is None:
        raise AccordError(
            f"-o {output}: the extension {output.suffix or '(none)'} names no matrix format",
            hint="name the file .md, .csv, .html, .xlsx or .json, or give --format md|csv|html|xlsx|json",
            code="unknown-format",
        )
    return chosen


def matrix_table(playbook: Playbook) -> Table:
    """The matrix as a terminal table: a section per phase, a narrow column per role."""
    from accord.formats.matrix.layout import letter_of, matrix_roles

    roles = matrix_roles(playbook)
    table = Table(
        title=f"{escape(playbook.name)} [dim]· {escape(playbook.key)} {escape(playbook.version)}[/]",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Task", overflow="fold", min_width=24)
    for role in roles:
        # As wide as the longest word of the role's name: titles wrap between words, not inside.
        widest = max((len(word) for word in f"{role.name} {role.side.value}".split()), default=4)
        width = min(max(widest, 4), 16)
        table.add_column(
            f"{escape(role.name)}\n[dim]{role.side.value}[/]",
            justify="center",
            overflow="fold",
            min_width=width,
            max_width=width,
        )
    for phase in playbook.phases:
        table.add_section()
        table.add_row(Text(phase.name, style="bold"), *([""] * len(roles)))
        for task in phase.tasks:
            name = Text(task.name)
            if task.variants:
                name.append(" · " + ", ".join(task.variants), style="dim")
            if task.milestone:
                name.append(" ◆", style="bold")
            cells = []
            for role in roles:
                value = task.cell(role.key)
                cells.append(
                    Text("")
                    if value.is_empty
                    else Text(value.canonical, style=_LETTER_STYLE[letter_of(value)])
                )
            table.add_row(name, *cells)
    table.caption = (
        "R responsible · A accountable · C consulted · I informed · N/A not applicable · ◆ milestone"
    )
    table.caption_justify = "left"
    return table


def show_command(
    playbook_ref: PlaybookArgument,
    variant: Annotated[
        str | None, typer.Option(help="Keep the tasks common to all variants plus this variant's own.")
    ] = None,
    output_format: Annotated[
        ShowFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (the terminal), md, csv, html, xlsx or json "
            "(default: from the -o file's extension, else a table).",
        ),
    ] = None,
    output: OutputOption = None,
) -> None:
    """Show a playbook's RACI matrix (without --variant: every task, with the variants it belongs to)."""
    with reported_errors():
        chosen = show_format(output_format, output)
        playbook = resolve_playbook(playbook_ref).for_variant(variant)
        if chosen is ShowFormat.TABLE:
            if output is not None:
                raise AccordError(
                    "the table is for the terminal",
                    hint="write a file with --format md, csv, html, xlsx or json",
                )
            table = matrix_table(playbook)
            # Columns never drop out of a narrow terminal: the lines wrap instead.
            needed = Measurement.get(stdout, stdout.options.update_width(10_000), table).minimum
            Console(width=max(stdout.width, needed)).print(table)
            return
        if chosen is ShowFormat.XLSX and output is None:
            raise AccordError("XLSX is a binary format", hint="give a file with -o, e.g. -o matrix.xlsx")
        write_output(render_playbook(playbook, chosen), output)


def lint_command(
    playbook_refs: Annotated[
        list[str],
        typer.Argument(metavar="KEY|FILE...", help="Built-in playbook keys or playbook YAML files."),
    ],
    output_format: Annotated[
        LintFormat, typer.Option("--format", "-f", help="Output format.")
    ] = LintFormat.TEXT,
) -> None:
    """Check RACI rules; exit status 1 when an error is found, 0 otherwise."""
    from accord.domain.lint import Severity, lint

    findings: list[Finding] = []
    with reported_errors():
        playbooks = [resolve_playbook(reference) for reference in playbook_refs]
    with Progress(
        TextColumn("linting {task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        console=stderr,
        transient=True,
        disable=len(playbooks) < 3,
    ) as progress:
        bar = progress.add_task("playbooks", total=len(playbooks))
        for playbook in playbooks:
            progress.update(bar, description=playbook.key)
            findings.extend(lint(playbook))
            progress.advance(bar)
    if output_format is LintFormat.JSON:
        typer.echo(json.dumps([finding.as_dict() for finding in findings], ensure_ascii=False, indent=2))
    else:
        _print_findings(playbooks, findings)
    if any(finding.severity is Severity.ERROR for finding in findings):
        raise typer.Exit(1)


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _print_findings(playbooks: list[Playbook], findings: list[Finding]) -> None:
    """One block per finding (severity, code, where; the message; the hint): readable at any width."""
    for playbook in playbooks:
        own = [finding for finding in findings if finding.playbook == playbook.key]
        if not own:
            stdout.print(f"[green]✓[/] {escape(playbook.key)}: no findings")
            continue
        counts = Counter(str(finding.severity) for finding in own)
        summary = ", ".join(
            plural(counts[level], level, "info" if level == "info" else None)
            for level in ("error", "warning", "info")
            if counts[level]
        )
        stdout.print(f"[bold]{escape(playbook.key)} {escape(playbook.version)}[/]: {summary}")
        for finding in own:
            severity = str(finding.severity)
            where = " › ".join(part for part in (finding.phase, finding.task) if part) or "playbook"
            stdout.print(
                f"  [{_SEVERITY_STYLE.get(severity, '')}]{severity}[/] {finding.code} [dim]{escape(where)}[/]"
            )
            stdout.print(Padding(Text(finding.message), (0, 0, 0, 4)), highlight=False)
            if finding.hint:
                stdout.print(Padding(Text.assemble(("hint: ", "dim"), finding.hint), (0, 0, 0, 4)))
        stdout.print()


class ExplainFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def _letter_options(values: list[str]) -> dict[str, Raci | None]:
    from accord.formats.matrix.vocabulary import LetterOptionError, parse_letter_option

    letters: dict[str, Raci | None] = {}
    problems = []
    for value in values:
        try:
            letter, meaning = parse_letter_option(value)
        except LetterOptionError as error:
            problems.append(
                Problem(
                    code="option-letter",
                    message=f"--letter {error}",
                    hint="write --letter S=C: one letter, then what it means "
                    "(R, A, C, I, R/A, N/A, or - to ignore it)",
                    where="--letter",
                )
            )
            continue
        letters[letter] = meaning
    if problems:
        raise InvalidInput(problems)
    return letters


def _side_options(values: list[str]) -> dict[str, Side]:
    sides: dict[str, Side] = {}
    problems = []
    for value in values:
        role, separator, side = value.rpartition("=")
        try:
            if not separator or not role.strip():
                raise ValueError(value)
            sides[role.strip()] = Side(side.strip().lower())
        except ValueError:
            problems.append(
                Problem(
                    code="option-side",
                    message=f"--side {value!r} is not ROLE=SIDE",
                    hint='write --side "Customer IT=customer"; the side is vendor, customer or partner',
                    where="--side",
                )
            )
    if problems:
        raise InvalidInput(problems)
    return sides


def import_command(  # noqa: PLR0913 typer: one parameter per command-line option
    source: Annotated[Path, typer.Argument(metavar="FILE", help="A RACI matrix: .csv, .xlsx or .md.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The playbook YAML file to write.", dir_okay=False),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option(help="The sheet (or Markdown table, e.g. 'table 2') holding the matrix.")
    ] = None,
    letter: Annotated[
        list[str] | None,
        typer.Option(
            "--letter",
            metavar="X=Y",
            help="What a letter the file does not explain means, e.g. --letter S=C (or S=- to ignore it).",
        ),
    ] = None,
    side: Annotated[
        list[str] | None,
        typer.Option(
            "--side",
            metavar="ROLE=SIDE",
            help='The side of a role whose side the file does not give, e.g. --side "Customer IT=customer".',
        ),
    ] = None,
    key: Annotated[str | None, typer.Option(help="Key of the new playbook (default: from the file).")] = None,
    name: Annotated[
        str | None, typer.Option(help="Name of the new playbook (default: from the file).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Print how the file was read: the table, columns, letters, what was left out."
        ),
    ] = False,
    output_format: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="Format of --explain.")
    ] = ExplainFormat.TEXT,
) -> None:
    """Import a RACI matrix in any usual layout into a playbook file; nothing is written on bad input."""
    from accord.formats.matrix import DetectionOptions, detect_matrix_file
    from accord.formats.playbook_yaml import dump_playbook

    with reported_errors():
        if output is None and not explain:
            raise AccordError("no output file", hint="give the playbook file with -o, e.g. -o playbook.yaml")
        if output is not None and output.suffix.lower() not in {".yaml", ".yml"}:
            raise InvalidInput(
                [
                    Problem(
                        code="output-suffix",
                        message=f"{output} is not a .yaml file",
                        hint="write the playbook to a .yaml file",
                        where=str(output),
                    )
                ]
            )
        if output is not None and output.exists() and not force:
            raise InvalidInput(
                [
                    Problem(
                        code="output-exists",
                        message=f"{output} already exists",
                        hint="give --force to overwrite it, or choose another file",
                        where=str(output),
                    )
                ]
            )
        options = DetectionOptions(
            sheet=sheet,
            letters=_letter_options(letter or []),
            sides=_side_options(side or []),
            key=key,
            name=name,
        )
        detection = detect_matrix_file(source, options=options)
        if explain:
            _print_explanation(detection, output_format)
        playbook = detection.playbook_or_raise()
        if output is not None:
            write_output(dump_playbook(playbook), output)
    if output is not None:
        tasks, roles = plural(len(playbook.tasks), "task"), plural(len(playbook.roles), "role")
        summary = f"imported {tasks} and {roles} from {source}"
        (stderr if explain and output_format is ExplainFormat.JSON else stdout).print(
            summary, highlight=False
        )


def _print_explanation(detection: Detection, output_format: ExplainFormat) -> None:
    explanation = detection.explanation
    if output_format is ExplainFormat.JSON:
        data = explanation.as_dict()
        data["problems"] = [
            {
                "code": problem.code,
                "message": problem.message,
                "hint": problem.hint,
                "where": problem.location(),
            }
            for problem in detection.problems
        ]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for line in explanation.text_lines():
        stdout.print(Text(line), highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("playbooks")(playbooks_command)
    app.command("show")(show_command)
    app.command("lint")(lint_command)
    app.command("import")(import_command)


__all__ = ["EXIT_BAD_INPUT", "register"]
