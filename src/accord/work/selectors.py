"""Reads of tasks and their RACI: who holds which letter, what a person may do, My work lists.

Everything starts from :mod:`accord.projects.access` (``visible_projects``, ``project_access``);
each list runs in a fixed number of queries whatever the number of projects and tasks (the tests
pin the counts). The board (:func:`board`) is the project's matrix as it stands, linted for the
vendor's staff (the linter's findings are internal).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.domain.errors import NotFound
from accord.domain.lint import Finding, lint
from accord.domain.playbook import SIDE_ORDER, Playbook, Side
from accord.domain.raci import Raci
from accord.domain.workflow import CLOSED_STATUSES, Capabilities, Status
from accord.inbox.models import Notification
from accord.projects import task_selectors
from accord.projects.access import Audience, ProjectAction, allowed, project_access, visible_projects
from accord.projects.models import Project, ProjectTask, RaciCell, RoleAssignment, TaskComment
from accord.projects.planning import project_today as project_today  # its home; kept here too
from accord.projects.playbook_copy import project_playbook
from accord.workspaces.access import Requester

#: The activity verbs of a RACI cell edit and of its undo (both can be undone).
RACI_VERBS = (Verb.RACI_CHANGED, Verb.RACI_UNDONE)


def is_late(task: ProjectTask, today: date) -> bool:
    """An open task whose planned finish is already behind us."""
    return (
        task.status not in CLOSED_STATUSES and task.planned_finish is not None and task.planned_finish < today
    )


def held_letters(user: Requester, task: ProjectTask) -> Raci:
    """The letters ``user`` holds on ``task`` through the roles they staff (one query)."""
    if not isinstance(user, User) or not user.is_active:
        return Raci(0)
    roles = RoleAssignment.objects.filter(project_id=task.project_id, user=user).values("role_key")
    letters = Raci(0)
    for value in RaciCell.objects.filter(task_id=task.pk, role_key__in=roles).values_list(
        "letters", flat=True
    ):
        if not value & Raci.NA:
            letters |= Raci(value)
    return letters


def capabilities(user: Requester, task: ProjectTask, *, manager: bool | None = None) -> Capabilities:
    """What ``user`` may do on ``task``: the R and A they hold, and whether they may move any task
    of the project (:attr:`ProjectAction.MOVE_ANY_TASK`; pass ``manager`` when already known).
    Two queries."""
    letters = held_letters(user, task)
    if manager is None:
        manager = allowed(user, ProjectAction.MOVE_ANY_TASK, task.project)
    return Capabilities(
        responsible=bool(letters & Raci.R), accountable=bool(letters & Raci.A), manager=manager
    )


def task_for(user: Requester, project_id: int, task_id: int) -> ProjectTask:
    """A task of a project the requester may see, with its project (and the project's workspace
    and customer); NotFound otherwise. Three queries."""
    project = project_access(user, project_id).project
    return task_of(project, task_id)


def task_of(project: Project, task_id: int) -> ProjectTask:
    """Task ``task_id`` of ``project`` (a project found through the access rule), else NotFound."""
    task = ProjectTask.objects.filter(project=project, pk=task_id).first()
    if task is None:
        raise NotFound(_("No such task."))
    task.project = project  # already fetched with its workspace and customer
    return task


def latest_cell_change(user: User, task: ProjectTask, role_key: str) -> int | None:
    """The id of the activity entry of the change ``user`` just made to a cell (what Undo undoes)."""
    return (
        ActivityEntry.objects.filter(
            project_id=task.project_id,
            verb__in=RACI_VERBS,
            target_key=f"{task.key}/{role_key}",
            actor=user,
        )
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


def cell_change_notice(user: Requester, project: Project, entry_id: int) -> ActivityEntry | None:
    """The RACI change ``user`` made that ``entry_id`` names (a page without JavaScript offers its
    undo), or None."""
    return (
        ActivityEntry.objects.filter(pk=entry_id, project=project, verb=RACI_VERBS[0], actor_id=user.pk)
        .only("pk", "summary")
        .first()
    )


def cell_change_for(user: Requester, project_id: int, entry_id: int) -> tuple[ActivityEntry, ProjectTask]:
    """A logged RACI change of a project the requester may see, and the task it changed (with its
    project); NotFound otherwise."""
    project = project_access(user, project_id).project
    entry = ActivityEntry.objects.filter(pk=entry_id, project=project, verb__in=RACI_VERBS).first()
    if entry is None:
        raise NotFound(_("No such RACI change."), hint=_("Pick a RACI change from the project's activity."))
    task_key, _separator, _role_key = entry.target_key.rpartition("/")
    task = ProjectTask.objects.filter(project=project, key=task_key).first()
    if task is None:
        raise NotFound(_("The task of this change no longer exists."))
    task.project = project
    return entry, task


# --- My work ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WorkRow:
    """One line of a My work list."""

    task_id: int
    task_key: str
    task_name: str
    phase_name: str
    status: str
    status_label: str
    due_date: date | None
    late: bool
    version: int
    project_id: int
    project_name: str
    customer_name: str
    open_input_request: bool = False
    notified_at: datetime | None = None


def _row(
    task: ProjectTask, *, open_input_request: bool = False, notified_at: datetime | None = None
) -> WorkRow:
    return WorkRow(
        task_id=task.pk,
        task_key=task.key,
        task_name=task.name,
        phase_name=task.phase_name,
        status=task.status,
        status_label=task.get_status_display(),
        due_date=task.planned_finish,
        late=is_late(task, project_today(task.project)),
        version=task.version,
        project_id=task.project_id,
        project_name=task.project.name,
        customer_name=task.project.customer.name,
        open_input_request=open_input_request,
        notified_at=notified_at,
    )


def _tasks_where_user_holds(user: User, letter: Raci) -> QuerySet[ProjectTask]:
    # Start from the user's own role assignments (a handful of rows, indexed by user) and join to
    # the cells of those roles on those projects. Testing every task of every visible project with
    # EXISTS instead cost a vendor admin 25,000 probes (the page bench: My work took 240 ms).
    holding = RaciCell.objects.filter(
        letters__in=task_selectors.letters_including(letter),
        task__project__assignments__user=user,
        role_key=F("task__project__assignments__role_key"),
    ).values("task_id")
    return (
        ProjectTask.objects.filter(pk__in=holding, project__in=visible_projects(user).values("pk"))
        .select_related("project", "project__customer")
        .defer("project__playbook_data")  # lists never need the playbook copy; decoding it is costly
        .order_by(F("planned_finish").asc(nulls_last=True), "project__name", "project_id", "position")
    )


def _active(user: Requester) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def my_responsible(user: Requester) -> list[WorkRow]:
    """Open tasks the user holds R on, soonest due first (tasks without a date last)."""
    person = _active(user)
    if person is None:
        return []
    tasks = _tasks_where_user_holds(person, Raci.R).exclude(status__in=CLOSED_STATUSES)
    return [_row(task) for task in tasks]


def my_approvals(user: Requester) -> list[WorkRow]:
    """Tasks awaiting approval on which the user holds A, soonest due first."""
    person = _active(user)
    if person is None:
        return []
    tasks = _tasks_where_user_holds(person, Raci.A).filter(status=Status.AWAITING_APPROVAL)
    return [_row(task) for task in tasks]


def my_consulted(user: Requester) -> list[WorkRow]:
    """Open tasks the user holds C on: those with an unanswered request for input first, then
    soonest due first."""
    person = _active(user)
    if person is None:
        return []
    tasks = (
        _tasks_where_user_holds(person, Raci.C)
        .exclude(status__in=CLOSED_STATUSES)
        .annotate(open_input_request=task_selectors.has_open_input_request())
    )
    rows = [_row(task, open_input_request=task.open_input_request) for task in tasks]
    # A stable sort keeps the due-date order within each group.
    rows.sort(key=lambda row: not row.open_input_request)
    return rows


def my_informed(user: Requester, limit: int = 20) -> list[WorkRow]:
    """The latest tasks finished that the user was told about as Informed, newest first."""
    person = _active(user)
    if person is None:
        return []
    notifications = (
        Notification.objects.filter(
            user=person,
            kind=Notification.Kind.TASK_DONE,
            task__isnull=False,
            project__in=visible_projects(person).values("pk"),
        )
        .select_related("task", "task__project", "task__project__customer")
        .defer("task__project__playbook_data")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        _row(notification.task, notified_at=notification.created_at)
        for notification in notifications
        if notification.task is not None
    ]


# --- The board ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BoardPerson:
    user_id: int
    name: str
    email: str
    is_lead: bool


@dataclass(frozen=True, slots=True)
class BoardRole:
    key: str
    name: str
    side: Side
    people: tuple[BoardPerson, ...]


@dataclass(frozen=True, slots=True)
class BoardSide:
    side: Side
    roles: tuple[BoardRole, ...]


@dataclass(frozen=True, slots=True)
class BoardTask:
    id: int
    key: str
    name: str
    status: str
    status_label: str
    due_date: date | None
    late: bool
    milestone: bool
    version: int
    cells: Mapping[str, Raci]  # by role key; empty cells absent
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class BoardPhase:
    key: str
    name: str
    tasks: tuple[BoardTask, ...]


@dataclass(frozen=True, slots=True)
class Board:
    """The project's matrix as it stands: phases of tasks with their cells, roles by side with
    their people, and what the linter says about the current RACI."""

    project: Project
    sides: tuple[BoardSide, ...]
    phases: tuple[BoardPhase, ...]
    findings: tuple[Finding, ...]  # none for a contact: the linter's findings are internal
    can_edit_raci: bool
    audience: Audience = Audience.SHARED

    @property
    def shows_findings(self) -> bool:
        """Whether the page shows what the linter says (to the vendor's staff only)."""
        return self.audience is Audience.INTERNAL

    @property
    def roles(self) -> tuple[BoardRole, ...]:
        """Every role, side by side, in column order."""
        return tuple(role for side in self.sides for role in side.roles)


def current_playbook(project: Project, tasks: list[ProjectTask]) -> Playbook:
    """The project's playbook copy as the project now stands: only the project's tasks, each
    with the RACI its cells hold today (``tasks`` with their ``cells`` prefetched), and the owner
    alternatives chosen at set-up dropped (a choice resolved them)."""
    playbook = project_playbook(project)
    rows = {task.key: task for task in tasks}
    chosen = project.alternative_choices or {}
    phases = []
    for phase in playbook.phases:
        kept = tuple(
            replace(
                task,
                raci={cell.role_key: Raci(cell.letters) for cell in rows[task.key].cells.all()},
                alternatives=() if task.key in chosen else task.alternatives,
            )
            for task in phase.tasks
            if task.key in rows
        )
        if kept:
            phases.append(replace(phase, tasks=kept))
    return replace(playbook, phases=tuple(phases))


def _tasks_with_cells(project: Project) -> list[ProjectTask]:
    return list(ProjectTask.objects.filter(project=project).order_by("position").prefetch_related("cells"))


def board_matrix(user: Requester, project_id: int) -> tuple[Project, Playbook]:
    """A project the user may see (NotFound otherwise) and its matrix as it stands (for the
    exports), in four queries."""
    project = project_access(user, project_id).project
    return project, current_playbook(project, _tasks_with_cells(project))


def board(user: Requester, project_id: int) -> Board:
    """The board of a project the user may see (NotFound otherwise), in five queries whatever its
    size. The linter's findings come only to the vendor's staff."""
    access = project_access(user, project_id)
    project = access.project
    tasks = _tasks_with_cells(project)
    assignments = (
        RoleAssignment.objects.filter(project=project, user__is_active=True)
        .select_related("user")
        .order_by("-is_lead", "created_at", "pk")
    )
    people: dict[str, list[BoardPerson]] = {}
    for assignment in assignments:
        people.setdefault(assignment.role_key, []).append(
            BoardPerson(
                user_id=assignment.user_id,
                name=assignment.user.get_full_name(),
                email=assignment.user.email,
                is_lead=assignment.is_lead,
            )
        )
    playbook = current_playbook(project, tasks)
    findings = lint(playbook) if access.allows(ProjectAction.SEE_INTERNAL) else ()
    findings_by_task: dict[str | None, list[Finding]] = {}
    for finding in findings:
        findings_by_task.setdefault(finding.task, []).append(finding)

    sides = tuple(
        BoardSide(
            side=side,
            roles=tuple(
                BoardRole(role.key, role.name, role.side, tuple(people.get(role.key, ())))
                for role in playbook.roles
                if role.side is side
            ),
        )
        for side in SIDE_ORDER
        if any(role.side is side for role in playbook.roles)
    )
    today = project_today(project)
    phases: list[BoardPhase] = []
    current: list[BoardTask] = []
    for index, task in enumerate(tasks):
        current.append(
            BoardTask(
                id=task.pk,
                key=task.key,
                name=task.name,
                status=task.status,
                status_label=task.get_status_display(),
                due_date=task.planned_finish,
                late=is_late(task, today),
                milestone=task.milestone,
                version=task.version,
                cells={cell.role_key: Raci(cell.letters) for cell in task.cells.all()},
                findings=tuple(findings_by_task.get(task.key, ())),
            )
        )
        following = tasks[index + 1] if index + 1 < len(tasks) else None
        if following is None or following.phase_key != task.phase_key:
            phases.append(BoardPhase(task.phase_key, task.phase_name, tuple(current)))
            current = []
    return Board(
        project=project,
        sides=sides,
        phases=tuple(phases),
        findings=findings,
        can_edit_raci=access.allows(ProjectAction.EDIT_RACI),
        audience=access.audience,
    )


# --- Lists for the API --------------------------------------------------------------------------


def project_tasks(
    user: Requester,
    project_id: int,
    *,
    status: str | None = None,
    phase: str | None = None,
    role: str | None = None,
    mine: bool = False,
    late: bool = False,
) -> tuple[Project, QuerySet[ProjectTask]]:
    """A project the requester may see (else NotFound) and its tasks with their RACI cells
    prefetched, filtered: a ``status``, a ``phase`` key, a ``role`` holding any letter, only the
    tasks where the requester holds a letter (``mine``), only late ones (``late``)."""
    project = project_access(user, project_id).project
    tasks = ProjectTask.objects.filter(project=project).prefetch_related("cells")
    if status:
        tasks = tasks.filter(status=status)
    if phase:
        tasks = tasks.filter(phase_key=phase)
    if role:
        holding = RaciCell.objects.filter(task__project=project, role_key=role, letters__lt=int(Raci.NA))
        tasks = tasks.filter(pk__in=holding.values("task_id"))
    if mine:
        roles = RoleAssignment.objects.filter(project=project, user_id=int(user.pk or 0)).values("role_key")
        holding = RaciCell.objects.filter(task__project=project, role_key__in=roles, letters__lt=int(Raci.NA))
        tasks = tasks.filter(pk__in=holding.values("task_id"))
    if late:
        tasks = tasks.filter(planned_finish__lt=project_today(project)).exclude(status__in=CLOSED_STATUSES)
    return project, tasks


def task_project_id(task_id: int) -> int:
    """The project of task ``task_id`` (to find it through the access rule next), or NotFound."""
    project_id = ProjectTask.objects.filter(pk=task_id).values_list("project_id", flat=True).first()
    if project_id is None:
        raise NotFound(_("No such task."))
    return project_id


def task_visible(user: Requester, task_id: int) -> ProjectTask:
    """A task of a project the requester may see, with its project; NotFound otherwise."""
    return task_for(user, task_project_id(task_id), task_id)


def task_comments(user: Requester, task_id: int) -> QuerySet[TaskComment]:
    """The comments of a task the requester may see (else NotFound), with their authors; its
    internal comments only to the vendor's staff."""
    task = task_visible(user, task_id)
    comments = TaskComment.objects.filter(task=task).select_related("author")
    if not allowed(user, ProjectAction.SEE_INTERNAL, task.project):
        comments = comments.exclude(internal=True)
    return comments
