"""The baseline of ``GET /api/v1/projects/{id}``: the same JSON document from one raw SQL query
(the project, its customer, every task with its RACI cells, and the role holders as one JSON
column), built with plain dicts and ``json.dumps``: no token, no ORM, no schema."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse

from accord.domain.health import project_health
from accord.domain.raci import Raci

_PEOPLE = {
    "sqlite": "json_group_array(json_object('role', a.role_key, 'id', u.id, 'name', u.full_name, "
    "'email', u.email, 'lead', a.is_lead, 'at', a.created_at, 'pk', a.id))",
    "postgresql": "json_agg(json_build_object('role', a.role_key, 'id', u.id, 'name', u.full_name, "
    "'email', u.email, 'lead', a.is_lead, 'at', a.created_at, 'pk', a.id))",
}
_PROJECT = (
    "p.id, p.name, p.status, p.workspace_id, p.customer_id, c.name, p.playbook_key, p.playbook_version, "
    "p.playbook_name, p.variant, p.start_date, p.calendar_country, p.calendar_subdivision, p.time_zone, "
    "p.go_live_planned, p.go_live_earliest, p.go_live_latest, p.go_live_p50, p.go_live_p80, p.go_live_p95, "
    "p.go_live_baseline, p.forecast_at, p.version, p.playbook_data"
)
_TASK = (
    "t.id, t.key, t.name, t.phase_key, t.phase_name, t.status, t.milestone, t.critical, t.planned_start, "
    "t.planned_finish, t.actual_start, t.actual_finish, t.version, rc.role_key, rc.letters"
)


def _sql() -> str:
    return f"""
        WITH people AS (
            SELECT {_PEOPLE[connection.vendor]} AS holders
            FROM projects_roleassignment a JOIN accounts_user u ON u.id = a.user_id
            WHERE a.project_id = %s
        )
        SELECT {_PROJECT}, (SELECT holders FROM people), {_TASK}
        FROM projects_project p
        JOIN workspaces_customer c ON c.id = p.customer_id
        JOIN work_projecttask t ON t.project_id = p.id
        LEFT JOIN work_racicell rc ON rc.task_id = t.id
        WHERE p.id = %s
        ORDER BY t.position, t.id, rc.id
    """


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _lead(people: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next(({k: v for k, v in p.items() if k != "is_lead"} for p in people if p["is_lead"]), None)


@login_not_required
def raw_project(request: HttpRequest, project_id: int) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [project_id, project_id])
        rows = cursor.fetchall()
    if not rows:
        return HttpResponse(status=404)
    head = rows[0]
    playbook = head[23] if isinstance(head[23], dict) else json.loads(head[23])
    holders = head[24] if isinstance(head[24], list) else json.loads(head[24] or "[]")
    holders.sort(key=lambda item: (item["role"], not item["lead"], str(item["at"]), item["pk"]))
    people: dict[str, list[dict[str, Any]]] = {}
    for item in holders:
        people.setdefault(item["role"], []).append(
            {
                "id": item["id"],
                "name": item["name"] or item["email"],
                "email": item["email"],
                "is_lead": bool(item["lead"]),
            }
        )
    phases: dict[str, dict[str, Any]] = {}
    tasks: dict[int, dict[str, Any]] = {}
    for row in rows:
        task = tasks.get(row[25])
        if task is None:
            task = tasks[row[25]] = {
                "id": row[25], "key": row[26], "name": row[27], "phase_key": row[28], "status": row[30],
                "milestone": bool(row[31]), "critical": bool(row[32]), "planned_start": _text(row[33]),
                "planned_finish": _text(row[34]), "actual_start": _text(row[35]),
                "actual_finish": _text(row[36]),
                "version": row[37], "raci": {},
            }  # fmt: skip
            phases.setdefault(row[28], {"key": row[28], "name": row[29], "tasks": []})["tasks"].append(task)
        if row[38] is not None:
            task["raci"][row[38]] = Raci(row[39]).canonical
    today = dt.date.today()
    late = [
        task
        for task in tasks.values()
        if task["planned_finish"] and _day(task["planned_finish"]) < today
        and task["status"] not in ("done", "not_applicable")
    ]  # fmt: skip
    body = {
        "id": head[0], "name": head[1], "status": head[2], "workspace_id": head[3], "customer_id": head[4],
        "customer_name": head[5], "playbook_key": head[6], "playbook_version": head[7],
        "playbook_name": head[8],
        "variant": head[9], "start_date": _text(head[10]), "country": head[11], "subdivision": head[12],
        "time_zone": head[13],
        "health": project_health(
            baseline=_day(head[20]), p50=_day(head[17]), p80=_day(head[18]),
            late_tasks=len(late), late_critical_tasks=sum(task["critical"] for task in late),
        ).value,
        "late_tasks": len(late),
        "go_live": {
            "planned": _text(head[14]), "earliest": _text(head[15]), "latest": _text(head[16]),
            "p50": _text(head[17]), "p80": _text(head[18]), "p95": _text(head[19]),
            "committed": _text(head[20]), "forecast_at": _text(head[21]),
        },
        "roles": [
            {
                "key": role["key"], "name": role["name"], "side": role["side"],
                "lead": _lead(people.get(role["key"], [])),
                "people": people.get(role["key"], []),
            }
            for role in playbook.get("roles", ())
        ],
        "phases": list(phases.values()),
        "version": head[22],
    }  # fmt: skip
    return HttpResponse(json.dumps(body), content_type="application/json")
