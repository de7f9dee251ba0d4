"""`accord plan`: plan a playbook on a country's working calendar and print or save the result.

Outputs: a table (text), JSON, an iCalendar file (ics), an SVG Gantt chart or a standalone HTML
page. Every bad input (a date, a country, a variant, a playbook, a dependency cycle) ends in one
line on stderr and exit status 2; a file given with -o is written whole or not at all.
"""

from __future__ import annotations

import io
import os
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from accord.cli.app import plural, reported_errors, stdout
from accord.domain.errors import AccordError

if TYPE_CHECKING:
    from accord.domain.planning.model import Plan

FORMATS = ("text", "json", "ics", "svg", "html")
#: The format an output file's extension names.
SUFFIXES = {
    "txt": "text",
    "text": "text",
    "json": "json",
    "ics": "ics",
    "svg": "svg",
    "html": "html",
    "htm": "html",
}
#: Width of the text table when it goes to a file rather than a terminal.
FILE_TABLE_WIDTH = 160
MIN_TERMINAL_TABLE_WIDTH = 140


def parse_day(value: str, option: str) -> date:
    """A YYYY-MM-DD date given to ``option``, or a typed error saying how to write one."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise AccordError(
            f"{option}: {value!r} is not a date",
            hint="write dates as YYYY-MM-DD, e.g. 2026-11-02",
            code="invalid-date",
        ) from None


def choose_format(requested: str | None, output: Path | None) -> str:
    """The requested format, else the one the output file's extension names, else text.

    An output file whose extension names no format is refused rather than written as text.
    """
    if requested is None:
        if output is None:
            return "text"
        suffix = output.suffix.lower().lstrip(".")
        chosen = SUFFIXES.get(suffix)
        if chosen is None:
            raise AccordError(
                f"-o {output}: the extension {output.suffix or '(none)'} names no plan format",
                hint="name the file .txt, .json, .ics, .svg or .html, or give --format " + "|".join(FORMATS),
                code="unknown-format",
            )
        return chosen
    chosen = requested.lower()
    if chosen not in FORMATS:
        raise AccordError(
            f"--format: unknown format {requested!r}",
            hint="use one of: " + ", ".join(FORMATS),
            code="unknown-format",
        )
    return chosen


def make_plan(
    key_or_path: str,
    *,
    start: date,
    country: str,
    subdivision: str | None,
    timezone: str | None,
    variant: str | None,
    samples: int,
    seed: int,
) -> Plan:
    """Resolve the playbook, build the working calendar and run the planner."""
    # Imported here so the command module loads (and `accord --help` works) on its own.
    from accord.domain.calendar import WorkingCalendar
    from accord.domain.planning import plan_playbook
    from accord.playbooks import resolve_playbook

    playbook = resolve_playbook(key_or_path)
    if variant is not None:
        playbook.variant(variant)  # an unknown variant is reported with the known ones
    calendar = WorkingCalendar.create(country, subdivision, timezone=timezone)
    return plan_playbook(
        playbook, start=start, calendar=calendar, variant=variant, samples=samples, seed=seed
    )


def render_text(plan: Plan, *, width: int = FILE_TABLE_WIDTH) -> str:
    """The table and go-live summary as plain text (no colour codes), for a file."""
    from accord.formats.plan.to_text import plan_to_table

    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None).print(plan_to_table(plan))
    return buffer.getvalue()


def render(plan: Plan, output_format: str, *, today: date, project_id: str | None) -> bytes:
    """The plan in ``output_format`` as the bytes of a file (each writer loaded only when used)."""
    if output_format == "ics":
        from accord.formats.plan.to_ics import plan_to_ics

        return plan_to_ics(plan, project_id=project_id)
    if output_format == "json":
        from accord.formats.plan.to_json import plan_to_json_text

        text = plan_to_json_text(plan)
    elif output_format == "svg":
        from accord.formats.plan.gantt_svg import plan_to_svg

        text = plan_to_svg(plan, today=today) + "\n"
    elif output_format == "html":
        from accord.formats.plan.to_html import plan_to_html

        text = plan_to_html(plan, today=today)
    else:
        text = render_text(plan)
    return text.encode("utf-8")


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise AccordError(
            f"cannot write {path}: {error.strerror or error}",
            hint="check that the folder exists and that you may write there",
            code="cannot-write",
        ) from None


def plan_command(  # noqa: PLR0913 typer: one parameter per command-line option
    playbook: Annotated[
        str, typer.Argument(metavar="KEY|FILE", help="A built-in playbook key or a playbook YAML file.")
    ],
    start: Annotated[str, typer.Option("--start", help="First day of the project, YYYY-MM-DD.")],
    country: Annotated[
        str, typer.Option("--country", help="Country whose public holidays count, e.g. US, FR, GB.")
    ],
    subdivision: Annotated[
        str | None, typer.Option("--subdivision", help="State or region, e.g. CA, NY, 75 (optional).")
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone", help="IANA time zone of meetings, e.g. America/Chicago (default: the country's)."
        ),
    ] = None,
    variant: Annotated[
        str | None, typer.Option("--variant", help="Plan one variant of the playbook.")
    ] = None,
    samples: Annotated[
        int, typer.Option("--samples", help="Monte Carlo samples of the go-live forecast.")
    ] = 10_000,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed: the same seed gives the same forecast.")
    ] = 0,
    today: Annotated[
        str | None,
        typer.Option("--today", help="Where the Gantt chart's today line goes, YYYY-MM-DD (default: today)."),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, ics, svg or html (default: from the -o file's extension, else text).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of the terminal.")
    ] = None,
    project_id: Annotated[
        str | None,
        typer.Option(
            "--project-id",
            help="Identifies the project in calendar event UIDs (ics; default: the playbook key).",
        ),
    ] = None,
) -> None:
    """Plan a playbook on a working calendar: dates, critical path and the go-live forecast."""
    with reported_errors():
        chosen = choose_format(output_format, output)
        start_day = parse_day(start, "--start")
        today_day = parse_day(today, "--today") if today is not None else None
        plan = make_plan(
            playbook,
            start=start_day,
            country=country,
            subdivision=subdivision,
            timezone=timezone,
            variant=variant,
            samples=samples,
            seed=seed,
        )
        from accord.domain.time_zones import today_in

        if today_day is None:
            # "Today" where the project lives, not where the command happens to run.
            today_day = today_in(plan.calendar.timezone, datetime.now(UTC))
        if output is None and chosen == "text":
            # Nine columns do not fit 80: a narrow terminal wraps long lines rather than lose columns.
            from accord.formats.plan.to_text import plan_to_table

            Console(width=max(stdout.width, MIN_TERMINAL_TABLE_WIDTH)).print(plan_to_table(plan))
            return
        content = render(plan, chosen, today=today_day, project_id=project_id)
        if output is None:
            typer.echo(content if chosen == "ics" else content.decode("utf-8"), nl=False)
            return
        write_atomically(output, content)
    stdout.print(
        f"Wrote {output} ({chosen}, {plural(len(plan.tasks), 'task')}, "
        f"go-live {plan.go_live.planned.isoformat()})"
    )


def register(app: typer.Typer) -> None:
    """Add the `plan` command to ``app``."""
    app.command("plan")(plan_command)
