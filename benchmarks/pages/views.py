"""Baselines: the rows each page shows, fetched with one raw SQL query and printed as a bare
HTML table. They pass through the same middleware as the pages (session, login, CSRF, CSP), so
the ratio page / baseline is what the page's selectors and templates cost on top of the least
any Django view must do."""

from __future__ import annotations

import datetime as dt
from html import escape

from django.db import connection
from django.http import HttpRequest, HttpResponse

_FINISHED = "('done', 'not_applicable')"


def _table(rows: list[tuple[object, ...]]) -> HttpResponse:
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(value))}</td>" for value in row) + "</tr>" for row in rows
    )
    return HttpResponse(f"<!doctype html><title>raw</title><table>{body}</table><p>{len(rows)} rows</p>")


def _rows(sql: str, parameters: list[object]) -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return list(cursor.fetchall())


def raw_portfolio(request: HttpRequest) -> HttpResponse:
    """Every project the person sees (vendor staff: the workspace; a customer contact: their
    customer's), with customer, go-live, task counts, finished and late tasks."""
    sql = f"""
        SELECT p.id, p.name, c.name, p.go_live_p50, p.go_live_p80, COUNT(t.id),
               SUM(CASE WHEN t.status IN {_FINISHED} THEN 1 ELSE 0 END),
               SUM(CASE WHEN t.status NOT IN {_FINISHED} AND t.planned_finish < %s THEN 1 ELSE 0 END)
        FROM projects_project p
        JOIN workspaces_customer c ON c.id = p.customer_id
        JOIN workspaces_membership m ON m.workspace_id = p.workspace_id AND m.user_id = %s
        LEFT JOIN work_projecttask t ON t.project_id = p.id
        WHERE m.kind IN ('vendor_admin', 'vendor_manager', 'vendor_member') OR m.customer_id = p.customer_id
        GROUP BY p.id, p.name, c.name, p.go_live_p50, p.go_live_p80
        ORDER BY p.name
    """
    return _table(_rows(sql, [dt.date.today(), request.user.pk]))


def raw_board(request: HttpRequest, project_id: int) -> HttpResponse:
    """A project's tasks with each role's letters, in playbook order."""
    sql = """
        SELECT t.id, t.phase_name, t.name, t.status, t.planned_finish, r.role_key, r.letters
        FROM work_projecttask t
        LEFT JOIN work_racicell r ON r.task_id = t.id
        WHERE t.project_id = %s
        ORDER BY t.position, r.role_key
    """
    return _table(_rows(sql, [project_id]))


def raw_my_work(request: HttpRequest) -> HttpResponse:
    """The open tasks on which the person holds a letter through a role they staff, soonest first."""
    sql = f"""
        SELECT t.id, t.name, t.status, t.planned_finish, p.name, c.name, r.letters
        FROM work_projecttask t
        JOIN projects_project p ON p.id = t.project_id
        JOIN workspaces_customer c ON c.id = p.customer_id
        JOIN work_racicell r ON r.task_id = t.id
        JOIN projects_roleassignment a ON a.project_id = t.project_id AND a.role_key = r.role_key
        WHERE a.user_id = %s AND t.status NOT IN {_FINISHED} AND r.letters < 16
        ORDER BY t.planned_finish, p.name, t.position
    """
    return _table(_rows(sql, [request.user.pk]))
