"""Reads of whole work pages: one task's page and My work, each one dataclass its template draws.

The views only parse the request, call one of these, and render; who may see what (the project,
the task's internal text) is decided here through :mod:`accord.projects.access`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.activity.verbs import INTERNAL_VERBS, entry_detail, entry_sentence, playbook_names
from accord.design.models import DesignItem
from accord.design.selectors import my_open_questions
from accord.domain.playbook import Playbook
from accord.domain.workflow import Action, Capabilities, Status, allowed_actions
from accord.projects import task_selectors
from accord.projects.access import Audience, ProjectAction, project_access
from accord.projects.models import Project, ProjectTask, TaskComment
from accord.projects.playbook_copy import project_playbook
from accord.work import selectors
from accord.work.board_selectors import task_for_audience
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


def playbook_text(playbook: Playbook, task_key: str, audience: Audience) -> PlaybookText:
    """The details, timeframe, deliverables and (for the INTERNAL audience) notes of ``task_key``
    in a project's copy (:func:`accord.projects.playbook_copy.project_playbook`)."""
    for _phase, found in playbook.iter_tasks():
        if found.key == task_key:
            task = task_for_audience(found, audience)
            return PlaybookText(
                details=task.details,
                timeframe=task.timeframe,
                deliverables=task.deliverables,
                notes=task.notes,
                group=task.group,
            )
    return PlaybookText()


def _open_requests(task: ProjectTask, comments: list[TaskComment]) -> tuple[TaskComment, ...]:
    """The requests for input still open on ``task`` (the one rule:
    :func:`accord.projects.task_selectors.open_input_requests`), taken from its loaded comments."""
    still_open = set(task_selectors.open_input_requests(task).values_list("pk", flat=True))
    return tuple(comment for comment in comments if comment.pk in still_open)


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One entry of a task's history, as a sentence with people's, tasks' and roles' names."""

    entry: ActivityEntry
    sentence: str
    detail: str = ""  # what the person wrote with the change, if anything

    @property
    def created_at(self) -> datetime:
        return self.entry.created_at


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
    history: tuple[HistoryLine, ...]  # newest first, TASK_HISTORY at most


def task_page(user: Requester, project_id: int, task_id: int) -> TaskPage:
    """A task of a project the requester may see (NotFound otherwise): its dates, people by
    letter, what the playbook says (its notes to the vendor's staff only), the actions the
    person may take, comments and history. Ten queries whatever the task."""
    access = project_access(user, project_id)
    project = access.project
    task = selectors.task_of(project, task_id)
    capabilities = selectors.capabilities(user, task, manager=access.allows(ProjectAction.MOVE_ANY_TASK))
    shared = access.audience is Audience.SHARED
    # Internal comments (and their log entries) are for the vendor's staff only.
    comment_rows = TaskComment.objects.filter(task=task)
    comments = list(
        (comment_rows.exclude(internal=True) if shared else comment_rows)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    history_rows = ActivityEntry.objects.filter(project=project).filter(
        Q(target_key=task.key) | Q(target_key__startswith=f"{task.key}/")
    )
    history = (
        (history_rows.exclude(verb__in=INTERNAL_VERBS) if shared else history_rows)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:TASK_HISTORY]
    )
    playbook = project_playbook(project)
    names = playbook_names(playbook)
    return TaskPage(
        project=project,
        task=task,
        audience=access.audience,
        late=selectors.is_late(task, selectors.project_today(project)),
        capabilities=capabilities,
        actions=tuple(allowed_actions(Status(task.status), capabilities=capabilities)),
        people=task_selectors.task_people(task),
        text=playbook_text(playbook, task.key, access.audience),
        comments=tuple(comments),
        open_requests=_open_requests(task, comments),
        history=tuple(
            HistoryLine(entry, entry_sentence(entry, names), entry_detail(entry)) for entry in history
        ),
    )


@dataclass(frozen=True, slots=True)
class MyWork:
    """What waits for one person across every project they can see."""

    responsible: list[WorkRow]  # open tasks they do, soonest due first
    approvals: list[WorkRow]  # tasks awaiting their approval
    consulted: list[WorkRow]  # open tasks they give input on, open requests for input first
    informed: list[WorkRow]  # the latest tasks done that they were told about
    # The open questions of design reviews they own (accord.design), soonest due first.
    open_questions: list[DesignItem] = field(default_factory=list)


def my_work(user: Requester) -> MyWork:
    """The four My work lists of the requester and the design questions they own. Nine queries
    whatever the number of projects."""
    return MyWork(
        responsible=selectors.my_responsible(user),
        approvals=selectors.my_approvals(user),
        consulted=selectors.my_consulted(user),
        informed=selectors.my_informed(user),
        open_questions=my_open_questions(user),
    )
