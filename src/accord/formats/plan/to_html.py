"""The plan as one standalone HTML page: go-live summary, the Gantt chart inline, the task table.

Everything is in the one file (styles inline, the SVG inline, no script, no font or image to
fetch), so it can be mailed, attached to a ticket or opened offline.
"""

from __future__ import annotations

from datetime import date
from html import escape

from accord.domain.planning.model import Plan, PlannedTask
from accord.formats.plan.common import date_range_text
from accord.formats.plan.gantt_svg import ENGLISH, GanttWords, plan_to_svg

PAGE_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem; color: #1f2933; }
h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
.facts { color: #52606d; margin-top: 0; }
.go-live { display: grid; grid-template-columns: max-content max-content; gap: 0.25rem 1rem; }
.go-live dt { font-weight: 600; }
.go-live dd { margin: 0; font-variant-numeric: tabular-nums; }
figure { margin: 1.5rem 0; overflow-x: auto; border: 1px solid #d9dee5; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #d9dee5; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
td.date, td.number { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.number { text-align: right; }
tr.critical td:first-child { border-left: 4px solid #c92a2a; }
"""


def _go_live_html(plan: Plan) -> str:
    go_live = plan.go_live
    rows = [
        ("Planned go-live", go_live.planned.isoformat()),
        ("Earliest – latest", date_range_text(go_live.earliest, go_live.latest)),
        ("P50 (as likely as not)", go_live.p50.isoformat()),
        ("P80", go_live.p80.isoformat()),
        ("P95", go_live.p95.isoformat()),
    ]
    items = "".join(f"<dt>{escape(term)}</dt><dd>{escape(value)}</dd>" for term, value in rows)
    return f'<dl class="go-live">{items}</dl>'


def _task_row(task: PlannedTask) -> str:
    cells = [
        ("", task.key),
        ("", task.name),
        ("", task.phase_name),
        ("date", task.start.isoformat()),
        ("date", task.finish.isoformat()),
        ("date", date_range_text(task.finish_earliest, task.finish_latest)),
        ("number", str(task.slack_days)),
        ("", "critical" if task.critical else ""),
        ("", "milestone" if task.milestone else ""),
    ]
    row_class = ' class="critical"' if task.critical else ""
    tds = "".join(
        f'<td class="{kind}">{escape(value)}</td>' if kind else f"<td>{escape(value)}</td>"
        for kind, value in cells
    )
    return f"<tr{row_class}>{tds}</tr>"


def _task_table(plan: Plan, words: GanttWords) -> str:
    headers = ["Key", "Task", "Phase", "Start", "Finish", "Finish earliest – latest", "Slack (days)"]
    headers += ["Critical path", "Milestone"]
    head = "".join(f'<th scope="col">{escape(header)}</th>' for header in headers)
    body = "".join(_task_row(task) for task in plan.tasks)
    caption = f"{words.phase_tasks(len(plan.tasks))}; slack in business days"
    return (
        f"<table><caption>{escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def plan_to_html(plan: Plan, *, today: date | None = None, words: GanttWords = ENGLISH) -> str:
    """The plan as a standalone HTML page (see the module's notes); every text is escaped.
    ``words``: the chart's words and the count of tasks in the reader's language (the caller
    knows it: this package has no Django)."""
    calendar = plan.calendar
    where = calendar.country + (f"-{calendar.subdivision}" if calendar.subdivision else "")
    facts = f"Starts {plan.start.isoformat()} · working calendar {where} · time zone {calendar.timezone}"
    if plan.variant:
        facts += f" · variant {plan.variant}"
    title = f"Plan: {plan.playbook_name}"
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{PAGE_STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            f"<h1>{escape(title)}</h1>",
            f'<p class="facts">{escape(facts)}</p>',
            '<section aria-labelledby="go-live-heading">',
            '<h2 id="go-live-heading">Go-live</h2>',
            _go_live_html(plan),
            "</section>",
            '<section aria-labelledby="gantt-heading">',
            '<h2 id="gantt-heading">Gantt chart</h2>',
            f"<figure>{plan_to_svg(plan, today=today, words=words)}</figure>",
            "</section>",
            '<section aria-labelledby="tasks-heading">',
            '<h2 id="tasks-heading">Tasks</h2>',
            _task_table(plan, words),
            "</section>",
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )
