"""The work operations of the HTTP API (mounted by accord.api; see docs/api.md).

A project's tasks, one task and its workflow (by status through PATCH, or approve and send back),
its comments, the RACI matrix and its cells (with undo), the board's exports, and My work: each
operation calls the selector or service the pages call, as the token's person.
"""

from dataclasses import asdict, replace
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from accord.accounts.models import User
from accord.apikit.auth import acting_user
from accord.apikit.errors import ErrorBody
from accord.apikit.pagination import CursorPagination
from accord.apikit.schemas import RowId
from accord.apikit.versions import etag_set, version_required
from accord.domain.errors import InvalidInput, NotFound, Problem
from accord.domain.raci import InvalidRaci, Raci, parse_raci
from accord.domain.workflow import Action
from accord.domain.workflow import Status as TaskStatusValue
from accord.formats.matrix import matrix_to_csv, matrix_to_markdown, matrix_to_xlsx
from accord.projects.api_schemas import letters_of, person_of, rows_page
from accord.projects.models import ProjectTask
from accord.projects.selectors import project_for
from accord.work import board_selectors, page_selectors, selectors, services
from accord.work.api_schemas import (
    CellIn,
    CellOut,
    CommentIn,
    CommentOut,
    RaciBulkIn,
    RaciBulkOut,
    RaciFixesOut,
    RaciOut,
    ReasonIn,
    TaskItemOut,
    TaskOut,
    TaskPatchIn,
    WorkPage,
)

router = Router(tags=["Work"])

NOT_FOUND = {404: ErrorBody}
CHANGE_ANSWERS = {
    200: TaskOut,
    403: ErrorBody,
    404: ErrorBody,
    409: ErrorBody,
    412: ErrorBody,
    428: ErrorBody,
}


# -- tasks -------------------------------------------------------------------------------------


class TaskFilters(Schema):
    status: TaskStatusValue | None = None
    phase: str | None = None
    role: str | None = None
    mine: bool = False
    late: bool = False


@router.get("/projects/{project_id}/tasks", response={200: list[TaskItemOut], **NOT_FOUND})
@paginate(CursorPagination, sort_key="position")
def task_list(request: HttpRequest, project_id: RowId, filters: Query[TaskFilters]) -> Any:
    """The project's tasks in the playbook's order with their RACI; filters: a status, a phase
    key, a role holding any letter, the tasks where you hold a letter (``mine``), late ones."""
    _project, tasks = selectors.project_tasks(
        acting_user(request),
        project_id,
        status=filters.status,
        phase=filters.phase,
        role=filters.role,
        mine=filters.mine,
        late=filters.late,
    )
    return tasks


def _task(request: HttpRequest, task_id: int, response: HttpResponse) -> dict[str, Any]:
    user = acting_user(request)
    page = page_selectors.task_page(user, selectors.task_project_id(task_id), task_id)
    task = page.task
    etag_set(response, task.pk, task.version)
    return {
        "id": task.pk,
        "project_id": task.project_id,
        "key": task.key,
        "name": task.name,
        "phase_key": task.phase_key,
        "phase_name": task.phase_name,
        "status": task.status,
        "reason": task.status_reason,
        "milestone": task.milestone,
        "critical": task.critical,
        "late": page.late,
        "planned_start": task.planned_start,
        "planned_finish": task.planned_finish,
        "actual_start": task.actual_start,
        "actual_finish": task.actual_finish,
        "version": task.version,
        "people": {
            letter: [person_of(person) for person in people] for letter, people in page.people.items()
        },
        "actions": [action.value for action in page.actions],
        "text": asdict(page.text),
        "open_input_requests": len(page.open_requests),
    }


@router.get("/tasks/{task_id}", response={200: TaskOut, **NOT_FOUND})
def task_read(request: HttpRequest, task_id: RowId, response: HttpResponse) -> Any:
    """One task: dates, people by letter, what the playbook says (its notes to the vendor's staff
    only), the actions you may take now. ETag: the task's version."""
    return _task(request, task_id, response)


@router.patch("/tasks/{task_id}", response=CHANGE_ANSWERS)
def task_update(request: HttpRequest, task_id: RowId, payload: TaskPatchIn, response: HttpResponse) -> Any:
    """Change a task's ``status``: the workflow step leading there from the current status is
    taken, as you (409 ``workflow-wrong-status`` when no step leads there, 403 when the step is not
    yours to take, 422 when it needs a ``reason``). Needs ``If-Match`` (428 without, 412 stale)."""
    user = acting_user(request)
    task = selectors.task_visible(user, task_id)
    expected = version_required(request, task.pk)
    services.task_status_set(
        actor=user,
        task=task,
        status=payload.status or task.status,
        expected_version=expected,
        reason=payload.reason,
    )
    return _task(request, task_id, response)


