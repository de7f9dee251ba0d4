"""The plan as a rich table for the terminal, with the go-live summary as its caption."""

from __future__ import annotations

from rich.table import Table

from accord.domain.planning.model import Plan
from accord.formats.plan.common import date_range_text, go_live_summary

CRITICAL_MARKER = "●"
MILESTONE_MARKER = "◆"


def plan_to_table(plan: Plan) -> Table:
    """One row per task (key, name, phase, dates, slack, critical and milestone markers).

    The caption is the go-live summary line; ``●`` marks the critical path and ``◆`` a milestone.
    """
    title = f"{plan.playbook_name} — plan from {plan.start.isoformat()}"
    if plan.variant:
        title += f" (variant {plan.variant})"
    table = Table(title=title, caption=go_live_summary(plan), caption_justify="left")
    table.add_column("key", no_wrap=True)
    table.add_column("task", overflow="fold")
    table.add_column("phase")
    table.add_column("start", no_wrap=True)
    table.add_column("finish", no_wrap=True)
    table.add_column("earliest–latest", no_wrap=True)
    table.add_column("slack", justify="right")
    table.add_column("critical", justify="center")
    table.add_column("milestone", justify="center")
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
