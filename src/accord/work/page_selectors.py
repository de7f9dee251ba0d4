"""Reads of whole work pages: one task's page and My work, each one dataclass its template draws.

The views only parse the request, call one of these, and render; who may see what (the project,
the task's internal text) is decided here through :mod:`accord.projects.access`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.domain.workflow import Action, Capabilities, Status, allowed_actions
from accord.projects import task_selectors
from accord.projects.access import Audience, ProjectAction, project_access
from accord.projects.models import Project, ProjectTask, TaskComment
from accord.work import selectors
from accord.work.selectors import WorkRow
from accord.workspaces.access import Requester

#: How many entries of a task's history its page shows.
TASK_HISTORY = 50


@dataclass(frozen=True, slots=True)
class PlaybookText:
    """What the project's playbook copy says about one task."""

    details: str = ""
    timeframe: str = ""
    deliverables: tuple[str, ...] = ()
    #: Decisions taken where the source document was ambiguous: internal, vendor staff only.
    notes: tuple[str, ...] = ()
    group: str = ""


def playbook_text(playbook_data: Mapping[str, Any], task_key: str, audience: Audience) -> PlaybookText:
    """The details, timeframe, deliverables and (for the INTERNAL audience) notes of ``task_key``
    in a project's copy."""
    for phase in playbook_data.get("phases", ()):
        for task in phase.get("tasks", ()) if isinstance(phase, dict) else ():
            if isinstance(task, dict) and task.get("key") == task_key:
                notes = (task.get("notes") or ()) if audience is Audience.INTERNAL else ()
                return PlaybookText(
                    details=str(task.get("details") or ""),
                    timeframe=str(task.get("timeframe") or ""),
                    deliverables=tuple(str(item) for item in task.get("deliverables") or ()),
                    notes=tuple(str(item) for item in notes),
                    group=str(task.get("group") or ""),
                )
    return PlaybookText()


def _open_requests(comments: list[TaskComment]) -> tuple[TaskComment, ...]:
    """The requests for input asked since the last answer (what an answer closes)."""
    open_requests: list[TaskComment] = []
    for comment in comments:
        if comment.kind == TaskComment.Kind.ANSWER:
            open_requests = []
        elif comment.kind == TaskComment.Kind.QUESTION:
            open_requests.append(comment)
    return tuple(open_requests)


@dataclass(frozen=True, slots=True)
class TaskPage:
    """One task as its page shows it to one person."""

    project: Project
    task: ProjectTask
    audience: Audience
    late: bool
    capabilities: Capabilities
    actions: tuple[Action, ...]  # what the person may do now, in the workflow's order
    people: Mapping[str, list[User]]  # by letter: "R", "A", "C", "I"
    text: PlaybookText
    comments: tuple[TaskComment, ...]
    open_requests: tuple[TaskComment, ...]
    history: tuple[ActivityEntry, ...]  # newest first, TASK_HISTORY at most


def task_page(user: Requester, project_id: int, task_id: int) -> TaskPage:
    """A task of a project the requester may see (NotFound otherwise): its dates, people by
    letter, what the playbook says (its notes to the vendor's staff only), the actions the
    person may take, comments and history. Nine queries whatever the task."""
    access = project_access(user, project_id)
    project = access.project
    task = selectors.task_of(project, task_id)
    capabilities = selectors.capabilities(user, task, manager=access.allows(ProjectAction.MOVE_ANY_TASK))
    comments = list(
        TaskComment.objects.filter(task=task).select_related("author").order_by("created_at", "pk")
    )
    history = (
        ActivityEntry.objects.filter(project=project)
        .filter(Q(target_key=task.key) | Q(target_key__startswith=f"{task.key}/"))
        .select_related("actor")
        .order_by("-created_at", "-pk")[:TASK_HISTORY]
    )
    return TaskPage(
        project=project,
        task=task,
        audience=access.audience,
        late=selectors.is_late(task, selectors.project_today(project)),
        capabilities=capabilities,
        actions=tuple(allowed_actions(Status(task.status), capabilities=capabilities)),
        people=task_selectors.task_people(task),
        text=playbook_text(project.playbook_data, task.key, access.audience),
        comments=tuple(comments),
        open_requests=_open_requests(comments),
        history=tuple(history),
    )


@dataclass(frozen=True, slots=True)
class MyWork:
    """What waits for one person across every project they can see."""

    responsible: list[WorkRow]  # open tasks they do, soonest due first
    approvals: list[WorkRow]  # tasks awaiting their approval
    consulted: list[WorkRow]  # open tasks they give input on, open requests for input first
    informed: list[WorkRow]  # the latest tasks done that they were told about


def my_work(user: Requester) -> MyWork:
    """The four My work lists of the requester. Eight queries whatever the number of projects."""
    return MyWork(
        responsible=selectors.my_responsible(user),
        approvals=selectors.my_approvals(user),
        consulted=selectors.my_consulted(user),
        informed=selectors.my_informed(user),
    )