def _expected(request: HttpRequest, task: ProjectTask) -> int:
    """The version ``If-Match`` names (checked), or the current one when the header is absent."""
    return version_required(request, task.pk) if request.headers.get("If-Match") else task.version


@router.post("/tasks/{task_id}/approve", response=CHANGE_ANSWERS)
def task_approve(request: HttpRequest, task_id: RowId, response: HttpResponse) -> Any:
    """Approve a task awaiting approval (its Accountable or a vendor manager); it is done.
    ``If-Match`` is optional here and checked when sent."""
    user = acting_user(request)
    task = selectors.task_visible(user, task_id)
    services.task_transition(
        actor=user, task=task, action=Action.APPROVE, expected_version=_expected(request, task)
    )
    return _task(request, task_id, response)


@router.post("/tasks/{task_id}/send-back", response=CHANGE_ANSWERS)
def task_send_back(request: HttpRequest, task_id: RowId, payload: ReasonIn, response: HttpResponse) -> Any:
    """Send a task awaiting approval back to its Responsible, saying why."""
    user = acting_user(request)
    task = selectors.task_visible(user, task_id)
    services.task_transition(
        actor=user,
        task=task,
        action=Action.SEND_BACK,
        expected_version=_expected(request, task),
        reason=payload.reason,
    )
    return _task(request, task_id, response)


# -- comments ----------------------------------------------------------------------------------


@router.get("/tasks/{task_id}/comments", response={200: list[CommentOut], **NOT_FOUND})
@paginate(CursorPagination, sort_key="created_at")
def comment_list(request: HttpRequest, task_id: RowId) -> Any:
    """The task's comments, requests for input and answers, oldest first."""
    return selectors.task_comments(acting_user(request), task_id)


@router.post("/tasks/{task_id}/comments", response={201: CommentOut, 404: ErrorBody})
def comment_create(request: HttpRequest, task_id: RowId, payload: CommentIn, response: HttpResponse) -> Any:
    """Comment on a task; ``question`` asks its Consulted for input (they are told), ``answer``
    gives the input asked for (the askers are told)."""
    user = acting_user(request)
    task = selectors.task_visible(user, task_id)
    comment = services.comment_add(
        actor=user, task=task, body=payload.body, kind=payload.kind, internal=payload.internal
    )
    response["Location"] = f"/api/v1/tasks/{task_id}/comments"
    return Status(201, comment)


# -- the RACI matrix ---------------------------------------------------------------------------


@router.get("/projects/{project_id}/raci", response={200: RaciOut, **NOT_FOUND})
def raci_read(request: HttpRequest, project_id: RowId) -> Any:
    """The project's RACI matrix as the board shows it; the linter's findings only to the
    vendor's staff. Each task's ``version`` is the ETag its cells are changed with."""
    board = selectors.board(acting_user(request), project_id)

    def finding(item: Any) -> dict[str, Any]:
        return {
            "code": item.code,
            "severity": item.severity.value,
            "task": item.task,
            "roles": list(item.roles),
            "message": item.message,
            "hint": item.hint,
        }

    return {
        "project_id": board.project.pk,
        "can_edit": board.can_edit_raci,
        "roles": [
            {
                "key": role.key,
                "name": role.name,
                "side": role.side.value,
                "people": [
                    {"id": p.user_id, "name": p.name or p.email, "email": p.email, "is_lead": p.is_lead}
                    for p in role.people
                ],
            }
            for role in board.roles
        ],
        "phases": [
            {
                "key": phase.key,
                "name": phase.name,
                "tasks": [
                    {
                        "id": task.id,
                        "key": task.key,
                        "name": task.name,
                        "status": task.status,
                        "due_date": task.due_date,
                        "late": task.late,
                        "milestone": task.milestone,
                        "version": task.version,
                        "raci": {role: letters_of(int(value)) for role, value in task.cells.items()},
                        "findings": [finding(item) for item in task.findings] if board.shows_findings else [],
                    }
                    for task in phase.tasks
                ],
            }
            for phase in board.phases
        ],
        "findings": [finding(item) for item in board.findings] if board.shows_findings else [],
    }


def _letters(text: str) -> Raci:
    try:
        return parse_raci(text)
    except InvalidRaci as error:
        raise InvalidInput(
            [
                Problem(
                    "raci-invalid-letter",
                    _("“%(letters)s” is not a RACI cell.") % {"letters": text},
                    hint=_("Use R, A, C, I (e.g. RA), N/A alone, or an empty text to clear the cell."),
                    where="letters",
                )
            ]
        ) from error


