"""The plan as a rich table for the terminal, with the go-live summary as its caption."""

from __future__ import annotations

from rich import box
from rich.table import Table

from accord.domain.planning.model import Plan
from accord.formats.plan.common import date_range_text, go_live_summary

CRITICAL_MARKER = "●"
MILESTONE_MARKER = "◆"


def plan_to_table(plan: Plan) -> Table:
    """One row per task (key, name, phase, dates, slack, critical and milestone markers).

    The caption is the go-live summary line and a key to the marks: ``●`` marks the critical
    path and ``◆`` a milestone (the two last columns).
    """
    title = f"{plan.playbook_name} — plan from {plan.start.isoformat()}"
    if plan.variant:
        title += f" (variant {plan.variant})"
    caption = f"{go_live_summary(plan)}\n{CRITICAL_MARKER} critical path   {MILESTONE_MARKER} milestone"
    # No vertical rules: their width goes to the names in a narrow terminal.
    table = Table(title=title, caption=caption, caption_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    # Dates never wrap; names and keys fold, so the table still reads in an 80-column terminal.
    table.add_column("key", overflow="fold", max_width=32, min_width=6)
    table.add_column("task", overflow="fold", ratio=1, min_width=10)
    table.add_column("phase", overflow="fold", max_width=20, min_width=6)
    table.add_column("start", no_wrap=True, min_width=10)
    table.add_column("finish", no_wrap=True, min_width=10)
    table.add_column("earliest–latest", no_wrap=True)
    table.add_column("slack", justify="right")
    table.add_column(CRITICAL_MARKER, justify="center", no_wrap=True)
    table.add_column(MILESTONE_MARKER, justify="center", no_wrap=True)
    for task in plan.tasks:
        table.add_row(
            task.key,
            task.name,
            task.phase_name,
            task.start.isoformat(),
            task.finish.isoformat(),
            date_range_text(task.finish_earliest, task.finish_latest),
            str(task.slack_days),
            CRITICAL_MARKER if task.critical else "",
            MILESTONE_MARKER if task.milestone else "",
            style="bold red" if task.critical else None,
        )
    return table
