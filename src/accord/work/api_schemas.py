"""Schemas of the work operations of the API: tasks, their workflow, comments, RACI cells, My work."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

from accord.apikit.schemas import RowId
from accord.domain.workflow import Status
from accord.projects.api_schemas import Letters, PersonOut, letters_of

#: The workflow's statuses (the schema lists their values).
StatusName = Status
ActionName = Literal[
    "start", "submit", "approve", "send_back", "block", "unblock", "reopen", "mark_not_applicable", "restore"
]
CommentKind = Literal["comment", "question", "answer"]


class TaskItemOut(Schema):
    """A task in a list, with its RACI."""

    id: int
    project_id: int
    key: str
    name: str
    phase_key: str
    phase_name: str
    position: int
    status: StatusName
    milestone: bool
    critical: bool
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None
    version: int
    raci: dict[str, Letters] = Field(description="role key -> letters; empty cells left out")

    @staticmethod
    def resolve_raci(task: Any) -> dict[str, str]:
        return {cell.role_key: letters_of(cell.letters) for cell in task.cells.all()}


class TaskTextOut(Schema):
    details: str
    timeframe: str
    deliverables: list[str]
    notes: list[str] = Field(description="internal: the vendor's staff only; empty for contacts")
    group: str


class TaskOut(Schema):
    """One task as its page shows it to the caller."""

    id: int
    project_id: int
    key: str
    name: str
    phase_key: str
    phase_name: str
    status: StatusName
    reason: str = Field(description="why it is blocked or was sent back")
    milestone: bool
    critical: bool
    late: bool
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None
    version: int
    people: dict[str, list[PersonOut]] = Field(description="who holds R, A, C and I")
    actions: list[ActionName] = Field(description="what the caller may do now")
    text: TaskTextOut
    open_input_requests: int


class TaskPatchIn(Schema):
    status: StatusName | None = Field(
        None, description="the status wanted: the workflow step leading there is taken"
    )
    reason: str = Field("", max_length=2000, description="needed to block or send back")


class ReasonIn(Schema):
    reason: str = Field(min_length=1, max_length=2000)


class CommentOut(Schema):
    id: int
    task_id: int
    kind: CommentKind
    body: str
    author: PersonOut | None
    created_at: dt.datetime
    internal: bool = Field(False, description="vendor staff only; never listed for contacts")

    @staticmethod
    def resolve_author(comment: Any) -> dict[str, Any] | None:
        author = comment.author
        if author is None:
            return None
        return {"id": author.pk, "name": author.get_full_name() or author.email, "email": author.email}


class CommentIn(Schema):
    body: str = Field(min_length=1, max_length=10_000)
    kind: CommentKind = Field(
        "comment", description="question: a request for input to the Consulted; answer: the input given"
    )
    internal: bool = Field(
        False, description="a comment for the vendor's staff only (vendor staff, kind comment only)"
    )


class FindingOut(Schema):
    code: str
    severity: str
    task: str | None
    roles: list[str]
    message: str
    hint: str


class BoardTaskOut(Schema):
    id: int
    key: str
    name: str
    status: StatusName
    due_date: dt.date | None
    late: bool
    milestone: bool
    version: int
    raci: dict[str, Letters]
    findings: list[FindingOut]


class BoardPhaseOut(Schema):
    key: str
    name: str
    tasks: list[BoardTaskOut]


class BoardPersonOut(PersonOut):
    is_lead: bool


class BoardRoleOut(Schema):
    key: str
    name: str
    side: str
    people: list[BoardPersonOut]


class RaciOut(Schema):
    """The project's matrix: roles by side with their people, tasks by phase with their cells and
    (for the vendor's staff) what the linter says."""

    project_id: int
    can_edit: bool
    roles: list[BoardRoleOut]
    phases: list[BoardPhaseOut]
    findings: list[FindingOut] = Field(description="internal: the vendor's staff only")


class CellIn(Schema):
    letters: str = Field(max_length=40, description='e.g. "R", "RA", "C", "N/A"; "" clears the cell')


class CellOut(Schema):
    task_id: int
    role_key: str
    letters: Letters
    task_version: int
    change_id: int | None = Field(description="the logged change: undo it with its undo operation")


class WorkRowOut(Schema):
    task_id: int
    task_key: str
    task_name: str
    phase_name: str
    status: StatusName
    due_date: dt.date | None
    late: bool
    version: int
    project_id: int
    project_name: str
    customer_name: str
    open_input_request: bool
    notified_at: dt.datetime | None


class WorkPage(Schema):
    items: list[WorkRowOut]
    next_cursor: str | None


# -- several cells at once: bulk edits, safe fixes, and their undo ------------------------------


class RaciBulkCellIn(Schema):
    task_id: RowId
    role_key: str = Field(min_length=1, max_length=100)
    letters: str = Field(max_length=40, description='e.g. "R", "RA", "C", "N/A"; "" clears the cell')
    task_version: int = Field(
        ge=1, le=2**31 - 1, description="the task's version you read (its ETag's number); stale: 412"
    )


class RaciBulkIn(Schema):
    cells: list[RaciBulkCellIn] = Field(min_length=1, max_length=1000)


class RaciBulkCellOut(Schema):
    task_id: int
    task_key: str
    role_key: str
    letters: Letters
    task_version: int


class RaciBulkOut(Schema):
    """A change of several cells at once, as it stands now."""

    change_id: int | None = Field(
        description="the logged change (undo it as a whole with RaciBulkUndo); null when nothing changed"
    )
    cells: list[RaciBulkCellOut] = Field(description="the cells the change set, with their tasks' versions")


class RaciFixCellOut(Schema):
    role_key: str
    role_name: str
    before: Letters
    after: Letters


class RaciFixOut(Schema):
    """A linter finding with one safe fix, and the cells the fix would change."""

    task_id: int
    task_name: str
    task_version: int
    code: str
    severity: str
    message: str
    hint: str
    cells: list[RaciFixCellOut]


class RaciFixesOut(Schema):
    """The safe fixes the board offers (internal: empty for contacts, who see no findings)."""

    project_id: int
    fixes: list[RaciFixOut]