def _cell(
    user: User, task_id: int, role_key: str, change_id: int | None, response: HttpResponse
) -> dict[str, Any]:
    task = selectors.task_visible(user, task_id)
    cell = task.cells.filter(role_key=role_key).values_list("letters", flat=True).first()
    etag_set(response, task.pk, task.version)
    return {
        "task_id": task.pk,
        "role_key": role_key,
        "letters": letters_of(cell or 0),
        "task_version": task.version,
        "change_id": change_id,
    }


@router.put(
    "/tasks/{task_id}/raci/{role_key}",
    response={200: CellOut, 403: ErrorBody, 404: ErrorBody, 412: ErrorBody, 428: ErrorBody},
)
def raci_cell_update(
    request: HttpRequest, task_id: RowId, role_key: str, payload: CellIn, response: HttpResponse
) -> Any:
    """Set the letters a role holds on a task (vendor admins and managers). Needs ``If-Match``
    with the task's ETag (428 without, 412 stale). The answer's ``change_id`` undoes it."""
    user = acting_user(request)
    task = selectors.task_visible(user, task_id)
    expected = version_required(request, task.pk)
    services.raci_cell_set(
        actor=user, task=task, role_key=role_key, letters=_letters(payload.letters), expected_version=expected
    )
    return _cell(user, task_id, role_key, selectors.latest_cell_change(user, task, role_key), response)


@router.post(
    "/projects/{project_id}/raci/changes/{change_id}/undo",
    response={200: CellOut, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody},
)
def raci_change_undo(
    request: HttpRequest, project_id: RowId, change_id: RowId, response: HttpResponse
) -> Any:
    """Put a cell back as it was before a logged change, if nobody changed it since (409
    ``undo-impossible`` otherwise). The undo can be undone in turn."""
    user = acting_user(request)
    entry, task = selectors.cell_change_for(user, project_id, change_id)
    role_key = entry.target_key.rpartition("/")[2]
    services.raci_cell_undo(actor=user, activity_entry_id=entry.pk)
    return _cell(user, task.pk, role_key, selectors.latest_cell_change(user, task, role_key), response)


EXPORTS: dict[str, tuple[str, str]] = {
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("csv", "text/csv; charset=utf-8"),
    "md": ("md", "text/markdown; charset=utf-8"),
}
MATRIX_RESPONSE = {
    "responses": {
        "200": {
            "description": "The matrix as a file",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "text/markdown": {"schema": {"type": "string"}},
                EXPORTS["xlsx"][1]: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    }
}


class MatrixQuery(Schema):
    format: Literal["csv", "xlsx", "md"] = "csv"


@router.get("/projects/{project_id}/matrix", response=NOT_FOUND, openapi_extra=MATRIX_RESPONSE)
def matrix_export(request: HttpRequest, project_id: RowId, query: Query[MatrixQuery]) -> HttpResponse:
    """The project's matrix as it stands, as a CSV, XLSX or Markdown file (the board's exports)."""
    project, playbook = board_selectors.export_matrix(acting_user(request), project_id)
    playbook = replace(playbook, name=f"{project.name} — {playbook.name}")
    suffix, content_type = EXPORTS[query.format]
    content: bytes | str
    if query.format == "xlsx":
        content = matrix_to_xlsx(playbook)
    elif query.format == "csv":
        content = matrix_to_csv(playbook)
    else:
        content = matrix_to_markdown(playbook)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{slugify(project.name) or 'project'}-raci.{suffix}"
    )
    return response


# -- My work -----------------------------------------------------------------------------------

SECTIONS = {
    "responsible": selectors.my_responsible,
    "approvals": selectors.my_approvals,
    "consulted": selectors.my_consulted,
    "informed": selectors.my_informed,
}


class MyWorkQuery(Schema):
    section: Literal["responsible", "approvals", "consulted", "informed"] = "responsible"


@router.get("/my-work", response=WorkPage)
def my_work_list(
    request: HttpRequest, query: Query[MyWorkQuery], pagination: Query[CursorPagination.Input]
) -> Any:
    """What waits for you across every project you may see, one section of My work at a time:
    open tasks you are Responsible for, tasks awaiting your approval, tasks you are Consulted on
    (open requests for input first), the latest tasks done you were Informed of."""
    rows = SECTIONS[query.section](acting_user(request))
    return rows_page(
        rows, list_name=f"my-work-{query.section}", ids=[row.task_id for row in rows], pagination=pagination
    )


# -- several cells at once: bulk edits, safe fixes, and their undo ----------------------------

