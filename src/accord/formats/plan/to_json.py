"""A plan as JSON: dates as ISO dates, meeting sessions as ISO date-times with their UTC offset.

The shape is a contract with the API and with whoever scripts against ``accord plan --format json``;
it holds exactly these keys::

    {playbook, start, calendar: {country, subdivision, timezone},
     go_live: {planned, earliest, latest, p50, p80, p95},
     tasks: [{key, name, phase, start, finish, finish_earliest, finish_latest,
              critical, slack_days, milestone, sessions: [{start, end}]}]}
"""

from __future__ import annotations

import json
from typing import Any

from accord.domain.planning.model import Plan, PlannedTask
from accord.formats.plan.common import aware


def _task_to_json(task: PlannedTask, plan: Plan) -> dict[str, Any]:
    return {
        "key": task.key,
        "name": task.name,
        "phase": task.phase,
        "start": task.start.isoformat(),
        "finish": task.finish.isoformat(),
        "finish_earliest": task.finish_earliest.isoformat(),
        "finish_latest": task.finish_latest.isoformat(),
        "critical": task.critical,
        "slack_days": task.slack_days,
        "milestone": task.milestone,
        "sessions": [
            {"start": aware(session.start, plan).isoformat(), "end": aware(session.end, plan).isoformat()}
            for session in task.sessions
        ],
    }


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The plan as plain JSON-ready data (only str, int, bool, None, lists and dicts)."""
    go_live = plan.go_live
    return {
        "playbook": plan.playbook,
        "start": plan.start.isoformat(),
        "calendar": {
            "country": plan.calendar.country,
            "subdivision": plan.calendar.subdivision,
            "timezone": plan.calendar.timezone,
        },
        "go_live": {
            "planned": go_live.planned.isoformat(),
            "earliest": go_live.earliest.isoformat(),
            "latest": go_live.latest.isoformat(),
            "p50": go_live.p50.isoformat(),
            "p80": go_live.p80.isoformat(),
            "p95": go_live.p95.isoformat(),
        },
        "tasks": [_task_to_json(task, plan) for task in plan.tasks],
    }


def plan_to_json_text(plan: Plan, *, indent: int | None = 2) -> str:
    """The plan as a JSON document (UTF-8 text, non-ASCII kept as written), ending with a newline."""
    return json.dumps(plan_to_json(plan), indent=indent, ensure_ascii=False) + "\n"
