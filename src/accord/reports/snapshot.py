"""What a status report shows, taken from a project as it stands: the snapshot a report keeps.

The snapshot is plain JSON, written once and never read back as state: phase, progress, the
forecast, what is late and on whom, blocked tasks with their reasons, the decisions needed from
the customer, and the next milestones. It holds no internal text (the audience rule of
docs/DESIGN.md): internal comments never enter it, so the same snapshot serves vendor staff and
contacts.

Decisions needed from the customer:

- an open request for input (:func:`accord.projects.task_selectors.open_input_requests`) on a
  task where a customer-side role is Consulted: the customer owes the answer;
- a task awaiting approval whose Accountable is a customer-side role.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from accord.accounts.models import User
from accord.domain.playbook import Side
from accord.domain.raci import Raci
from accord.domain.workflow import CLOSED_STATUSES, Status
from accord.projects.models import Project, ProjectTask, RaciCell, RoleAssignment, TaskComment
from accord.projects.planning import project_today
from accord.projects.playbook_copy import project_playbook
from accord.projects.task_selectors import has_open_input_request, open_input_requests

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _Asking(TypedDict):
    asking: bool  # whether the task has an open request for input


#: A task of the snapshot's one query, annotated with ``asking``.
type _Task = WithAnnotations[ProjectTask, _Asking]  # lazy: evaluated by type checkers only

#: The snapshot format; a later format can still show older reports.
SNAPSHOT_VERSION = 1
#: How many upcoming milestones a report lists.
NEXT_MILESTONES = 5
#: The keys that count when saying whether anything changed between two reports.
COMPARED = ("phase", "progress", "forecast", "late", "blocked", "decisions", "milestones")


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _name(user: User) -> str:
    return user.get_full_name() or user.email


def _public_comments() -> Any:
    """Comments contacts may read: without the internal ones, where comments can be internal."""
    fields = {field.name for field in TaskComment._meta.get_fields()}
    return {"internal": False} if "internal" in fields else {}


class _Staffing:
    """Who holds which RACI letter on each task, and who is staffed in each role (two queries)."""

    def __init__(self, project: Project, roles: dict[str, Any]) -> None:
        self.roles = roles
        self.order = {key: index for index, key in enumerate(roles)}
        self.cells: dict[int, dict[str, int]] = {}
        for cell in RaciCell.objects.filter(task__project=project):
            self.cells.setdefault(cell.task_id, {})[cell.role_key] = cell.letters
        self.people: dict[str, list[User]] = {}
        for assignment in (
            RoleAssignment.objects.select_related("user")
            .filter(project=project, user__is_active=True)
            .order_by("-is_lead", "created_at", "pk")
        ):
            self.people.setdefault(assignment.role_key, []).append(assignment.user)

    def holders(self, task: ProjectTask, letter: Raci, *, only: set[str] | None = None) -> list[str]:
        """The role keys holding ``letter`` on ``task`` (in playbook order), among ``only``."""
        keys = sorted(
            (
                key
                for key, letters in self.cells.get(task.pk, {}).items()
                if letters & letter and letters != 16
            ),
            key=lambda key: self.order.get(key, len(self.order)),
        )
        return [key for key in keys if only is None or key in only]

    def who(self, role_keys: list[str], *, first_only: bool = False) -> tuple[str, str]:
        """The names of the people in ``role_keys`` and the roles' names (with ``first_only``:
        the first person found and their role)."""
        names: list[str] = []
        for key in role_keys:
            for user in self.people.get(key, [])[: 1 if first_only else None]:
                if _name(user) not in names:
                    names.append(_name(user))
            if first_only and names:
                return names[0], self.roles[key].name if key in self.roles else key
        role_name = ", ".join(self.roles[key].name for key in role_keys if key in self.roles)
        return ", ".join(names), role_name

    def responsible(self, task: ProjectTask) -> dict[str, str]:
        person, role = self.who(self.holders(task, Raci.R), first_only=True)
        return {"who": person, "role": role}


def _late(unfinished: list[_Task], today: dt.date, staffing: _Staffing) -> list[dict[str, Any]]:
    return [
        {"key": task.key, "task": task.name, "due": _day(task.planned_finish)} | staffing.responsible(task)
        for task in unfinished
        if task.planned_finish and task.planned_finish < today
    ]


def _blocked(unfinished: list[_Task], staffing: _Staffing) -> list[dict[str, Any]]:
    return [
        {"key": task.key, "task": task.name, "reason": task.status_reason} | staffing.responsible(task)
        for task in unfinished
        if task.status == Status.BLOCKED
    ]


def _decisions(
    unfinished: list[_Task], staffing: _Staffing, customer_roles: set[str]
) -> list[dict[str, Any]]:
    """Open questions to a Consulted customer role, and approvals a customer role is Accountable for."""
    decisions: list[dict[str, Any]] = []
    visible = _public_comments()
    for task in unfinished:
        consulted = staffing.holders(task, Raci.C, only=customer_roles)
        if task.asking and consulted:
            person, role = staffing.who(consulted)
            decisions.extend(
                {
                    "kind": "question",
                    "key": task.key,
                    "task": task.name,
                    "text": question.body,
                    "who": person,
                    "role": role,
                    "since": _day(question.created_at.date()),
                }
                for question in open_input_requests(task).filter(**visible)
            )
        accountable = staffing.holders(task, Raci.A, only=customer_roles)
        if task.status == Status.AWAITING_APPROVAL and accountable:
            person, role = staffing.who(accountable)
            decisions.append(
                {
                    "kind": "approval",
                    "key": task.key,
                    "task": task.name,
                    "text": "",
                    "who": person,
                    "role": role,
                }
            )
    return decisions


def _milestones(unfinished: list[_Task]) -> list[dict[str, Any]]:
    upcoming = sorted(
        (task for task in unfinished if task.milestone),
        key=lambda task: (task.planned_finish or dt.date.max, task.position),
    )[:NEXT_MILESTONES]
    return [{"key": task.key, "task": task.name, "due": _day(task.planned_finish)} for task in upcoming]


def snapshot_take(project: Project, *, today: dt.date | None = None) -> dict[str, Any]:
    """The project as it stands, as a report shows it. Five queries, plus one per task with an
    open request for input."""
    today = today or project_today(project)
    playbook = project_playbook(project)
    staffing = _Staffing(project, {role.key: role for role in playbook.roles})
    customer_roles = {role.key for role in playbook.roles if role.side is Side.CUSTOMER}
    tasks = list(ProjectTask.objects.filter(project=project).annotate(asking=has_open_input_request()))
    unfinished = [task for task in tasks if task.status not in CLOSED_STATUSES]
    return {
        "version": SNAPSHOT_VERSION,
        "taken_on": today.isoformat(),
        "phase": unfinished[0].phase_name if unfinished else "",
        "progress": {"finished": len(tasks) - len(unfinished), "total": len(tasks)},
        "forecast": {
            "p50": _day(project.go_live_p50),
            "p80": _day(project.go_live_p80),
            "p95": _day(project.go_live_p95),
            "committed": _day(project.go_live_baseline),
        },
        "late": _late(unfinished, today, staffing),
        "blocked": _blocked(unfinished, staffing),
        "decisions": _decisions(unfinished, staffing, customer_roles),
        "milestones": _milestones(unfinished),
    }


def snapshot_changed(current: dict[str, Any], previous: dict[str, Any] | None) -> bool:
    """Whether anything a report shows moved between two snapshots (the day they were taken aside)."""
    if previous is None:
        return True
    return any(current.get(key) != previous.get(key) for key in COMPARED)


def forecast_movement(current: dict[str, Any], previous: dict[str, Any] | None) -> int | None:
    """How many calendar days the P80 go-live moved since ``previous`` (later is positive);
    None when either report has no forecast."""
    now = (current.get("forecast") or {}).get("p80")
    then = ((previous or {}).get("forecast") or {}).get("p80")
    if not now or not then:
        return None
    return (dt.date.fromisoformat(now) - dt.date.fromisoformat(then)).days