BULK_ANSWERS = {
    200: RaciBulkOut,
    403: ErrorBody,
    404: ErrorBody,
    409: ErrorBody,
    412: ErrorBody,
    422: ErrorBody,
}


def _bulk(user: User, project_id: int, entry: Any) -> dict[str, Any]:
    if entry is None:
        return {"change_id": None, "cells": []}
    cells = board_selectors.bulk_change_cells(user, project_id, entry.pk)
    return {
        "change_id": entry.pk,
        "cells": [
            {
                "task_id": cell.task_id,
                "task_key": cell.task_key,
                "role_key": cell.role_key,
                "letters": letters_of(cell.letters),
                "task_version": cell.task_version,
            }
            for cell in cells
        ],
    }


def _bulk_versions(payload: RaciBulkIn) -> dict[int, int]:
    versions: dict[int, int] = {}
    for cell in payload.cells:
        if versions.setdefault(cell.task_id, cell.task_version) != cell.task_version:
            raise InvalidInput(
                [
                    Problem(
                        "raci-versions-differ",
                        _("Task %(task)s is sent with two different versions.") % {"task": cell.task_id},
                        where="cells",
                        hint=_("Send each task with the one version you read (its ETag's number)."),
                    )
                ]
            )
    return versions


@router.post("/projects/{project_id}/raci/cells", response=BULK_ANSWERS)
def raci_cells_set(request: HttpRequest, project_id: RowId, payload: RaciBulkIn) -> Any:
    """Set several cells at once (vendor admins and managers): all of them or none, one logged
    change that RaciBulkUndo reverses as a whole. Each cell carries its task's ``task_version``
    (the number in the task's ETag); one stale task refuses the whole edit (412)."""
    user = acting_user(request)
    project = project_for(user, project_id)
    versions = _bulk_versions(payload)
    entry = services.raci_cells_set(
        actor=user,
        project=project,
        changes=[
            services.CellChange(cell.task_id, cell.role_key, _letters(cell.letters)) for cell in payload.cells
        ],
        expected_versions=versions,
    )
    return _bulk(user, project.pk, entry)


@router.get("/projects/{project_id}/raci/fixes", response={200: RaciFixesOut, **NOT_FOUND})
def raci_fix_preview(request: HttpRequest, project_id: RowId) -> Any:
    """The linter's findings that have one safe fix, each with the cells it would change (before
    and after), to show before applying one with RaciFixApply. Internal: empty for contacts."""
    board = selectors.board(acting_user(request), project_id)
    names = {role.key: role.name for role in board.roles}
    return {
        "project_id": board.project.pk,
        "fixes": [
            {
                "task_id": preview.task_id,
                "task_name": preview.task_name,
                "task_version": preview.version,
                "code": preview.finding.code,
                "severity": preview.finding.severity.value,
                "message": preview.finding.message,
                "hint": preview.finding.hint,
                "cells": [
                    {
                        "role_key": cell.role,
                        "role_name": names.get(cell.role, cell.role),
                        "before": cell.before.canonical,
                        "after": cell.after.canonical,
                    }
                    for cell in preview.fix.cells
                ],
            }
            for preview in board_selectors.board_fixes(board)
        ],
    }


@router.post("/tasks/{task_id}/raci/fixes/{code}", response={**BULK_ANSWERS, 428: ErrorBody})
def raci_fix_apply(request: HttpRequest, task_id: RowId, code: str) -> Any:
    """Apply the safe fix of the finding ``code`` (e.g. RACI002) on a task (vendor admins and
    managers), as one change RaciBulkUndo reverses. Needs ``If-Match`` with the task's ETag (428
    without, 412 stale); 422 ``no-safe-fix`` when the task has no such finding any more."""
    user = acting_user(request)
    task = selectors.task_visible(user, task_id)
    expected = version_required(request, task.pk)
    entry = services.raci_fix_apply(actor=user, task=task, code=code, expected_version=expected)
    return _bulk(user, task.project_id, entry)


@router.post("/projects/{project_id}/raci/bulk-changes/{change_id}/undo", response=BULK_ANSWERS)
def raci_bulk_undo(request: HttpRequest, project_id: RowId, change_id: RowId) -> Any:
    """Put back every cell of a change of several cells (a bulk edit, a fix, or such an undo), if
    none was changed since (409 ``undo-impossible`` otherwise); the undo is itself such a change."""
    user = acting_user(request)
    if board_selectors.bulk_change(user, project_id, change_id) is None:
        raise NotFound(_("No such RACI change."), hint=_("Pick a RACI change of several cells."))
    entry = services.raci_bulk_undo(actor=user, activity_entry_id=change_id)
    return _bulk(user, project_id, entry)
