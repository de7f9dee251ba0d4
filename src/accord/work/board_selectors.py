"""Reads for the board's newer parts: what a task's playbook text is for each audience, the matrix
as a person may download it, the roles' descriptions for the headers, and the safe fixes of the
linter's findings.

The audience rule (DESIGN.md, "Audience") is applied here once for tasks: the playbook's source
notes (with their alternative readings) are internal; :func:`task_for_audience` and
:func:`playbook_for_audience` blank them for contacts (the SHARED audience) wherever a task's
playbook text leaves the server: the task page, the API, the exports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.base.findings import finding_text
from accord.domain.errors import NotFound
from accord.domain.lint.fixes import Fix, safe_fix
from accord.domain.lint.model import Finding
from accord.domain.playbook import Playbook, Task
from accord.projects.access import Audience, project_access
from accord.projects.models import Project, ProjectTask
from accord.projects.playbook_copy import project_playbook
from accord.work.selectors import Board, current_playbook
from accord.workspaces.access import Requester

#: The verbs of a change of several cells at once (what the board's undo also reverses).
BULK_VERBS = (Verb.RACI_BULK_CHANGED, Verb.RACI_BULK_UNDONE)


def task_for_audience(task: Task, audience: Audience) -> Task:
    """``task`` as ``audience`` may read it: without its source notes for contacts."""
    if audience is Audience.INTERNAL:
        return task
    return replace(task, notes=())


def playbook_for_audience(playbook: Playbook, audience: Audience) -> Playbook:
    """``playbook`` as ``audience`` may read it: every task through :func:`task_for_audience`,
    and the playbook's own notes blanked for contacts."""
    if audience is Audience.INTERNAL:
        return playbook
    phases = tuple(
        replace(phase, tasks=tuple(task_for_audience(task, audience) for task in phase.tasks))
        for phase in playbook.phases
    )
    return replace(playbook, phases=phases, notes=())


def export_matrix(user: Requester, project_id: int) -> tuple[Project, Playbook]:
    """A project the user may see (NotFound otherwise) and its matrix as it stands, as the user
    may download it (no internal notes for contacts)."""
    access = project_access(user, project_id)
    project = access.project
    tasks = list(ProjectTask.objects.filter(project=project).order_by("position").prefetch_related("cells"))
    return project, playbook_for_audience(current_playbook(project, tasks), access.audience)


@dataclass(frozen=True, slots=True)
class RoleText:
    """What the project's playbook copy says a role is and does."""

    description: str
    responsibilities: tuple[str, ...]


def role_texts(project: Project) -> Mapping[str, RoleText]:
    """Each role's description and responsibilities (shared text: every side reads them)."""
    return {
        role.key: RoleText(role.description, role.responsibilities)
        for role in project_playbook(project).roles
        if role.description or role.responsibilities
    }


@dataclass(frozen=True, slots=True)
class FixPreview:
    """A safe fix offered on the board: the finding, the fix, and its cells in words."""

    task_id: int
    task_name: str
    version: int
    finding: Finding
    fix: Fix
    changes: tuple[str, ...]  # "Role: R → C"
    message: str = ""  # the finding's message in the reader's language


def board_fixes(board: Board) -> tuple[FixPreview, ...]:
    """The safe fixes of the board's findings (none for a contact, who sees no findings)."""
    if not board.shows_findings or not board.findings:
        return ()
    tasks = [task for phase in board.phases for task in phase.tasks]
    playbook = current_playbook_of_board(board)
    rows = {task.key: task for task in tasks}
    names = {role.key: role.name for role in board.roles}
    previews = []
    for finding in board.findings:
        fix = safe_fix(playbook, finding)
        row = rows.get(finding.task or "")
        if fix is None or row is None:
            continue
        changes = tuple(
            f"{names.get(cell.role, cell.role)}: {cell.before.canonical or '—'} → "
            f"{cell.after.canonical or '—'}"
            for cell in fix.cells
        )
        message = finding_text(finding, task_name=row.name, role_names=names).message
        previews.append(FixPreview(row.id, row.name, row.version, finding, fix, changes, message))
    return tuple(previews)


def current_playbook_of_board(board: Board) -> Playbook:
    """The project's playbook copy with the cells the board holds (no query)."""
    cells = {task.key: task.cells for phase in board.phases for task in phase.tasks}
    playbook = project_playbook(board.project)
    phases = []
    for phase in playbook.phases:
        kept = tuple(replace(task, raci=dict(cells[task.key])) for task in phase.tasks if task.key in cells)
        if kept:
            phases.append(replace(phase, tasks=kept))
    return replace(playbook, phases=tuple(phases))


def bulk_change(user: Requester, project_id: int, entry_id: int) -> ActivityEntry | None:
    """The change of several cells ``entry_id`` names in a project the user may see (NotFound
    for the project), or None when the entry is not such a change."""
    project = project_access(user, project_id).project
    return ActivityEntry.objects.filter(pk=entry_id, project=project, verb__in=BULK_VERBS).first()


def bulk_change_notice(user: Requester, project: Project, entry_id: int) -> ActivityEntry | None:
    """The change of several cells ``user`` just made (a page without JavaScript offers its undo)."""
    return (
        ActivityEntry.objects.filter(pk=entry_id, project=project, verb__in=BULK_VERBS, actor_id=user.pk)
        .only("pk", "summary", "verb")
        .first()
    )


def fix_for(board: Board, task_id: int, code: str) -> FixPreview:
    """The safe fix of rule ``code`` on task ``task_id`` as the board offers it, or NotFound."""
    preview = next(
        (item for item in board_fixes(board) if item.task_id == task_id and item.finding.code == code), None
    )
    if preview is None:
        raise NotFound(
            _("This finding has no safe fix any more."),
            hint=_("Reload the board: the cells may have changed meanwhile."),
        )
    return preview


@dataclass(frozen=True, slots=True)
class BulkCell:
    """A cell a change of several cells set: its task (now), the role, the letters it was given."""

    task_id: int
    task_key: str
    task_version: int
    role_key: str
    letters: int


def bulk_change_cells(user: Requester, project_id: int, entry_id: int) -> tuple[BulkCell, ...]:
    """The cells the change of several cells ``entry_id`` set in a project the user may see, with
    their tasks' current versions (NotFound when it is no such change of that project)."""
    entry = bulk_change(user, project_id, entry_id)
    if entry is None:
        raise NotFound(_("No such RACI change."), hint=_("Pick a RACI change from the project's activity."))
    cells = list((entry.after or {}).get("cells", []))
    tasks = {
        key: (pk, version)
        for key, pk, version in ProjectTask.objects.filter(
            project_id=project_id, key__in={cell["task"] for cell in cells}
        ).values_list("key", "pk", "version")
    }
    return tuple(
        BulkCell(
            tasks[cell["task"]][0], cell["task"], tasks[cell["task"]][1], cell["role"], int(cell["letters"])
        )
        for cell in cells
        if cell["task"] in tasks
    )
